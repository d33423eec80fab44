package org.medassist.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.medassist.schemas.http.Endpoint;
import org.medassist.schemas.kafka.AvroSerdes;

/**
 * One run: the event file, replay's answer to it, the processes, the publisher and the faults, the drain, and the
 * verdict (docs/reliability.md).
 */
final class Harness {
    /**
     * The registry client's java.util.logging loggers, held (java.util.logging keeps loggers weakly): "deprecated
     * version (2.x)" at every serde and "default shared Vertx instance" once. The schema resolver names its logger by
     * its class's simple name, so {@code io.apicurio} alone does not cover it (as in tools/launcher).
     */
    private static final List<java.util.logging.Logger> REGISTRY_CLIENT_LOGGERS = List.of(
            java.util.logging.Logger.getLogger("io.apicurio"),
            java.util.logging.Logger.getLogger("RegistryClientFacadeFactory"));

    /** Quiets the registry client's warnings (errors still show); before the first serde. */
    static void quietRegistryClient() {
        for (java.util.logging.Logger l : REGISTRY_CLIENT_LOGGERS) l.setLevel(java.util.logging.Level.SEVERE);
    }

    private final Settings settings;
    private final PrintStream log;

    Harness(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** The outcome of a run: the report line, the details under it, whether it passed, and the work directory if kept. */
    record Result(String line, List<String> details, boolean pass, Path keptWork) {}

    /** How the stream drained after the last event. */
    record Drain(boolean drained, double seconds, String pending) {}

    Result run() throws InterruptedException {
        long runStart = System.nanoTime();
        Path home = Home.locate();
        Path work = workDir();
        boolean pass = false;
        try {
            Result r = run(home, work, runStart);
            pass = r.pass();
            return r;
        } finally {
            if (pass && !settings.keepWork() && settings.workDir() == null) delete(work);
        }
    }

    private Result run(Path home, Path work, long runStart) throws InterruptedException {
        Path events = settings.eventsFile();
        if (events == null) {
            events = work.resolve("events.jsonl");
            log.printf("faults: generating about %,d events with bin/simulate (seed %d) …%n", settings.generate(), settings.seed());
            Commands.simulate(home, settings.generate(), settings.years(), settings.seed(), events, work.resolve("logs/simulate.log"));
        }
        EventFile file = EventFile.read(events);
        if (file.events() == 0) throw new HarnessException(events + " holds no events");
        log.printf("faults: %,d events in %s (%s); %,d break the contract and are published as they are, %,d cannot be published%n",
                file.events(), events, file.byType(), file.count(EventFile.Kind.INVALID), file.count(EventFile.Kind.UNPUBLISHABLE));

        // replay runs while the processes start
        Path expectedFile = work.resolve("expected.jsonl");
        Path eventsFile = events;
        long[] replayNanos = new long[1];
        CompletableFuture<Integer> replay = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            int code = Commands.replay(home, eventsFile, expectedFile, work.resolve("logs/replay.log"));
            replayNanos[0] = System.nanoTime() - start;
            return code;
        });

        FaultPlan plan = FaultPlan.draw(settings.seed(), file.lines().size(), settings.counts());
        for (FaultPlan.Fault f : plan.faults()) log.println("faults: plan: " + f.describe());

        HttpSenders senders = null;
        Map<String, String> serviceProperties = new java.util.LinkedHashMap<>(settings.serviceProperties());
        if (settings.via() == Settings.Via.HTTP) {
            // every sender gets a token of its own; the services read their hashes, as in production (docs/security.md)
            senders = HttpSenders.forFile(file);
            Path tokens = work.resolve("tokens.json");
            senders.writeTokensFile(tokens);
            serviceProperties.put("medassist.auth.tokens-file", tokens.toString());
        }
        try (Cluster cluster = new Cluster(home, work, settings.partitions(), settings.serviceJvmOptions(), settings.ports(), serviceProperties)) {
            long t0 = System.nanoTime();
            cluster.start(settings.serviceTimeout());
            log.printf("faults: broker, registry and both services up in %.1f s (work directory %s)%n", (System.nanoTime() - t0) / 1e9, work);
            int replayCode = Cluster.join(replay);
            Outputs expected = Outputs.replayed(expectedFile);
            log.printf("faults: bin/settle replay wrote %,d settlements and %,d alerts in %.1f s%n", expected.settlements.size(),
                    expected.alerts.size(), replayNanos[0] / 1e9);
            quietRegistryClient();
            AvroSerdes serdes = new AvroSerdes(cluster.registryUrl());
            try (Progress progress = new Progress(cluster); Monitor monitor = new Monitor(progress)) {
                monitor.start();
                double rate = settings.rateFor(file.events());
                Pacing pacing = new Pacing(rate, monitor::backlog, settings.maxBacklog());
                Feed publisher = senders == null
                        ? new Publisher(file, cluster.clientConfig(), serdes, settings.partitions(), pacing)
                        : new HttpPublisher(file, service -> (service == Endpoint.Service.ELIGIBILITY ? cluster.eligibility()
                                : cluster.settlement()).port(), senders, settings.httpClients(), pacing);
                publisher.warmUp();
                FaultInjector injector = new FaultInjector(plan, cluster, publisher, monitor, settings.serviceTimeout(), runStart, log);
                Thread publishing = new Thread(publisher, "faults-publisher");
                long publishStart = System.nanoTime();
                publishing.start();
                injector.start();
                log.printf("faults: publishing %s at up to %,.0f events/s, pausing while more than %,d input records wait%n",
                        senders == null ? "straight to Kafka" : "over HTTP", rate, settings.maxBacklog());
                while (publishing.isAlive()) {
                    publishing.join(10_000);
                    log.printf("faults: %6.1f s  line %,d of %,d, backlog %,d%s%n", (System.nanoTime() - runStart) / 1e9, publisher.position(),
                            file.lines().size(), monitor.backlog(), monitor.lastError() == null ? "" : " (" + monitor.lastError() + ")");
                }
                double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
                injector.await(Duration.ofMinutes(30));
                List<Verdict.Mismatch> harnessProblems = new ArrayList<>();
                if (publisher.fatal() != null) {
                    harnessProblems.add(new Verdict.Mismatch("publish", "the event file", "every line published", publisher.fatal().toString()));
                }
                for (String e : injector.errors()) harnessProblems.add(new Verdict.Mismatch("fault", e, "done", "failed"));
                for (Cluster.Service s : List.of(cluster.eligibility(), cluster.settlement())) {
                    try {
                        if (!s.process().alive()) cluster.startService(s, settings.serviceTimeout());
                        else cluster.awaitHealthy(s, settings.serviceTimeout());
                    } catch (HarnessException e) {
                        harnessProblems.add(new Verdict.Mismatch("service", s.name(), "healthy after the faults", e.getMessage()));
                    }
                }
                log.printf("faults: all %,d lines %s in %.1f s (%,d %s); waiting for the stream to drain …%n",
                        file.lines().size(), publisher.how(), publishSeconds, publisher.accepted(), senders == null ? "records" : "events accepted");
                Drain drain = drain(progress);
                log.printf("faults: %s in %.1f s; reading the outputs …%n", drain.drained() ? "drained" : "NOT drained", drain.seconds());
                Outputs actual = Outputs.read(cluster, serdes, publisher);
                int[] reorderedReplayCode = {0};
                Verdict verdict = Verdict.judge(file, expected.settlements, expected.alerts, actual.settlements, actual.alerts, actual.deadLetters,
                        publisher.refusals(), order -> {
                            log.println("faults: a claim sent under two persons went to a later one in the stream; replaying the file in that order …");
                            Path reordered = work.resolve("events-in-stream-order.jsonl");
                            Path reorderedExpected = work.resolve("expected-in-stream-order.jsonl");
                            reorder(eventsFile, order, reordered);
                            reorderedReplayCode[0] = Commands.replay(home, reordered, reorderedExpected, work.resolve("logs/replay-in-stream-order.log"));
                            return Outputs.replayed(reorderedExpected);
                        });
                if (reorderedReplayCode[0] != 0) {
                    verdict.notes.add("bin/settle replay failed inside the engine on some lines of the reordered file: see "
                            + work.resolve("logs/replay-in-stream-order.log"));
                }
                if (actual.claimStore != null) verdict.claimStore(actual.settlements, actual.claimStore);
                verdict.sentAgain(file, actual.inputs);
                verdict.mismatches.addAll(harnessProblems);
                for (String u : actual.unreadable) verdict.mismatches.add(new Verdict.Mismatch("unreadable", u, "a readable output record", "unreadable"));
                if (!drain.drained()) {
                    verdict.mismatches.add(new Verdict.Mismatch("not-drained", "the stream", "drained within " + settings.drainTimeout().toSeconds() + " s",
                            "records still waiting: " + drain.pending()));
                }
                if (replayCode != 0) verdict.notes.add("bin/settle replay failed inside the engine on some lines: see " + work.resolve("logs/replay.log"));
                verdict.notes.addAll(publisher.notes());
                Report report = new Report(settings, plan, file, injector.executed(), monitor.restarts(), verdict, drain,
                        stateBytes(work.resolve("settlement-service").resolve("state")));
                boolean pass = verdict.pass();
                List<String> details = report.details(settings.details());
                if (!pass) details.add("work directory (logs, broker data): " + work);
                return new Result(report.line(), details, pass, pass && !settings.keepWork() && settings.workDir() == null ? null : work);
            }
        }
    }

    private Drain drain(Progress progress) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + settings.drainTimeout().toNanos();
        Map<TopicPartition, Long> lastEnds = null;
        long quietSince = System.nanoTime();
        String pending = "unknown";
        while (System.nanoTime() < deadline) {
            try {
                List<Progress.Position> positions = new ArrayList<>();
                positions.addAll(progress.positions(Cluster.ELIGIBILITY_APP, progress.sources(Cluster.ELIGIBILITY_APP)));
                positions.addAll(progress.positions(Cluster.SETTLEMENT_APP, progress.sources(Cluster.SETTLEMENT_APP)));
                List<Progress.Position> waiting = progress.pending(positions);
                Map<TopicPartition, Long> ends = progress.outputEnds();
                if (!ends.equals(lastEnds)) {
                    lastEnds = ends;
                    quietSince = System.nanoTime();
                }
                pending = waiting.isEmpty() ? "none (outputs still changing)" : describe(waiting);
                if (waiting.isEmpty() && System.nanoTime() - quietSince >= settings.quiet().toNanos()) {
                    return new Drain(true, (System.nanoTime() - start) / 1e9, "none");
                }
            } catch (Exception e) {
                pending = "unknown (" + e + ")";
            }
            Thread.sleep(500);
        }
        return new Drain(false, (System.nanoTime() - start) / 1e9, pending);
    }

    private static String describe(List<Progress.Position> waiting) {
        List<String> parts = new ArrayList<>();
        waiting.stream().sorted(Comparator.comparing(p -> p.partition().toString())).forEach(p ->
                parts.add(p.partition() + " committed " + p.committed() + " of " + p.end()));
        return String.join(", ", parts);
    }

    private Path workDir() {
        try {
            if (settings.workDir() != null) return Files.createDirectories(settings.workDir()).toAbsolutePath();
            return Files.createTempDirectory("medassist-faults-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work directory", e);
        }
    }

    /** Writes the lines of {@code events} in {@code order} (1-based line numbers) to {@code out}. */
    static void reorder(Path events, List<Integer> order, Path out) {
        try {
            List<String> lines = Files.readAllLines(events, java.nio.charset.StandardCharsets.UTF_8);
            List<String> reordered = new ArrayList<>(order.size());
            for (int n : order) reordered.add(lines.get(n - 1));
            Files.write(out, reordered, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    static long stateBytes(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temporary directory
        }
    }
}
