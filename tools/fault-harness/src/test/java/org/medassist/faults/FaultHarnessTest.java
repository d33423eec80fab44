package org.medassist.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CI versions of bin/faults (docs/reliability.md): events of bin/simulate, with claims sent again under another
 * person, unchanged, and by another hospital ({@link CrossedClaims}), through the broker, the registry and both services
 * as separate processes, while the faults strike; each fails on any mismatch with replay. Prints the report line; the
 * progress only when it fails. The processes bind free ports the system picks, or free ports of
 * {@code -Dmedassist.faults.ports=FROM-TO}.
 */
class FaultHarnessTest {
    static final long SEED = 20240601L;

    /** About 3,000 events published straight to Kafka: three kills of settlement-service, a broker restart, a registry outage. */
    @Test
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aSmallRunWithFaultsSettlesEveryClaimAsReplayDoes() throws Exception {
        run(3_000, SEED, new FaultPlan.Counts(3, 1, 0, 1, 5_000, 8_000, FaultPlan.OutageKind.DOWN), 60, Settings.Via.KAFKA, 1, Map.of());
    }

    /**
     * About 2,000 events posted over HTTP with each sender's token, while settlement-service is killed twice and
     * eligibility-service restarted once: a request the killed service had taken but not answered is posted again, and
     * every claim must still be settled once, none lost (docs/reliability.md, "Over HTTP"). Six clients post at once, up
     * to 400 events a second, to a settlement-service with two producers, so that requests wait and share transactions
     * (group commit) when a kill strikes.
     */
    @Test
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void overHttpAKilledServiceLosesNothingAndPaysNothingTwice() throws Exception {
        run(2_000, SEED + 1, new FaultPlan.Counts(2, 0, 1, 0, 5_000, 8_000, FaultPlan.OutageKind.DOWN), 400, Settings.Via.HTTP, 6,
                Map.of("medassist.settlement.producers", "2"));
    }

    private static void run(long events, long seed, FaultPlan.Counts counts, double rate, Settings.Via via, int httpClients,
                            Map<String, String> serviceProperties) throws Exception {
        // under target/, kept when the run fails: the processes' logs and the broker's data
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "faults")), "ci-" + via.name().toLowerCase() + "-");
        Path file = dir.resolve("events.jsonl");
        Commands.simulate(Home.locate(), events, 1, seed, file, dir.resolve("simulate.log"));
        CrossedClaims.mix(file, seed, 10);
        Settings settings = new Settings(file, 0, 1, seed, counts, 3, rate, 5_000,
                Duration.ofMinutes(3), Duration.ofSeconds(3), Duration.ofMinutes(3), dir.resolve("work"), false,
                Settings.DEFAULT_SERVICE_JVM_OPTIONS, 30, Ports.parse(System.getProperty("medassist.faults.ports", "any")), via,
                httpClients, serviceProperties);
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
