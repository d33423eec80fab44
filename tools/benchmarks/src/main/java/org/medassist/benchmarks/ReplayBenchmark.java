package org.medassist.benchmarks;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.settlement.replay.Replay;
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

/**
 * {@code bin/settle replay}'s path once the JIT has warmed up: one operation replays a whole seeded input
 * ({@link ReplayInput}, held in memory) from scratch — reading, validating, settling, rendering and writing every line
 * as UTF-8 to a counting stream. The score is input lines per second (one thread); {@code linesPerCpuSecond} divides by the
 * thread's own CPU time, which a shared machine does not inflate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class ReplayBenchmark {
    @Param("4000")
    public int people;

    private PolicyCatalog catalog;
    private String input;
    private long lines;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        catalog = PolicyLoader.bundled();
        StringWriter w = new StringWriter();
        lines = ReplayInput.write(catalog, people, 2, 1, w);
        input = w.toString();
    }

    /** One whole replay; JMH counts it as {@code lines} operations. */
    @Benchmark
    public long replay(CpuTime cpu) throws IOException {
        CountingStream out = new CountingStream();
        new Replay(catalog, new PrintStream(new ByteArrayOutputStream()), false)
                .run(new BufferedReader(new StringReader(input), 1 << 16), out);
        cpu.lines += lines;
        return out.bytes;
    }

    /** Input lines per second of the benchmark thread's CPU time, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
        long lines;
        private long startNanos;
        public double linesPerCpuSecond;

        @Setup(Level.Iteration)
        public void start() {
            lines = 0;
            startNanos = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            long used = THREADS.getCurrentThreadCpuTime() - startNanos;
            linesPerCpuSecond = used > 0 ? lines * 1e9 / used : 0;
        }
    }

    /** Counts the bytes it is given (the UTF-8 output, as bin/settle replay writes it) and keeps nothing. */
    static final class CountingStream extends OutputStream {
        long bytes;

        @Override public void write(byte[] buf, int off, int len) { bytes += len; }
        @Override public void write(int b) { bytes++; }
    }
}
