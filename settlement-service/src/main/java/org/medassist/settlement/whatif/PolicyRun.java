package org.medassist.settlement.whatif;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.ledger.Entry;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.ResultStatus;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.events.PersonEligibility;
import org.medassist.settlement.ledger.StoredLedgers;
import org.medassist.settlement.route.EventRouter;
import org.medassist.settlement.route.Limits;

/**
 * One side of a what-if: a policy catalog settling the history through the same path as {@code bin/settle replay} and
 * the stream ({@link EventRouter} over the engine), with the ledgers in their stored form ({@link CompactLedgerStore})
 * behind a bounded cache of decoded ones ({@link WriteBackLedgers}), so memory holds encoded events rather than every
 * decoded ledger (docs/whatif.md, "Memory"). The outputs are only counted: what the side paid is read back from the ledgers at the
 * end ({@link #facts}), the final state of every entry.
 */
final class PolicyRun {
    /** What one person-year came to on this side (money in fen; the measures are the engine's, E13). */
    record YearFacts(String personId, String region, int year, long assistance, long tilt, long selfPay, long outOfScope,
                     long residual, long burden, long alertsFired, String tier, List<Item> items) {
        long paid() { return assistance + tilt; }
    }

    /** One entry of a person-year: a claim, an application or the year-end item, with the final amounts paid on it. */
    record Item(String tier, String claimClass, String month, long assistance, long tilt, boolean claim) {}

    /** Labels of the items that are not claims, for the class table. */
    static final String TILT_APPLICATION = "(application: tilt)";
    static final String ONE_TIME = "(application: one-time)";
    static final String YEAR_END = "(year end)";
    static final String NOT_COVERED = "(no class)";
    static final String NO_TIER = "(none)";
    static final String PARKED = "(parked)";

    private final String name;
    private final PolicyCatalog catalog;
    private final SettlementEngine engine;
    private final CompactLedgerStore store = new CompactLedgerStore();
    private final WriteBackLedgers ledgers;
    private final EventRouter router;
    private final Map<ResultStatus, Long> statuses = new EnumMap<>(ResultStatus.class);
    private long alerts;
    private long failed;
    private String firstFailure;

    private final EngineOutput counting = new EngineOutput() {
        @Override
        public void settlement(SettlementResult s) { statuses.merge(s.status(), 1L, Long::sum); }

        @Override
        public void alert(MonitoringAlert a) { alerts++; }
    };

    /**
     * @param owners the registry of ids owned across persons, shared with the other side ({@link SharedOwners}), or
     *               null for one of its own
     */
    PolicyRun(String name, PolicyCatalog catalog, int cachedPersons, SharedOwners owners) {
        this.name = name;
        this.catalog = catalog;
        this.engine = new SettlementEngine(catalog, new ParameterBook());
        this.ledgers = new WriteBackLedgers(store, engine, cachedPersons);
        this.router = new EventRouter(engine, ledgers, (owners != null ? owners : new SharedOwners()).side(), Limits.DEFAULT);
    }

    /** The history is read: every ledger still decoded goes to the store, from which {@link #facts} reads. */
    void finish() { ledgers.flush(); }

    String name() { return name; }

    PolicyCatalog catalog() { return catalog; }

    /** Applies one input event, as replay does; a whole timeline (from person-eligibility) as the stream does. */
    void apply(SpecificRecord record) {
        try {
            if (record instanceof PersonEligibility t) {
                PersonLedger l = ledgers.get(t.getPersonId());
                String refusal = router.limitRefusal(l, t);
                if (refusal != null) counting.settlement(router.reject(t, refusal));
                else router.timeline(l, t, counting);
                ledgers.changed(l);
            } else {
                router.route(record, counting);
            }
        } catch (RuntimeException e) {
            failed++;
            if (firstFailure == null) firstFailure = e.toString();
        }
    }

    long failed() { return failed; }

    String firstFailure() { return firstFailure; }

    long alerts() { return alerts; }

    Map<ResultStatus, Long> statuses() { return Map.copyOf(statuses); }

    int persons() { return store.size(); }

    long storedBytes() { return store.bytes(); }

    List<String> personIds() { return store.personIds(); }

    /** The final state of a person's years within the scope, read back from the store (each year refolded). */
    List<YearFacts> facts(String personId, Scope scope) {
        List<YearFacts> out = new ArrayList<>(2);
        if (!StoredLedgers.exists(store, personId)) return out;
        PersonLedger l = StoredLedgers.load(store, engine, personId);
        for (String region : l.regions()) {
            RegionPolicy p = catalog.get(region);
            if (p == null || !scope.region(region)) continue;
            for (PersonYear py : l.years(region)) {
                if (scope.reports(region, py.year)) out.add(facts(p, personId, py));
            }
        }
        return out;
    }

    private static YearFacts facts(RegionPolicy p, String personId, PersonYear py) {
        long assistance = 0;
        long tilt = 0;
        List<Item> items = new ArrayList<>(py.entries.size());
        long[] byTier = new long[p.tiers().size() + 1];
        for (Entry e : py.entries) {
            String tier = tierOf(e);
            String cls;
            LocalDate day;
            switch (e.kind) {
                case CLAIM -> {
                    int c = p.classifier().classify(e.claim);
                    cls = c < 0 ? NOT_COVERED : p.classifier().name(c);
                    day = e.claim.date();
                }
                case APPLICATION -> {
                    cls = e.application.oneTime() ? ONE_TIME : TILT_APPLICATION;
                    day = clamp(e.application.filedDate(), py.year);
                }
                default -> {
                    cls = YEAR_END;
                    day = LocalDate.of(py.year, 12, 31);
                }
            }
            assistance += e.paidAssistance;
            tilt += e.paidTilt;
            boolean claim = e.kind == Entry.Kind.CLAIM && !e.reversed() && e.settled;
            items.add(new Item(tier, cls, day.toString().substring(0, 7), e.paidAssistance, e.paidTilt, claim));
            int t = tierIndex(p, e.computed == null ? null : e.computed.tier);
            byTier[t] += e.paidAssistance + e.paidTilt;
        }
        // the person-year's tier: the one that paid most (ties: the first in the policy file), else none
        int best = byTier.length - 1;
        for (int i = 0; i < byTier.length - 1; i++) if (byTier[i] > 0 && (best == byTier.length - 1 || byTier[i] > byTier[best])) best = i;
        String tier = best == byTier.length - 1 ? NO_TIER : p.tiers().get(best).key();
        var t = py.totals;
        return new YearFacts(personId, py.region, py.year, assistance, tilt, t.sumS, t.sumOutOfScope, t.residual(), t.burden(),
                t.alertsFired, tier, items);
    }

    private static String tierOf(Entry e) {
        if (e.computed == null) return NO_TIER;
        if (e.computed.isParked()) return PARKED;
        return e.computed.tier == null ? NO_TIER : e.computed.tier;
    }

    private static int tierIndex(RegionPolicy p, String tier) {
        if (tier != null) for (int i = 0; i < p.tiers().size(); i++) if (p.tiers().get(i).key().equals(tier)) return i;
        return p.tiers().size();
    }

    private static LocalDate clamp(LocalDate day, int year) {
        if (day.getYear() < year) return LocalDate.of(year, 1, 1);
        if (day.getYear() > year) return LocalDate.of(year, 12, 31);
        return day;
    }
}
