package org.medassist.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's claim path as a stream meets it: one operation settles every measured claim of {@link WarmClaims}
 * once, one after another in their shuffled order (several claims of one person-year land on top of each other, as
 * they do in a real year), and the warm state is put back before the next operation, outside the clock
 * ({@code Level.Invocation}: an operation lasts tens of milliseconds, so JMH's per-invocation time stamps do not
 * matter).
 *
 * <p>The score is operations per second; the figures to read are the counters: {@code claims} (claims per wall-clock
 * second) and {@code claimsPerCpuSecond} (per second of this thread's CPU time, which other processes on a shared
 * machine do not inflate). With {@code -prof gc}, {@code gc.alloc.rate.norm} is per operation: divide by the number of
 * measured claims printed at set-up.
 */
public class EngineSequenceBenchmark extends EngineSettings {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private WarmClaims warm;
    private EngineBenchmark.Consumer out;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        warm = new WarmClaims(people, seed);
        out = new EngineBenchmark.Consumer(bh, false);
        EngineBenchmark.Consumer check = new EngineBenchmark.Consumer(bh, false);
        for (int i = 0; i < warm.size(); i++) warm.settle(i, check);
        if (check.parked > 0) throw new IllegalStateException(check.parked + " measured claims parked in sequence");
        if (check.settlements < warm.size()) throw new IllegalStateException("only " + check.settlements + " settlements for " + warm.size() + " claims");
        warm.rewindAll();
        System.out.printf("%n%,d persons, %,d measured claims per operation, %,d settlements, %,d alerts%n",
                warm.persons, warm.size(), check.settlements, check.alerts);
    }

    @Setup(Level.Invocation)
    public void putBack() { warm.rewindAll(); }

    @Benchmark
    public void settleAll(Claims claims, CpuRate rate) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        int n = warm.size();
        for (int i = 0; i < n; i++) warm.settle(i, out);
        rate.cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
        rate.claims += n;
        claims.claims += n;
    }

    /** Claims settled, reported as a rate: per second of the operations' wall-clock time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Claims {
        public long claims;

        @Setup(Level.Iteration)
        public void reset() { claims = 0; }
    }

    /** Claims per second of the benchmark thread's CPU time within the operations, reported per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuRate {
        public double claimsPerCpuSecond;
        long claims;
        long cpuNanos;

        @Setup(Level.Iteration)
        public void start() {
            claims = 0;
            cpuNanos = 0;
        }

        @TearDown(Level.Iteration)
        public void stop() { claimsPerCpuSecond = cpuNanos > 0 ? claims * 1e9 / cpuNanos : 0; }
    }
}
