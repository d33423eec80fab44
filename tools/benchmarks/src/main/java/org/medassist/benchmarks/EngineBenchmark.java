package org.medassist.benchmarks;

import org.medassist.engine.EngineOutput;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.ResultStatus;
import org.medassist.engine.model.SettlementResult;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's claim path against warm person-years, one thread, one claim per operation: claims per second per
 * core, and with {@code -prof gc} the bytes allocated per claim ({@code gc.alloc.rate.norm}).
 *
 * <p>The state is {@link WarmClaims}. Each operation settles one measured claim with
 * {@link org.medassist.engine.SettlementEngine#claim} on its person's ledger — the append path, one fold step on
 * totals where deductibles are crossed, bands and caps reached and tilt accrues — and then takes it back out (entry,
 * key, key filter, totals), so every operation meets the same warm state. That put-back is measured too: the figure is
 * a lower bound of the engine's. {@link EngineSequenceBenchmark} settles the claims one after another instead, with
 * the put-back outside the clock.
 *
 * <p>{@link #settle} consumes the settlements and alerts without reading their explanations (what a consumer that
 * stores numbers pays); {@link #settleAndExplain} reads every explanation line (what writing them out costs).
 */
public class EngineBenchmark extends EngineSettings {
    private WarmClaims warm;
    private int cursor;
    private Consumer settleOut;
    private Consumer explainOut;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        warm = new WarmClaims(people, seed);
        settleOut = new Consumer(bh, false);
        explainOut = new Consumer(bh, true);
        // every measured claim settles (none parks), once through, before measuring
        Consumer check = new Consumer(bh, false);
        for (int i = 0; i < warm.size(); i++) {
            warm.settle(i, check);
            if (!warm.lastEntryIs(i)) throw new IllegalStateException("measured claim " + i + " was not added to its year");
            warm.rewind(i);
        }
        if (check.parked > 0) throw new IllegalStateException(check.parked + " measured claims parked");
        System.out.printf("%n%,d persons, %,d measured claims (second halves of %d's claims), %,d settlements, %,d alerts%n",
                warm.persons, warm.size(), WarmClaims.YEAR, check.settlements, check.alerts);
    }

    @Benchmark
    public void settle(CpuTime cpu) {
        int i = next();
        warm.settle(i, settleOut);
        warm.rewind(i);
        cpu.claims++;
    }

    @Benchmark
    public void settleAndExplain(CpuTime cpu) {
        int i = next();
        warm.settle(i, explainOut);
        warm.rewind(i);
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
        cursor = i + 1 == warm.size() ? 0 : i + 1;
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
