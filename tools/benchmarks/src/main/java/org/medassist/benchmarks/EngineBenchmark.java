package org.medassist.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.ledger.Entry;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.ledger.YearTotals;
import org.medassist.engine.model.AidApplication;
import org.medassist.engine.model.ClaimKey;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.ParameterValue;
import org.medassist.engine.model.RegionYear;
import org.medassist.engine.model.ResultStatus;
import org.medassist.engine.model.Reversal;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.timeline.IdentityChange;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's claim path against warm person-years, one thread: claims per second per core, and with {@code -prof gc}
 * the bytes allocated per claim ({@code gc.alloc.rate.norm}).
 *
 * <p>Set-up: a seeded {@link Population} of {@code people} persons spread over every region of the bundled catalog
 * (kinds, locations, identities, residents, late recognitions, exits, tilt applications, reversals) settles its whole
 * first year (closed) and the first half of each person's claims of the second year. The second halves, shuffled, are
 * the measured claims: each operation settles one with {@link SettlementEngine#claim} on its person's ledger — the
 * append path, one fold step on totals where deductibles are crossed, bands and caps reached and tilt accrues — and
 * then takes it back out (the entry, its key and the year's totals as they were), so the state stays warm and the
 * same from one operation to the next. That restore is measured too: the figure is a lower bound of the engine's.
 *
 * <p>{@link #settle} consumes the settlements and alerts without reading their explanations (what a consumer that
 * stores numbers pays); {@link #settleAndExplain} reads every explanation line (what writing them out costs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Threads(1)
public class EngineBenchmark {
    static final int YEAR = ReplayInput.FIRST_YEAR + 1;

    @Param("10000")
    public int people;

    @Param("1")
    public long seed;

    private SettlementEngine engine;
    private PersonLedger[] ledgers;
    private MedicalClaim[] claims;
    private ClaimKey[] keys;
    private PersonYear[] years;
    private YearTotals[] warm;
    private int cursor;
    private Consumer settleOut;
    private Consumer explainOut;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
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
                java.util.Set<String> pooled = new java.util.HashSet<>();
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
        Collections.shuffle(pool, new Random(seed));
        int n = pool.size();
        ledgers = new PersonLedger[n];
        claims = new MedicalClaim[n];
        keys = new ClaimKey[n];
        years = new PersonYear[n];
        warm = new YearTotals[n];
        Map<PersonYear, YearTotals> snapshots = new java.util.IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            ledgers[i] = (PersonLedger) pool.get(i)[0];
            claims[i] = (MedicalClaim) pool.get(i)[1];
            keys[i] = ClaimKey.of(claims[i]);
            years[i] = ledgers[i].year(claims[i].region(), claims[i].year());
            if (years[i] == null) throw new IllegalStateException("no warm year for " + claims[i]);
            PersonYear py = years[i];
            warm[i] = snapshots.computeIfAbsent(py, k -> {
                YearTotals t = engine.newYear(k.region, k.year).totals;
                t.copyFrom(k.totals);
                return t;
            });
        }
        settleOut = new Consumer(bh, false);
        explainOut = new Consumer(bh, true);
        // every measured claim settles (none parks), once through, before measuring
        Consumer check = new Consumer(bh, false);
        for (int i = 0; i < n; i++) {
            engine.claim(ledgers[i], claims[i], check);
            retract(i);
        }
        if (check.parked > 0) throw new IllegalStateException(check.parked + " measured claims parked");
        System.out.printf("%n%,d persons, %,d measured claims (second halves of %d's claims), %,d settlements, %,d alerts%n",
                byPerson.size(), n, YEAR, check.settlements, check.alerts);
    }

    private void apply(PersonLedger l, Object e, EngineOutput out) {
        if (e instanceof MedicalClaim c) engine.claim(l, c, out);
        else if (e instanceof IdentityChange c) engine.identity(l, c, out);
        else if (e instanceof AidApplication a) engine.application(l, a, out);
        else if (e instanceof Reversal r) engine.reversal(l, r, out);
    }

    /** Takes measured claim {@code i} back out of its person-year: the entry, its key and the totals as they were. */
    private void retract(int i) {
        PersonYear py = years[i];
        Entry e = py.entries.remove(py.entries.size() - 1);
        if (e.claim != claims[i]) throw new IllegalStateException("the last entry is not the measured claim");
        py.claims.remove(keys[i]);
        py.totals.copyFrom(warm[i]);
        py.parkedFrom = -1;
    }

    @Benchmark
    public void settle(CpuTime cpu) {
        int i = next();
        engine.claim(ledgers[i], claims[i], settleOut);
        retract(i);
        cpu.claims++;
    }

    @Benchmark
    public void settleAndExplain(CpuTime cpu) {
        int i = next();
        engine.claim(ledgers[i], claims[i], explainOut);
        retract(i);
        cpu.claims++;
    }

    /**
     * Claims per second of the benchmark thread's own CPU time: on a shared machine (other processes, a hypervisor's
     * steal) the wall-clock rate understates what one core does, this does not. Reported per iteration beside the score.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
        long claims;
        private long startNanos;
        public double claimsPerCpuSecond;

        @Setup(Level.Iteration)
        public void start() {
            claims = 0;
            startNanos = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            long used = THREADS.getCurrentThreadCpuTime() - startNanos;
            claimsPerCpuSecond = used > 0 ? claims * 1e9 / used : 0;
        }
    }

    private int next() {
        int i = cursor;
        cursor = i + 1 == claims.length ? 0 : i + 1;
        return i;
    }

    /** Hands outputs to the blackhole; reads every explanation line when asked to. */
    static final class Consumer implements EngineOutput {
        private final Blackhole bh;
        private final boolean explain;
        long settlements;
        long alerts;
        long parked;

        Consumer(Blackhole bh, boolean explain) {
            this.bh = bh;
            this.explain = explain;
        }

        @Override
        public void settlement(SettlementResult s) {
            settlements++;
            if (s.status() == ResultStatus.PARKED) parked++;
            bh.consume(s);
            if (explain) for (String line : s.explanation()) bh.consume(line);
        }

        @Override
        public void alert(MonitoringAlert a) {
            alerts++;
            bh.consume(a);
        }
    }
}
