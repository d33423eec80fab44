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
