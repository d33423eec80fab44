package org.medassist.streambench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A worker JVM of the benchmark (the settlement service, or a baseline), on this JVM's class path. It answers on its
 * standard output with lines {@code @<name> <json>}; everything else it prints goes to its log file. Commands go to
 * its standard input, one per line.
 */
final class Child implements AutoCloseable {
    private final Process process;
    private final PrintWriter in;
    private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final String name;

    private Child(String name, Process process, Path log) throws IOException {
        this.name = name;
        this.process = process;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        var writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 writer) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("@")) answers.add(line);
                    writer.write(line);
                    writer.newLine();
                    writer.flush();
                }
            } catch (IOException e) {
                // the child is gone
            }
            answers.add("@exit {}");
        }, "child-" + name);
        t.setDaemon(true);
        t.start();
    }

    static Child start(String name, Class<?> main, List<String> jvmArgs, List<String> args, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            return new Child(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " worker", e);
        }
    }

    void send(String command) { in.println(command); }

    /** The JSON of the next answer named {@code what}; fails when the child exits first or the time is up. */
    String await(String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line;
            try {
                line = left <= 0 ? null : answers.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            if (line == null) throw new IllegalStateException("the " + name + " worker did not answer @" + what + " within " + timeout);
            int sp = line.indexOf(' ');
            String tag = sp < 0 ? line.substring(1) : line.substring(1, sp);
            String json = sp < 0 ? "{}" : line.substring(sp + 1);
            if (tag.equals(what)) return json;
            if (tag.equals("exit")) throw new IllegalStateException("the " + name + " worker exited (see its log)");
            if (tag.equals("error")) throw new IllegalStateException("the " + name + " worker failed: " + json);
        }
    }

    long pid() { return process.pid(); }

    /**
     * CPU seconds (user + system) the worker has used so far: the whole process, and its Kafka Streams threads alone
     * (threads whose name starts with the Streams application id, of which Linux keeps the first 15 characters: the
     * stream, global and state-updater threads). Rates per
     * CPU-second compare streams on a machine whose other work lends them a varying share of its cores.
     */
    Cpu cpu(String streamThreadPrefix) {
        return new Cpu(ticks(Path.of("/proc", Long.toString(pid()), "stat")) / HZ, streamThreads(streamThreadPrefix) / HZ);
    }

    record Cpu(double process, double streamThreads) {
        Cpu minus(Cpu earlier) { return new Cpu(process - earlier.process, streamThreads - earlier.streamThreads); }
    }

    /** Linux reports CPU time in clock ticks, 100 per second on every kernel this runs on (USER_HZ). */
    private static final double HZ = 100.0;

    private double streamThreads(String prefix) {
        String comm = prefix.length() > 15 ? prefix.substring(0, 15) : prefix;
        double sum = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(t.resolve("comm")).trim().startsWith(comm)) sum += ticks(t.resolve("stat"));
                } catch (IOException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    /** utime + stime of a /proc stat file (fields 14 and 15, counted after the command name's closing parenthesis). */
    private static double ticks(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) return;
        send("stop");
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process.isAlive()) process.destroyForcibly();
    }
}
