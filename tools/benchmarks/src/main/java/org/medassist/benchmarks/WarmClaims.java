package org.medassist.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.ledger.Entry;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.model.AidApplication;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.ParameterValue;
import org.medassist.engine.model.RegionYear;
import org.medassist.engine.model.Reversal;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.timeline.IdentityChange;

/**
 * Warm person-years and the claims measured on them, shared by the engine benchmarks.
 *
 * <p>A seeded {@link Population} of {@code people} persons spread over every region of the bundled catalog (kinds,
 * locations, identities, residents, late recognitions, exits, tilt applications, reversals) settles its whole first
 * year (closed) and the first half of each person's claims of the second year. The second halves, shuffled, are the
 * measured claims. Each measured person-year is {@linkplain PersonYear#mark marked} as warm, so a benchmark can put it
 * back ({@link #rewind}) after settling on it.
 */
final class WarmClaims {
    static final int YEAR = ReplayInput.FIRST_YEAR + 1;

    final SettlementEngine engine;
    final PersonLedger[] ledgers;
    final MedicalClaim[] claims;
    /** The person-year each measured claim settles into, and that year's warm mark. */
    final PersonYear[] years;
    final PersonYear.Mark[] warm;
    /** Each measured person-year once, with its mark: what {@link #rewindAll} puts back. */
    private final PersonYear[] distinctYears;
    private final PersonYear.Mark[] distinctMarks;
    final int persons;

    WarmClaims(int people, long seed) {
        PolicyCatalog catalog = PolicyLoader.bundled();
        engine = new SettlementEngine(catalog, new ParameterBook());
        Population pop = new Population(catalog, seed);
        EngineOutput discard = new EngineOutput() {
            @Override public void settlement(SettlementResult s) {}
            @Override public void alert(MonitoringAlert a) {}
        };
        for (int y = YEAR - 1; y <= YEAR; y++) for (ParameterValue v : pop.parameters(y)) engine.parameter(v);
        pop.checkResolves(engine.parameters(), java.time.LocalDate.of(YEAR, 6, 30));
        Map<String, PersonLedger> byPerson = new HashMap<>();
        List<Object[]> pool = new ArrayList<>();
        for (int y = YEAR - 1; y <= YEAR; y++) {
            for (int i = 0; i < people; i++) {
                Population.PersonYearEvents pe = pop.person(i, y, YEAR - 1);
                PersonLedger l = byPerson.computeIfAbsent(pe.personId(), PersonLedger::new);
                int total = 0;
                for (Object e : pe.events()) if (e instanceof MedicalClaim) total++;
                int warmClaims = y < YEAR ? total : Math.max(1, total / 2);
                int k = 0;
                Set<String> pooled = new HashSet<>();
                for (Object e : pe.events()) {
                    if (e instanceof MedicalClaim c && k++ >= warmClaims) {
                        pool.add(new Object[] {l, c});
                        pooled.add(c.claimId());
                    } else if (!(e instanceof Reversal r && pooled.contains(r.claimId()))) {
                        apply(l, e, discard);
                    }
                }
            }
            if (y < YEAR) {
                for (RegionPolicy p : pop.regions()) {
                    if (engine.yearClose(new RegionYear(p.region(), y))) {
                        for (PersonLedger l : byPerson.values()) engine.closeYear(l, p.region(), y, discard);
                    }
                }
            }
        }
        persons = byPerson.size();
        Collections.shuffle(pool, new Random(seed));
        int n = pool.size();
        ledgers = new PersonLedger[n];
        claims = new MedicalClaim[n];
        years = new PersonYear[n];
        warm = new PersonYear.Mark[n];
        Map<PersonYear, PersonYear.Mark> marks = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            ledgers[i] = (PersonLedger) pool.get(i)[0];
            claims[i] = (MedicalClaim) pool.get(i)[1];
            years[i] = ledgers[i].year(claims[i].region(), claims[i].year());
            if (years[i] == null) throw new IllegalStateException("no warm year for " + claims[i]);
            warm[i] = marks.computeIfAbsent(years[i], PersonYear::mark);
        }
        distinctYears = marks.keySet().toArray(new PersonYear[0]);
        distinctMarks = new PersonYear.Mark[distinctYears.length];
        for (int i = 0; i < distinctYears.length; i++) distinctMarks[i] = marks.get(distinctYears[i]);
    }

    private void apply(PersonLedger l, Object e, EngineOutput out) {
        if (e instanceof MedicalClaim c) engine.claim(l, c, out);
        else if (e instanceof IdentityChange c) engine.identity(l, c, out);
        else if (e instanceof AidApplication a) engine.application(l, a, out);
        else if (e instanceof Reversal r) engine.reversal(l, r, out);
    }

    int size() { return claims.length; }

    /** Settles measured claim {@code i} on its person's ledger. */
    void settle(int i, EngineOutput out) { engine.claim(ledgers[i], claims[i], out); }

    /** Takes measured claim {@code i} back out of its person-year: the entry, its key, the key filter and the totals. */
    void rewind(int i) { years[i].rewind(warm[i]); }

    /** Puts every measured person-year back as it was warm. */
    void rewindAll() {
        for (int i = 0; i < distinctYears.length; i++) distinctYears[i].rewind(distinctMarks[i]);
    }

    /** Whether the last entry of measured claim {@code i}'s person-year is that claim (it settled, was not refused). */
    boolean lastEntryIs(int i) {
        List<Entry> entries = years[i].entries;
        return entries.get(entries.size() - 1).claim == claims[i];
    }
}
