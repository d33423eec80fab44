package org.medassist.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.medassist.engine.ledger.Computation;
import org.medassist.engine.ledger.Entry;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.ledger.YearTotals;
import org.medassist.engine.model.AidApplication;
import org.medassist.engine.model.ClaimKey;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.money.Money;
import org.medassist.engine.timeline.IdentityChange;
import org.medassist.engine.timeline.IdentityTimeline;
import org.medassist.engine.model.ParameterValue;
import org.medassist.engine.model.Reversal;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.model.ResultStatus;
import org.medassist.engine.model.RegionYear;
import org.medassist.engine.policy.DecisionBounds;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.settle.ClaimSettler;
import org.medassist.engine.settle.PersonYearFold;
import org.medassist.engine.settle.Publisher;

/**
 * The settlement engine: pure Java, no I/O. Person events act on a {@link PersonLedger} the caller owns (a map in
 * replay, a state store in streaming); region-wide events (parameters, year closes) return whether the caller must
 * then {@link #recompute} or {@link #closeYear} the persons of that region-year.
 */
public final class SettlementEngine {
    private final PolicyCatalog catalog;
    private final ParameterBook params;
    private final Set<String> closedYears = new HashSet<>();
    private final ClaimSettler settler;
    private final PersonYearFold fold;

    public SettlementEngine(PolicyCatalog catalog, ParameterBook params) {
        this.catalog = catalog;
        this.params = params;
        this.settler = new ClaimSettler(params);
        this.fold = new PersonYearFold(settler, params);
    }

    /**
     * Makes claims' computations let their explanation's figures go once published (they keep their amounts), so that
     * a caller whose ledgers are never queried, such as replay, does not hold them for every claim; reading such an
     * explanation again is an error. Returns this engine.
     */
    public SettlementEngine dropExplanationsOncePublished() {
        settler.keepExplanations(false);
        return this;
    }

    public PolicyCatalog catalog() { return catalog; }

    public ParameterBook parameters() { return params; }

    public void identity(PersonLedger ledger, IdentityChange e, EngineOutput out) {
        if (catalog.get(e.region()) == null) {
            out.settlement(rejected(null, e.personId(), e.region(), 0, "identity:" + e.eventId(), unknownRegion(e.region())));
            return;
        }
        IdentityTimeline.Applied applied = ledger.timeline.apply(e);
        if (applied == IdentityTimeline.Applied.CONFLICT) {
            out.settlement(rejected(null, e.personId(), e.region(), 0, "identity:" + e.eventId(), IdentityTimeline.conflict(e)));
            return;
        }
        if (!applied.changed()) return; // the same event again has no effect
        recompute(ledger, e.region(), out);
    }

    /** A person's whole identity timeline as published by eligibility-service; recomputes when it changed. */
    public void timeline(PersonLedger ledger, List<IdentityChange> all, EngineOutput out) {
        if (!ledger.timeline.replaceWith(all)) return;
        for (String region : ledger.regions()) recompute(ledger, region, out);
    }

    /** Rebuilds the derived state (totals, current computations) of a ledger read back from storage; publishes nothing. */
    public void restore(PersonLedger ledger) {
        for (String region : ledger.regions()) {
            RegionPolicy p = catalog.get(region);
            if (p == null) continue;
            List<PersonYear> years = ledger.years(region);
            long[] fired = new long[years.size()];
            for (int i = 0; i < fired.length; i++) fired[i] = years.get(i).totals.alertsFired;
            fold.refold(p, ledger);
            for (int i = 0; i < fired.length; i++) years.get(i).totals.alertsFired = fired[i];
        }
    }

    /**
     * Rebuilds the derived state of one person-year read back from storage; publishes nothing. A year's totals depend
     * on its own entries only; its end items may read other years, which the ledger loads (and restores) on demand.
     */
    public void restoreYear(PersonLedger ledger, PersonYear py) {
        RegionPolicy p = catalog.get(py.region);
        if (p == null) return;
        // restoring publishes nothing, so it must not use up an alert the next real event may fire
        long fired = py.totals.alertsFired;
        fold.refoldYear(p, ledger, py);
        py.totals.alertsFired = fired;
    }

    public void claim(PersonLedger ledger, MedicalClaim c, EngineOutput out) {
        RegionPolicy p = catalog.get(c.region());
        if (p == null) {
            out.settlement(rejected(ClaimKey.of(c), c.personId(), c.region(), c.year(), null, unknownRegion(c.region())));
            return;
        }
        ClaimKey key = ClaimKey.of(c);
        String breach = contractBreach(c);
        if (breach != null) {
            // never accepted, so it reserves nothing: the same claim with valid content is a first receipt (E14.15)
            out.settlement(rejected(key, c.personId(), c.region(), c.year(), null, breach));
            return;
        }
        PersonYear own = ledger.year(c.region(), c.year()); // looked up once: persons' years are seldom in the cache
        claimChecked(ledger, p, c, key, own, ledger.findClaim(key, own), out);
    }

    /**
     * The rest of {@link #claim} for a caller that has made its first checks itself, in the same order (replay's
     * router, which must know them before asking who owns the claim; docs/performance.md): {@code p} is the claim's
     * region's policy (not null), {@link #contractBreach} is null, {@code key} is {@code ClaimKey.of(c)}, {@code own}
     * is {@code ledger.year(c.region(), c.year())} and {@code known} is {@code ledger.findClaim(key, own)}, both looked
     * up after anything that may have loaded a year of the ledger. What follows is {@link #claim}'s: a known claim is a
     * duplicate or a conflict, a new one is settled.
     */
    public void claimChecked(PersonLedger ledger, RegionPolicy p, MedicalClaim c, ClaimKey key, PersonYear own, Entry known,
                             EngineOutput out) {
        if (known != null) {
            if (!known.claim.equals(c)) {
                out.settlement(rejected(key, c.personId(), c.region(), c.year(), null,
                        "claim " + key + " was already received with different content; send a reversal and a new claimId to correct it"));
            }
            return;
        }
        PersonYear py = own != null ? own : yearOf(ledger, p, c.region(), c.year());
        Entry e = py.add(Entry.claim(c));
        if (py.parkedFrom >= 0) {
            e.computed = Computation.parked(fold.queuedReason(py));
        } else {
            // appended at the end of the year's sequence: one fold step, no recomputation (E1)
            e.computed = settler.settle(p, ledger.timeline.spells(), c, py.totals, ledger.personId);
            if (e.computed.isParked()) py.parkedFrom = py.entries.size() - 1;
        }
        Publisher.publish(p, ledger.personId, py, e, out);
        fold.refreshEndItems(p, ledger, c, out);
    }

    public void reversal(PersonLedger ledger, Reversal r, EngineOutput out) {
        if (ledger.refusedReversal(r.reversalId()) || ledger.reversedBy(r.reversalId()) != null) return;
        Entry e = reversalTarget(ledger, r, out);
        if (e == null) {
            // remembered, so resending the refused id has no further effect
            ledger.refuseReversal(r.reversalId(), r.claimId());
            return;
        }
        if (e.reversed()) {
            out.settlement(rejected(ClaimKey.of(e.claim), r.personId(), r.region(), e.claim.year(), r.reversalId(),
                    "reversal " + r.reversalId() + ": claim " + ClaimKey.of(e.claim) + " was already reversed by " + e.reversalId));
            ledger.refuseReversal(r.reversalId(), r.claimId());
            return;
        }
        RegionPolicy p = catalog.get(e.claim.region());
        e.reversalId = r.reversalId();
        Publisher.reversed(p, ledger.personId, ledger.year(e.claim.region(), e.claim.year()), e, r.reason(), out);
        recompute(ledger, e.claim.region(), out);
    }

    /** The claim a reversal names (hospital and claimId, or claimId alone when it is the person's only one), or null after a rejection. */
    private Entry reversalTarget(PersonLedger ledger, Reversal r, EngineOutput out) {
        List<Entry> named = ledger.claimsNamed(r.claimId());
        if (r.hospitalId() != null) named = named.stream().filter(e -> e.claim.hospitalId().equals(r.hospitalId())).toList();
        String what = r.hospitalId() == null ? "claim " + r.claimId() : "claim " + new ClaimKey(r.hospitalId(), r.claimId());
        if (named.size() == 1) return named.get(0);
        ClaimKey key = r.hospitalId() == null ? null : new ClaimKey(r.hospitalId(), r.claimId());
        String reason = named.isEmpty()
                ? "reversal " + r.reversalId() + ": " + what + " is unknown for this person"
                : "reversal " + r.reversalId() + ": " + named.size() + " hospitals sent a claim " + r.claimId()
                        + " for this person; name the hospitalId to reverse one";
        out.settlement(key != null ? rejected(key, r.personId(), r.region(), 0, r.reversalId(), reason)
                : rejectedReference(r.claimId(), r.personId(), r.region(), 0, r.reversalId(), reason));
        return null;
    }

    public void application(PersonLedger ledger, AidApplication a, EngineOutput out) {
        RegionPolicy p = catalog.get(a.region());
        String ref = a.applicationId();
        if (p == null) {
            out.settlement(rejected(null, a.personId(), a.region(), a.year(), ref, unknownRegion(a.region())));
            return;
        }
        PersonYear existing = ledger.year(a.region(), a.year());
        Entry known = existing == null ? null : existing.application(a.applicationId());
        if (known != null) {
            if (!known.application.equals(a)) {
                out.settlement(rejected(null, a.personId(), a.region(), a.year(), ref,
                        "application " + ref + " was already received with different content"));
            }
            return;
        }
        String refusal = applicationRefusal(p, a);
        if (refusal != null) {
            out.settlement(rejected(null, a.personId(), a.region(), a.year(), ref, refusal));
            return;
        }
        PersonYear py = yearOf(ledger, p, a.region(), a.year());
        py.add(Entry.application(a));
        recompute(ledger, a.region(), out);
    }

    /** Records a parameter; true when it changed, so the region-year's persons must be recomputed. */
    public boolean parameter(ParameterValue v) {
        return params.put(v.region(), v.year(), v.name(), v.value());
    }

    /** Why a parameter event is refused, or null when it is acceptable. */
    public String parameterRefusal(ParameterValue v) {
        RegionPolicy p = catalog.get(v.region());
        if (p == null) return unknownRegion(v.region());
        if (!v.name().equals(ParameterBook.INCOME) && !p.namedAmounts().containsKey(v.name())) {
            return "parameter " + v.name() + " is not used by " + v.region() + "; known: " + ParameterBook.INCOME
                    // sorted: the names' map has no stable order, and the same input must give the same message
                    + (p.namedAmounts().isEmpty() ? "" : ", " + String.join(", ", new java.util.TreeSet<>(p.namedAmounts().keySet())));
        }
        return null;
    }

    /** Records a year close; true when it is new, so the region-year's persons must be closed. */
    public boolean yearClose(RegionYear y) {
        return catalog.get(y.region()) != null && closedYears.add(y.region() + '|' + y.year());
    }

    public boolean isClosed(String region, int year) { return closedYears.contains(region + '|' + year); }

    public Set<String> closedYears() { return Set.copyOf(closedYears); }

    /** Pays the year-end items of a closed region-year for one person. */
    public void closeYear(PersonLedger ledger, String region, int year, EngineOutput out) {
        RegionPolicy p = catalog.get(region);
        PersonYear py = ledger.year(region, year);
        if (p == null || py == null || p.yearEnd() == null) return;
        for (Entry e : py.entries) if (e.kind == Entry.Kind.YEAR_END) return;
        py.add(Entry.yearEnd(region, year));
        recompute(ledger, region, out);
    }

    /** Refolds every person-year of the region and publishes what changed (E1). */
    public void recompute(PersonLedger ledger, String region, EngineOutput out) {
        RegionPolicy p = catalog.get(region);
        if (p != null) fold.recompute(p, ledger, out);
    }

    /** A rejection of a claim (or of a reversal of one): carries the claim's hospital and id. */
    public SettlementResult rejected(ClaimKey claim, String personId, String region, int year, String reference, String reason) {
        return rejection(claim == null ? null : claim.claimId(), claim == null ? null : claim.hospitalId(),
                "rejected:" + (claim != null ? claim.toString() : reference) + (reference != null && claim != null ? ":" + reference : ""),
                personId, region, year, reference, reason);
    }

    /**
     * A rejection of an input that names no claim of a known hospital: an identity, application, parameter or year
     * close, or a reversal by claimId alone. {@code claimId} may be null.
     */
    public SettlementResult rejectedReference(String claimId, String personId, String region, int year, String reference, String reason) {
        return rejection(claimId, null, "rejected:" + (claimId != null ? claimId : reference)
                + (reference != null && claimId != null ? ":" + reference : ""), personId, region, year, reference, reason);
    }

    private SettlementResult rejection(String claimId, String hospitalId, String id, String personId, String region, int year,
                                       String reference, String reason) {
        RegionPolicy p = region == null ? null : catalog.get(region);
        return new SettlementResult(id, claimId, personId == null ? "" : personId, region == null ? "" : region, year,
                ResultStatus.REJECTED, null, null, 0, 0, 0, 0,
                0, 0, p == null ? null : p.policyRef(), List.of("rejected: " + reason), reference, reason, false, List.of(),
                hospitalId, null, null);
    }

    /** An empty person-year shaped for the region's pools and classes. */
    public PersonYear newYear(String region, int year) {
        RegionPolicy p = catalog.get(region);
        if (p == null) throw new IllegalArgumentException("region \"" + region + "\" has no policy");
        // the policy's own region string: one shared instance, in the cache, for every person's year of the region
        return new PersonYear(p.region(), year, new YearTotals(p.pools().deductiblePools().size(),
                p.classifier().classCount(), p.pools().capPools().size(),
                p.targetTilt() == null ? 0 : p.targetTilt().groupTargetPpm().length));
    }

    private PersonYear yearOf(PersonLedger ledger, RegionPolicy p, String region, int year) {
        PersonYear py = ledger.year(region, year);
        if (py != null) return py;
        py = ledger.putYear(newYear(region, year));
        if (p.yearEnd() != null && isClosed(region, year)) py.add(Entry.yearEnd(region, year));
        return py;
    }

    /** Why a claim breaks the contract's amounts (E5), or null: no amount may be negative, nor S. */
    public static String contractBreach(MedicalClaim c) {
        if ((c.total() | c.outOfScope() | c.policyScope() | c.basicInsurance() | c.criticalIllness() | c.otherInsurance()) < 0) {
            String[] names = {"total", "outOfScope", "policyScope", "basicInsurance", "criticalIllness", "otherInsurance"};
            long[] amounts = {c.total(), c.outOfScope(), c.policyScope(), c.basicInsurance(), c.criticalIllness(), c.otherInsurance()};
            for (int i = 0; i < names.length; i++) {
                if (amounts[i] < 0) {
                    return "claim " + c.claimId() + ": amounts." + names[i] + " " + Money.format(amounts[i]) + " is negative (DECISIONS E5)";
                }
            }
        }
        if (c.selfPay() < 0) {
            return "claim " + c.claimId() + ": S = policyScope " + Money.format(c.policyScope()) + " − basicInsurance "
                    + Money.format(c.basicInsurance()) + " − criticalIllness " + Money.format(c.criticalIllness())
                    + " − otherInsurance " + Money.format(c.otherInsurance()) + " = " + Money.format(c.selfPay())
                    + " is negative (DECISIONS E5)";
        }
        return null;
    }

    /**
     * Why a one-time application's county decision is outside its policy's bounds (FCG-A10, docs/readings.md), or
     * null: for ingestion to refuse before anything is produced, as {@link #application} refuses it.
     */
    public String decisionRefusal(AidApplication a) {
        RegionPolicy p = catalog.get(a.region());
        return p == null || !a.oneTime() || p.oneTime() == null ? null : decisionRefusal(p, a);
    }

    private static String decisionRefusal(RegionPolicy p, AidApplication a) {
        DecisionBounds bounds = p.oneTime().bounds();
        if (bounds == null) return null;
        String outside = bounds.refusal(a.decisionDeductible(), a.decisionRatePpm(), a.decisionCap());
        return outside == null ? null : "application " + a.applicationId() + ": " + outside;
    }

    private static String applicationRefusal(RegionPolicy p, AidApplication a) {
        if (a.oneTime()) {
            return p.oneTime() == null ? p.name() + " has no one-time assistance on application" : decisionRefusal(p, a);
        }
        boolean onApplication = (p.residualTilt() != null && p.residualTilt().onApplication())
                || (p.targetTilt() != null && p.targetTilt().onApplication());
        if (!onApplication) {
            return p.name() + " pays no tilt on application"
                    + (p.residualTilt() != null ? ": its tilt is paid automatically as it accrues" : "");
        }
        if (a.filedDate().getYear() < a.year()) {
            return "application " + a.applicationId() + " filed " + a.filedDate() + " before its year " + a.year();
        }
        return null;
    }

    private String unknownRegion(String region) { return catalog.unknownRegion(region); }
}
