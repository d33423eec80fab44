package org.medassist.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CI version of bin/faults (docs/reliability.md): about 3,000 events of bin/simulate, with claims sent again under
 * another person, unchanged, and by another hospital ({@link CrossedClaims}), through the broker, the registry and both
 * services as separate processes, with three kills of settlement-service, a broker restart and a registry outage;
 * fails on any mismatch with replay. Prints the report line; the progress only when it fails. The processes bind
 * free ports the system picks, or free ports of {@code -Dmedassist.faults.ports=FROM-TO}.
 */
class FaultHarnessTest {
    static final long SEED = 20240601L;

    @Test
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aSmallRunWithFaultsSettlesEveryClaimAsReplayDoes() throws Exception {
        // under target/, kept when the run fails: the processes' logs and the broker's data
        Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Files.createDirectories(Path.of("target", "faults")), "ci-");
        Path events = dir.resolve("events.jsonl");
        Commands.simulate(Home.locate(), 3_000, 1, SEED, events, dir.resolve("simulate.log"));
        CrossedClaims.mix(events, SEED, 10);
        Settings settings = new Settings(events, 0, 1, SEED, new FaultPlan.Counts(3, 1, 0, 1, 5_000, 8_000, FaultPlan.OutageKind.DOWN), 3, 60, 5_000,
                Duration.ofMinutes(3), Duration.ofSeconds(3), Duration.ofMinutes(3), dir.resolve("work"), false,
                Settings.DEFAULT_SERVICE_JVM_OPTIONS, 30, Ports.parse(System.getProperty("medassist.faults.ports", "any")));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Harness.Result r;
        try (PrintStream log = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
            r = new Harness(settings, log).run();
        } catch (RuntimeException | InterruptedException e) {
            System.out.print(progress.toString(StandardCharsets.UTF_8));
            throw e;
        }
        System.out.println(r.line());
        if (!r.pass()) {
            System.out.print(progress.toString(StandardCharsets.UTF_8));
            r.details().forEach(System.out::println);
        }
        if (r.pass()) Harness.delete(dir);
        assertTrue(r.pass(), () -> r.line() + "\n" + String.join("\n", r.details()));
    }
}
