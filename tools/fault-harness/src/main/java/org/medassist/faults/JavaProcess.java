package org.medassist.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.medassist.embeddedkafka.ParentWatchdog;

/**
 * One child {@code java} process that can be started again after it was stopped: a service, or the broker. It runs
 * under {@link ParentWatchdog}, so it exits when the harness dies, even by {@code kill -9}, and leaves nothing behind.
 * Its output is appended to one log file across restarts, each start marked by a header line.
 */
final class JavaProcess {
    private final String name;
    private final String classPath;
    private final String mainClass;
    private final List<String> jvmOptions;
    private final Map<String, String> properties;
    private final List<String> args;
    private final Path log;
    private volatile Process process;
    private volatile long startedNanos;
    private int starts;

    JavaProcess(String name, String classPath, String mainClass, List<String> jvmOptions, Map<String, String> properties,
                List<String> args, Path log) {
        this.name = name;
        this.classPath = classPath;
        this.mainClass = mainClass;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.properties = new TreeMap<>(properties);
        this.args = List.copyOf(args);
        this.log = log;
    }

    String name() { return name; }

    Path log() { return log; }

    /** The pid of the current process, or -1. */
    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** {@link System#nanoTime()} when the current process was started. */
    long startedNanos() { return startedNanos; }

    int starts() { return starts; }

    synchronized void start() {
        start(Map.of());
    }

    /** Starts the process with these system properties added to its own (a port picked for this start). */
    synchronized void start(Map<String, String> startProperties) {
        if (alive()) throw new IllegalStateException(name + " is already running (pid " + pid() + ")");
        List<String> cmd = command(startProperties);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== " + Instant.now() + " start #" + (starts + 1) + " of " + name + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            startedNanos = System.nanoTime();
            process = pb.start();
            starts++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + cmd, e);
        }
    }

    List<String> command(Map<String, String> startProperties) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(jvmOptions);
        Map<String, String> all = new TreeMap<>(properties);
        all.putAll(startProperties);
        all.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(ParentWatchdog.class.getName());
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** {@code kill -9}: no shutdown hook, no clean close; returns once the process is gone. */
    void kill() {
        Process p = process;
        if (p == null || !p.isAlive()) return;
        p.destroyForcibly();
        awaitExit(p, 30);
    }

    /** SIGTERM (a clean stop), then SIGKILL after {@code seconds}. */
    void stop(int seconds) {
        Process p = process;
        if (p == null || !p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                awaitExit(p, 30);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /** The exit code of a process that is gone, or null while it runs (or before its first start). */
    Integer exitCode() {
        Process p = process;
        return p == null || p.isAlive() ? null : p.exitValue();
    }

    private void awaitExit(Process p, int seconds) {
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) throw new HarnessException(name + " (pid " + p.pid() + ") did not exit after SIGKILL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}) to a process: there is no JDK call for these. */
    static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (kill.waitFor() != 0) throw new HarnessException("kill -" + signal + " " + pid + " failed: " + out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while sending " + signal + " to " + pid, e);
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().filter(c -> c.endsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
