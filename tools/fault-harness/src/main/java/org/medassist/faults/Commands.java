package org.medassist.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The project's other command lines, run as child processes from their builds: {@code bin/settle replay} and {@code bin/simulate}. */
final class Commands {
    private Commands() {}

    static final String SIMULATOR = "tools/simulator";

    /**
     * {@code bin/settle replay --in events --out expected --quiet}; its messages go to {@code log}. Returns its exit
     * code: 0, or 1 when the engine failed on some lines (they are reported in the log).
     */
    static int replay(Path home, Path events, Path expected, Path log) {
        Path jar = Home.moduleJar(home, "settlement-service");
        int code = run(List.of(JavaProcess.javaExecutable(), "-Xmx1g", "-jar", jar.toString(), "replay", "--in", events.toString(),
                "--out", expected.toString(), "--quiet"), log);
        if (code != 0 && code != 1) throw new HarnessException("bin/settle replay exited with " + code + "; see " + log);
        return code;
    }

    static boolean simulatorBuilt(Path home) {
        return Home.findModuleJar(home, SIMULATOR).isPresent();
    }

    /**
     * {@code bin/simulate} with about {@code events} events: a first small run measures events per person, the second
     * writes the stream. Returns the number of events written.
     */
    static long simulate(Path home, long events, int years, long seed, Path out, Path log) {
        Path jar = Home.findModuleJar(home, SIMULATOR).orElseThrow(() -> new HarnessException(
                "--events needs bin/simulate (tools/simulator), which is not built; build it (./mvnw -q -DskipTests install) or give --events-file"));
        Path probe = out.resolveSibling(out.getFileName() + ".probe");
        int probePeople = 500;
        runSimulator(jar, probePeople, years, seed, probe, log);
        long probeEvents = lines(probe);
        try {
            Files.deleteIfExists(probe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long people = Math.max(5, Math.round((double) events * probePeople / Math.max(1, probeEvents)));
        runSimulator(jar, people, years, seed, out, log);
        return lines(out);
    }

    private static void runSimulator(Path jar, long people, int years, long seed, Path out, Path log) {
        List<String> cmd = new ArrayList<>(List.of(JavaProcess.javaExecutable(), "-jar", jar.toString(), "--people", Long.toString(people),
                "--years", Integer.toString(years), "--seed", Long.toString(seed), "--out", out.toString(), "--quiet"));
        int code = run(cmd, log);
        if (code != 0) throw new HarnessException("bin/simulate exited with " + code + "; see " + log);
    }

    static long lines(Path file) {
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            while (in.readLine() != null) n++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private static int run(List<String> cmd, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new HarnessException("interrupted while running " + String.join(" ", cmd), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        }
    }

    static Optional<String> lastLines(Path log, int n) {
        try {
            List<String> l = Files.readAllLines(log, StandardCharsets.UTF_8);
            return Optional.of(String.join("\n", l.subList(Math.max(0, l.size() - n), l.size())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
