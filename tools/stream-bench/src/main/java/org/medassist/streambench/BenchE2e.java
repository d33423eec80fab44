package org.medassist.streambench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.medassist.embeddedkafka.EmbeddedKafkaBroker;
import org.medassist.embeddedkafka.EmbeddedRegistry;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.kit.metrics.PrometheusText;
import org.medassist.schemas.http.Endpoint;
import org.medassist.schemas.kafka.AvroSerdes;
import org.medassist.schemas.kafka.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * bin/bench-e2e: the end-to-end benchmark of the settlement stream (docs/performance.md, "End to end (stream)").
 *
 * <ol>
 *   <li>Starts the embedded broker (in this JVM) and the registry (a child process), and simulates the load.</li>
 *   <li>Baselines, in worker JVMs with the services' Streams settings: a pass-through and a read-modify-write of
 *       one persistent store keyed by personId, each fed the same claim records as fast as the producer goes.</li>
 *   <li>The settlement service in a worker JVM (as bin/run starts it): identities and parameters first, then the
 *       claims; settled claims per second, from the first claim produced to the last claim's first settlement read
 *       committed.</li>
 *   <li>Latency: claims offered at a fixed rate, each one's time from its record timestamp (when it was due) to its
 *       settlement being readable, read_committed.</li>
 *   <li>HTTP ingestion through the service's API, batches of 100 and of 1.</li>
 *   <li>Memory and the stores' size; then the state directory is deleted and the time to restore it is taken.</li>
 * </ol>
 */
@Command(name = "bench-e2e", mixinStandardHelpOptions = true, sortOptions = false,
        description = "End-to-end benchmark of the settlement stream: baselines, settled claims/s, latency at a fixed"
                + " load, HTTP ingestion, memory, state size, restore time. Writes a table to stdout and a JSON file.")
public final class BenchE2e implements Callable<Integer> {
    @Option(names = "--persons", defaultValue = "500000", description = "simulated persons (default ${DEFAULT-VALUE})")
    int persons;
    @Option(names = "--claims", defaultValue = "0",
            description = "at most this many claims in all (0: every claim the simulated persons have)")
    long claims;
    @Option(names = "--claims-per-person", defaultValue = "0",
            description = "at most this many claims of each person, the first ones (0: all); spreads a capped load over every person")
    int perPerson;
    @Option(names = "--warmup-claims", defaultValue = "-1",
            description = "claims sent first and left out of the throughput figures, to every stream under test alike, so"
                    + " that JIT compilation and cold caches do not count (-1: a fifth of the throughput claims, at most 100,000)")
    int warmupClaims;
    @Option(names = "--rate", defaultValue = "5000", description = "offered load of the latency phase, claims/s (default ${DEFAULT-VALUE})")
    int rate;
    @Option(names = "--latency-seconds", defaultValue = "30", description = "length of the latency phase (default ${DEFAULT-VALUE})")
    int latencySeconds;
    @Option(names = "--http-claims", defaultValue = "100000", description = "claims sent over HTTP in batches of 100 (default ${DEFAULT-VALUE})")
    int httpClaims;
    @Option(names = "--http-single", defaultValue = "5000", description = "claims sent over HTTP one per request (default ${DEFAULT-VALUE})")
    int httpSingle;
    @Option(names = "--http-warmup", defaultValue = "20000",
            description = "claims posted first in batches of 100, and a twentieth of them one per request, not counted:"
                    + " the HTTP path's JIT compilation (default ${DEFAULT-VALUE})")
    int httpWarmup;
    @Option(names = "--http-clients", defaultValue = "8", description = "concurrent HTTP clients (default ${DEFAULT-VALUE})")
    int httpClients;
    @Option(names = "--partitions", defaultValue = "6", description = "partitions per person-keyed topic (default ${DEFAULT-VALUE})")
    int partitions;
    @Option(names = "--port-base", defaultValue = "22100", description = "broker, controller, registry, service HTTP: this port and the next three (default ${DEFAULT-VALUE}; give another when two benchmarks run at once)")
    int portBase;
    @Option(names = "--service-heap", defaultValue = "512m", description = "-Xmx of the service and baseline JVMs (default ${DEFAULT-VALUE})")
    String heap;
    /**
     * The collector deploy/production/compose.yaml ships for settlement-service. The baselines run with it too, so
     * that the ratios compare streams, not collectors (docs/performance.md, "Third full run of 2026-11-30: the collector and the record cache").
     */
    @Option(names = "--service-gc", defaultValue = "parallel",
            description = "collector of the service and baseline JVMs: parallel (shipped), g1 (the JVM's default), shenandoah or z (the low-pause ones) (default ${DEFAULT-VALUE})")
    Collector collector;
    @Option(names = "--service-jvm-opts", description = "more JVM options for the service, e.g. -XX:StartFlightRecording=filename=s.jfr")
    String serviceJvmOpts;
    @Option(names = "--service-property", description = "a property for the service over its application.yml, key=value (repeatable)")
    Map<String, String> serviceOverrides = new LinkedHashMap<>();
    @Option(names = "--skip", split = ",", description = "phases to leave out: pass, rmw, latency, http, restore")
    Set<String> skip = Set.of();
    @Option(names = "--seed", defaultValue = "42", description = "the simulated population's random seed: the same seed, the same persons and claims (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--work-dir", description = "broker data, state and logs (default: a new temporary directory)")
    Path workDir;
    @Option(names = "--out", defaultValue = "bench-e2e.json", description = "the JSON results (default ${DEFAULT-VALUE})")
    Path out;

    enum Collector {
        parallel("-XX:+UseParallelGC"), g1("-XX:+UseG1GC"), shenandoah("-XX:+UseShenandoahGC"), z("-XX:+UseZGC");
        final String option;
        Collector(String option) { this.option = option; }
    }

    private final PrintStream log = System.out;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private EmbeddedKafkaBroker broker;
    private EmbeddedRegistry registry;
    private AvroSerdes serdes;
    private Workload load;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchE2e()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (workDir == null) workDir = Files.createTempDirectory("bench-e2e-");
        Files.createDirectories(workDir.resolve("logs"));
        writeLogback();
        machine();
        long t0 = System.nanoTime();
        try {
            step("broker and registry", () -> {
                var registryStart = java.util.concurrent.CompletableFuture.supplyAsync(() -> EmbeddedRegistry.builder()
                        .port(portBase + 2).logFile(workDir.resolve("logs/registry.log")).start());
                broker = EmbeddedKafkaBroker.builder().dataDir(workDir.resolve("kafka")).port(portBase).controllerPort(portBase + 1).start();
                registry = registryStart.join();
                serdes = new AvroSerdes(registry.registryUrl());
                try (Admin admin = admin()) {
                    Topics.ensure(admin, partitions, (short) 1);
                }
                return broker.bootstrapServers() + " · " + registry.baseUrl();
            });
            int latencyClaims = skip.contains("latency") ? 0 : rate * latencySeconds;
            step("simulating the load", () -> {
                load = Workload.build(PolicyLoader.catalog(null), seed, persons, claims, perPerson, skip.contains("http") ? 0 : httpClaims + httpSingle + httpWarmup + singleWarmup(),
                        serdes.mixedValue().serializer(), log);
                return String.format("%,d claims, %,d persons", load.claims.size(), load.persons);
            });
            List<Workload.ClaimRecord> all = load.claims;
            int split = Math.max(0, all.size() - latencyClaims);
            int warm = warmupClaims >= 0 ? Math.min(warmupClaims, split) : Math.min(split / 5, 100_000);
            List<Workload.ClaimRecord> warmup = all.subList(0, warm);
            List<Workload.ClaimRecord> bulk = all.subList(warm, split);
            List<Workload.ClaimRecord> paced = all.subList(split, all.size());
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("persons", load.persons);
            w.put("identityRecords", load.identityEvents);
            w.put("timelines", load.timelines.size());
            w.put("parameters", load.parameters.size());
            w.put("warmupClaims", warmup.size());
            w.put("throughputClaims", bulk.size());
            w.put("latencyClaims", paced.size());
            w.put("httpClaims", load.httpClaims.size());
            results.put("load", w);

            Map<String, Object> baselines = new LinkedHashMap<>();
            results.put("baselines", baselines);
            for (String mode : List.of("pass", "rmw")) {
                if (skip.contains(mode)) continue;
                baselines.put(mode, baseline(mode, warmup, bulk));
            }
            settlement(warmup, bulk, paced);
            ratios();
        } finally {
            results.put("wallSeconds", (System.nanoTime() - t0) / 1e9);
            if (registry != null) registry.close();
            if (broker != null) broker.close();
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Files.writeString(out, json.writeValueAsString(results) + "\n");
            table();
            log.println("results: " + out.toAbsolutePath() + " · logs: " + workDir.resolve("logs"));
        }
        return 0;
    }

    // -------------------------------------------------------------------------------------------------- baselines

    private Map<String, Object> baseline(String mode, List<Workload.ClaimRecord> warmup, List<Workload.ClaimRecord> bulk) throws Exception {
        String in = "bench-" + mode + "-in";
        String outTopic = "bench-" + mode + "-out";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(in, partitions, (short) 1), new NewTopic(outTopic, partitions, (short) 1))).all().get();
        }
        Map<String, Object> r = new LinkedHashMap<>();
        log.printf("%n%s baseline (%s)%n", mode, mode.equals("pass") ? "Streams pass-through, exactly_once_v2"
                : "read-modify-write of one persistent store keyed by personId, exactly_once_v2");
        try (Child c = Child.start(mode, BaselineWorker.class, workerJvm(List.of()), List.of(mode, broker.bootstrapServers(),
                "bench-" + mode, in, outTopic, workDir.resolve("state-" + mode).toString()), workDir.resolve("logs/" + mode + ".log"));
             Counter counter = new Counter(outTopic)) {
            c.await("running", Duration.ofMinutes(3));
            if (!warmup.isEmpty()) {
                long w0 = System.nanoTime();
                produce(in, warmup);
                counter.awaitCount(warmup.size(), Duration.ofMinutes(30), w0);
                log.printf("  warm-up: %,d records in %.1f s, not counted%n", warmup.size(), (System.nanoTime() - w0) / 1e9);
                counter.restart();
            }
            Child.Cpu cpu0 = c.cpu("bench-" + mode);
            long t0 = System.nanoTime();
            produce(in, bulk);
            long produced = System.nanoTime();
            long done = counter.awaitCount(warmup.size() + bulk.size(), Duration.ofMinutes(30), t0);
            r.put("cpu", cpu(c.cpu("bench-" + mode).minus(cpu0), bulk.size()));
            double seconds = (done - t0) / 1e9;
            r.put("records", bulk.size());
            r.put("seconds", seconds);
            r.put("recordsPerSecond", bulk.size() / seconds);
            r.put("produceSeconds", (produced - t0) / 1e9);
            r.put("firstOutputSeconds", (counter.firstAt - t0) / 1e9);
            r.put("steadyRecordsPerSecond", bulk.size() / ((done - counter.firstAt) / 1e9));
            c.send("stats");
            r.put("memory", json(c.await("stats", Duration.ofMinutes(1))));
            log.printf("  %,d records in %.1f s: %,.0f records/s%n", bulk.size(), seconds, bulk.size() / seconds);
        }
        return r;
    }

    /** A phase's CPU: seconds of the worker process and of its Streams threads, and records per CPU-second of each. */
    private static Map<String, Object> cpu(Child.Cpu used, long records) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("processSeconds", used.process());
        m.put("streamThreadSeconds", used.streamThreads());
        m.put("perProcessCpuSecond", used.process() > 0 ? records / used.process() : null);
        m.put("perStreamThreadCpuSecond", used.streamThreads() > 0 ? records / used.streamThreads() : null);
        return m;
    }

    // ------------------------------------------------------------------------------------------------- settlement

    private void settlement(List<Workload.ClaimRecord> warmup, List<Workload.ClaimRecord> bulk, List<Workload.ClaimRecord> paced)
            throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        results.put("settlement", s);
        log.printf("%nsettlement-service (the real topology, shipped configuration, exactly_once_v2)%n");
        Path state = workDir.resolve("state-settlement");
        step("parameters and identity timelines", () -> {
            produceEntries(Topics.POLICY_PARAMETERS.name(), load.parameters);
            produceEntries(Topics.PERSON_ELIGIBILITY.name(), load.timelines);
            return String.format("%,d parameters, %,d timelines", load.parameters.size(), load.timelines.size());
        });
        Path props = serviceProperties(state);
        Child service = Child.start("settlement", ServiceWorker.class, workerJvm(serviceJvmOpts == null ? List.of()
                : List.of(serviceJvmOpts.trim().split("\\s+"))), List.of(props.toString()), workDir.resolve("logs/settlement.log"));
        try (Scanner scanner = new Scanner()) {
            Map<String, Object> first = json(service.await("running", Duration.ofMinutes(5)));
            s.put("firstStart", first);
            long tId = System.nanoTime();
            awaitConsumed("medassist-settlement", Topics.PERSON_ELIGIBILITY.name(), Duration.ofMinutes(30));
            double idSeconds = (System.nanoTime() - tId) / 1e9;
            s.put("identityPhase", Map.of("timelines", load.timelines.size(), "seconds", idSeconds,
                    "timelinesPerSecond", load.timelines.size() / idSeconds));
            log.printf("  identities applied: %,d timelines in %.1f s (%,.0f/s)%n", load.timelines.size(), idSeconds,
                    load.timelines.size() / idSeconds);

            if (!warmup.isEmpty()) {
                Scanner.Watch warming = scanner.watch(warmup);
                long w0 = System.nanoTime();
                produce(Topics.HOSPITAL_EVENTS.name(), warmup);
                warming.await(Duration.ofMinutes(60), w0, log);
                double ws = (System.nanoTime() - w0) / 1e9;
                s.put("warmup", Map.of("claims", warmup.size(), "seconds", ws));
                log.printf("  warm-up: %,d claims settled in %.1f s (%,.0f claims/s), not counted%n", warmup.size(), ws, warmup.size() / ws);
            }
            // throughput: the claims as fast as the producer goes, until each one's first settlement is readable
            Map<String, Object> tp = new LinkedHashMap<>();
            Scanner.Watch watch = scanner.watch(bulk);
            Child.Cpu cpu0 = service.cpu("medassist-settlement");
            long t0 = System.nanoTime();
            produce(Topics.HOSPITAL_EVENTS.name(), bulk);
            long produced = System.nanoTime();
            long done = watch.await(Duration.ofMinutes(60), t0, log);
            tp.put("cpu", cpu(service.cpu("medassist-settlement").minus(cpu0), bulk.size()));
            double seconds = (done - t0) / 1e9;
            tp.put("claims", bulk.size());
            tp.put("seconds", seconds);
            tp.put("claimsPerSecond", bulk.size() / seconds);
            tp.put("produceSeconds", (produced - t0) / 1e9);
            tp.put("firstSettlementSeconds", (watch.firstAt - t0) / 1e9);
            tp.put("steadyClaimsPerSecond", bulk.size() / ((done - watch.firstAt) / 1e9));
            tp.put("firstSettlementByStatus", watch.byStatus());
            s.put("throughput", tp);
            log.printf("  %,d claims settled in %.1f s: %,.0f claims/s · %s%n", bulk.size(), seconds, bulk.size() / seconds,
                    watch.byStatus());

            if (!paced.isEmpty()) s.put("latency", latency(scanner, paced));
            if (!skip.contains("http")) s.put("http", http(scanner));

            service.send("stats");
            Map<String, Object> stats = json(service.await("stats", Duration.ofMinutes(5)));
            s.put("memory", without(stats, "stores"));
            s.put("stores", stats.get("stores"));
            s.put("stateDirBytes", du(state));
            s.put("changelogBytes", changelogBytes("medassist-settlement"));
            s.put("storeBytesPerMillionPersons", storeBytes(stats.get("stores")) * 1_000_000.0 / load.persons);
        } finally {
            service.close();
        }
        if (!skip.contains("restore")) {
            step("restore after the local state is deleted", () -> {
                deleteTree(state);
                try (Child again = Child.start("settlement-restore", ServiceWorker.class, workerJvm(List.of()), List.of(props.toString()),
                        workDir.resolve("logs/settlement-restore.log"))) {
                    Map<String, Object> r = json(again.await("running", Duration.ofMinutes(30)));
                    s.put("restore", r);
                    return String.format("stores ready %.1f s after the service started (%.1f s with its start-up)",
                            ((Number) r.get("storesReadyMs")).doubleValue() / 1000, ((Number) r.get("totalMs")).doubleValue() / 1000);
                }
            });
        }
    }

    private Map<String, Object> latency(Scanner scanner, List<Workload.ClaimRecord> paced) throws Exception {
        log.printf("  latency: %,d claims at %,d claims/s …%n", paced.size(), rate);
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        Scanner.Watch watch = scanner.watch(paced, h);
        long periodNanos = 1_000_000_000L / rate;
        long late = 0;
        try (KafkaProducer<String, byte[]> p = producer(false)) {
            long start = System.nanoTime();
            long startMs = System.currentTimeMillis();
            for (int i = 0; i < paced.size(); i++) {
                long due = start + i * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                else if (wait < -5_000_000L) late++;
                Workload.ClaimRecord c = paced.get(i);
                // the record's timestamp is when it was due: a late send counts against the latency (no coordinated omission)
                p.send(new ProducerRecord<>(Topics.HOSPITAL_EVENTS.name(), null, startMs + i * 1000L / rate, c.personId(), c.value()));
            }
            p.flush();
        }
        watch.await(Duration.ofMinutes(10), System.nanoTime(), log);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("offeredClaimsPerSecond", rate);
        r.put("claims", paced.size());
        r.put("sentMoreThan5msLate", late);
        r.put("p50Ms", h.getValueAtPercentile(50) / 1000.0);
        r.put("p90Ms", h.getValueAtPercentile(90) / 1000.0);
        r.put("p99Ms", h.getValueAtPercentile(99) / 1000.0);
        r.put("p999Ms", h.getValueAtPercentile(99.9) / 1000.0);
        r.put("maxMs", h.getMaxValue() / 1000.0);
        r.put("histogram", "HdrHistogram 2.2.2, microseconds, 3 significant digits");
        log.printf("  latency produced → settlement committed: p50 %.0f ms · p99 %.0f ms · p99.9 %.0f ms · max %.0f ms%n",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0,
                h.getMaxValue() / 1000.0);
        return r;
    }

    // ------------------------------------------------------------------------------------------------------- HTTP

    private Map<String, Object> http(Scanner scanner) throws Exception {
        Map<String, List<Workload.JsonClaim>> byHospital = load.httpByHospital();
        List<String[]> batches = new ArrayList<>();   // token, body, count
        List<String[]> singles = new ArrayList<>();
        List<String> posted = new ArrayList<>(); // every claim of every request below, warm-ups included
        int budget = httpClaims + httpWarmup / 100 * 100;
        int singleBudget = httpSingle + singleWarmup();
        List<String> hospitals = new ArrayList<>(byHospital.keySet());
        hospitals.sort(Comparator.naturalOrder());
        for (String h : hospitals) {
            List<Workload.JsonClaim> cs = byHospital.get(h);
            int i = 0;
            for (; i + 100 <= cs.size() && budget >= 100; i += 100, budget -= 100) {
                StringBuilder sb = new StringBuilder("[");
                for (int j = i; j < i + 100; j++) {
                    sb.append(j > i ? "," : "").append(cs.get(j).json());
                    posted.add(cs.get(j).claimId());
                }
                batches.add(new String[] {token(h), sb.append(']').toString(), "100"});
            }
            for (; i < cs.size() && singles.size() < singleBudget; i++) {
                singles.add(new String[] {token(h), "[" + cs.get(i).json() + "]", "1"});
                posted.add(cs.get(i).claimId());
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("clients", httpClients);
        // every posted claim must come out settled: watched from before the first post, so that none is missed, and
        // awaited after the last, so that the stores are measured at rest and a lost claim fails the run
        Scanner.Watch settled = scanner.watchIds(posted);
        long t0 = System.nanoTime();
        int warmBatches = Math.min(httpWarmup / 100, batches.size());
        int warmSingles = Math.min(singleWarmup(), singles.size());
        if (warmBatches + warmSingles > 0) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("batch100", post(batches.subList(0, warmBatches), "warm-up, batches of 100, not counted"));
            w.put("batch1", post(singles.subList(0, warmSingles), "warm-up, one claim per request, not counted"));
            r.put("warmup", w);
            batches = batches.subList(warmBatches, batches.size());
            singles = singles.subList(warmSingles, singles.size());
        }
        r.put("batch100", post(batches, "batches of 100"));
        r.put("batch1", post(singles, "one claim per request"));
        long done = settled.await(Duration.ofMinutes(15), t0, log);
        r.put("settledClaims", posted.size());
        r.put("settledSecondsFromFirstPost", (done - t0) / 1e9);
        r.put("settledByStatus", settled.byStatus());
        log.printf("  every posted claim settled: %,d, %.1f s after the first post · %s%n", posted.size(), (done - t0) / 1e9,
                settled.byStatus());
        return r;
    }

    private int singleWarmup() { return Math.min(httpWarmup / 20, 1_000); }

    private Map<String, Object> post(List<String[]> requests, String what) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create("http://127.0.0.1:" + (portBase + 3) + Endpoint.CLAIMS.path());
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(httpClients);
        double[] countersBefore = ingestCounters(client);
        long t0 = System.nanoTime();
        List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
        for (int k = 0; k < httpClients; k++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests.size()) {
                    String[] q = requests.get(i);
                    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + q[0]).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(q[1])).build();
                    try {
                        int code = client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                        statuses.computeIfAbsent(code, x -> new AtomicLong()).incrementAndGet();
                        if (code == 202) accepted.addAndGet(Integer.parseInt(q[2]));
                    } catch (IOException e) {
                        statuses.computeIfAbsent(-1, x -> new AtomicLong()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (var f : fs) f.get();
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("requests", requests.size());
        r.put("acceptedClaims", accepted.get());
        r.put("seconds", seconds);
        r.put("acceptedClaimsPerSecond", accepted.get() / seconds);
        Map<String, Long> st = new LinkedHashMap<>();
        statuses.forEach((k, v) -> st.put(String.valueOf(k), v.get()));
        r.put("statuses", st);
        // group commit: how many requests the service's ingestion pool wrote per Kafka transaction in this phase
        double[] countersAfter = ingestCounters(client);
        String perTransaction = "";
        if (countersBefore != null && countersAfter != null && countersAfter[1] > countersBefore[1]) {
            double ratio = (countersAfter[0] - countersBefore[0]) / (countersAfter[1] - countersBefore[1]);
            r.put("requestsPerTransaction", ratio);
            perTransaction = String.format(" · %.2f requests per transaction", ratio);
        }
        log.printf("  HTTP %s: %,d claims accepted in %.1f s: %,.0f claims/s · statuses %s%s%n", what, accepted.get(), seconds,
                accepted.get() / seconds, st, perTransaction);
        return r;
    }

    /**
     * The service's {@code medassist_ingest_requests_total} and {@code medassist_ingest_transactions_total}, summed
     * over pools, from its /prometheus; null when they cannot be read (the figure is then left out, not guessed).
     */
    private double[] ingestCounters(HttpClient client) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (portBase + 3) + "/prometheus"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> res = client.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) return null;
            double requests = PrometheusText.sum(res.body(), "medassist_ingest_requests_total");
            double transactions = PrometheusText.sum(res.body(), "medassist_ingest_transactions_total");
            return Double.isNaN(requests) || Double.isNaN(transactions) ? null : new double[] {requests, transactions};
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String token(String hospitalId) { return "bench-hospital-" + hospitalId; }

    // ---------------------------------------------------------------------------------------------- configuration

    /** The service's properties, as bin/run gives them (tools/launcher ServiceProperties), with a token per hospital. */
    private Path serviceProperties(Path state) throws IOException {
        Properties p = new Properties();
        p.put("medassist.kafka.bootstrap-servers", broker.bootstrapServers());
        p.put("medassist.kafka.registry-url", registry.registryUrl());
        p.put("medassist.kafka.person-partitions", String.valueOf(partitions));
        p.put("medassist.kafka.replication-factor", "1");
        p.put("medassist.kafka.state-dir", state.toAbsolutePath().toString());
        p.put("micronaut.server.host", "127.0.0.1");
        p.put("micronaut.server.port", String.valueOf(portBase + 3));
        p.put("medassist.log.person-id-key", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        p.put("micronaut.environments", "dev");
        // bin/run's static membership: a restarted instance takes its partitions back at once
        p.put("medassist.kafka.streams.group.instance.id", "settlement-service-bench");
        p.put("medassist.kafka.streams.session.timeout.ms", "10000");
        Map<String, String> regions = new HashMap<>();
        for (Workload.JsonClaim c : load.httpClaims) regions.putIfAbsent(c.hospitalId(), c.region());
        regions.forEach((h, region) -> {
            String prefix = "medassist.auth.principals.bench-hospital-" + h.toLowerCase(Locale.ROOT).replace('_', '-') + ".";
            p.put(prefix + "kind", "hospital");
            p.put(prefix + "name", h);
            p.put(prefix + "regions", region);
            p.put(prefix + "token", token(h));
        });
        serviceOverrides.forEach(p::put);
        Path file = workDir.resolve("settlement.properties");
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "settlement-service, as bin/run starts it");
        }
        return file;
    }

    private List<String> workerJvm(List<String> extra) {
        List<String> a = new ArrayList<>();
        a.add("-Xmx" + heap);
        a.add(collector.option);
        a.add("-XX:+ExitOnOutOfMemoryError");
        a.add("-Dlogback.configurationFile=" + workDir.resolve("logback.xml"));
        a.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        a.addAll(extra);
        return a;
    }

    private void writeLogback() throws IOException {
        Files.writeString(workDir.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.medassist" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        // this JVM: the broker's and clients' logging, quiet
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    // ---------------------------------------------------------------------------------------------------- Kafka

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private KafkaProducer<String, byte[]> producer(boolean bulk) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        if (bulk) {
            c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        }
        return new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer());
    }

    private void produce(String topic, List<Workload.ClaimRecord> records) {
        try (KafkaProducer<String, byte[]> p = producer(true)) {
            for (Workload.ClaimRecord c : records) p.send(new ProducerRecord<>(topic, c.personId(), c.value()));
            p.flush();
        }
    }

    private void produceEntries(String topic, List<Map.Entry<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> p = producer(true)) {
            for (Map.Entry<String, byte[]> e : records) p.send(new ProducerRecord<>(topic, e.getKey(), e.getValue()));
            p.flush();
        }
    }

    /** Waits until the group has committed the end of every partition of the topic. */
    private void awaitConsumed(String group, String topic, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (int i = 0; i < partitions; i++) specs.put(new TopicPartition(topic, i), OffsetSpec.latest());
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(specs).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            long lastLog = System.nanoTime();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                long done = 0;
                boolean all = true;
                for (var e : ends.entrySet()) {
                    OffsetAndMetadata m = committed.get(e.getKey());
                    long at = m == null ? 0 : Math.min(m.offset(), e.getValue());
                    done += at;
                    if (at < e.getValue()) all = false;
                }
                if (all) return;
                if (System.nanoTime() - lastLog > 2_000_000_000L) {
                    log.printf("  … %s: %,d of %,d consumed%n", topic, done, total);
                    lastLog = System.nanoTime();
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(group + " did not consume " + topic + " within " + timeout);
    }

    private long changelogBytes(String applicationId) throws Exception {
        long sum = 0;
        try (Admin admin = admin()) {
            Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(List.of(1)).allDescriptions().get();
            for (Map<String, LogDirDescription> byDir : dirs.values()) {
                for (LogDirDescription d : byDir.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> e : d.replicaInfos().entrySet()) {
                        String t = e.getKey().topic();
                        if (t.startsWith(applicationId + "-") && t.endsWith("-changelog")) sum += e.getValue().size();
                    }
                }
            }
        }
        return sum;
    }

    /** Counts the records of a topic, read committed, from its beginning. */
    private final class Counter implements AutoCloseable {
        private final AtomicLong count = new AtomicLong();
        private volatile long reachedAt;
        volatile long firstAt;
        private volatile long target = Long.MAX_VALUE;
        private volatile boolean stop;
        private final Thread thread;

        Counter(String topic) {
            thread = new Thread(() -> {
                try (KafkaConsumer<byte[], byte[]> c = consumer()) {
                    List<TopicPartition> tps = new ArrayList<>();
                    for (int i = 0; i < partitions; i++) tps.add(new TopicPartition(topic, i));
                    c.assign(tps);
                    c.seekToBeginning(tps);
                    while (!stop) {
                        int n = c.poll(Duration.ofMillis(100)).count();
                        if (n > 0 && firstAt == 0) firstAt = System.nanoTime();
                        if (count.addAndGet(n) >= target && reachedAt == 0) reachedAt = System.nanoTime();
                    }
                }
            }, "counter-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        /** Starts a new measurement: the next output is the first, and the count reached is measured anew. */
        void restart() {
            target = Long.MAX_VALUE;
            reachedAt = 0;
            firstAt = 0;
        }

        long awaitCount(long n, Duration timeout, long t0) throws InterruptedException {
            target = n;
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastLog = System.nanoTime();
            while (reachedAt == 0) {
                if (count.get() >= n && reachedAt == 0) reachedAt = System.nanoTime();
                if (System.nanoTime() > deadline) throw new IllegalStateException("only " + count.get() + " of " + n + " records came out");
                if (System.nanoTime() - lastLog > 2_000_000_000L) {
                    log.printf("  … %,d of %,d out · %,.0f/s%n", count.get(), n, count.get() / ((System.nanoTime() - t0) / 1e9));
                    lastLog = System.nanoTime();
                }
                Thread.sleep(20);
            }
            return reachedAt;
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(5000);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Reads the settlements topic, read committed, from its end when created, and notes the first settlement of each
     * watched claim: when it was read, and its status.
     */
    private final class Scanner implements AutoCloseable {
        private volatile Watch current;
        private volatile boolean stop;
        private final Thread thread;

        final class Watch {
            private final Set<String> pending = ConcurrentHashMap.newKeySet();
            private final Histogram latency;
            private final long[] statuses = new long[SettlementBytes.STATUS.length];
            private final int size;
            private volatile long doneAt;
            volatile long firstAt;

            Watch(List<String> claimIds, Histogram latency) {
                pending.addAll(claimIds);
                this.size = pending.size();
                this.latency = latency;
            }

            void seen(String claimId, int status, long timestampMs, long nowMs) {
                if (!pending.remove(claimId)) return;
                if (firstAt == 0) firstAt = System.nanoTime();
                statuses[status]++;
                if (latency != null) latency.recordValue(Math.max(0, nowMs - timestampMs) * 1000);
                if (pending.isEmpty()) doneAt = System.nanoTime();
            }

            long await(Duration timeout, long t0, PrintStream log) throws InterruptedException {
                long deadline = System.nanoTime() + timeout.toNanos();
                long lastLog = System.nanoTime();
                while (doneAt == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(pending.size() + " of " + size + " claims have no settlement after " + timeout);
                    }
                    if (System.nanoTime() - lastLog > 2_000_000_000L) {
                        int settled = size - pending.size();
                        log.printf("  … %,d of %,d claims settled · %,.0f claims/s%n", settled, size,
                                settled / ((System.nanoTime() - t0) / 1e9));
                        lastLog = System.nanoTime();
                    }
                    Thread.sleep(20);
                }
                return doneAt;
            }

            Map<String, Long> byStatus() {
                Map<String, Long> m = new LinkedHashMap<>();
                for (int i = 0; i < statuses.length; i++) if (statuses[i] > 0) m.put(SettlementBytes.STATUS[i], statuses[i]);
                return m;
            }
        }

        Scanner() {
            KafkaConsumer<byte[], byte[]> c = consumer();
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) tps.add(new TopicPartition(Topics.SETTLEMENTS.name(), i));
            c.assign(tps);
            c.seekToEnd(tps);
            for (TopicPartition tp : tps) c.position(tp);
            thread = new Thread(() -> {
                try (c) {
                    while (!stop) {
                        var records = c.poll(Duration.ofMillis(50));
                        long now = System.currentTimeMillis();
                        Watch w = current;
                        if (w == null) continue;
                        for (ConsumerRecord<byte[], byte[]> r : records) {
                            SettlementBytes.Head h = SettlementBytes.read(r.value());
                            if (h.claimId() != null) w.seen(h.claimId(), h.status(), r.timestamp(), now);
                        }
                    }
                }
            }, "settlement-scanner");
            thread.setDaemon(true);
            thread.start();
        }

        Watch watch(List<Workload.ClaimRecord> claims) { return watch(claims, null); }

        Watch watch(List<Workload.ClaimRecord> claims, Histogram latency) {
            return watchIds(claims.stream().map(Workload.ClaimRecord::claimId).toList(), latency);
        }

        Watch watchIds(List<String> claimIds) { return watchIds(claimIds, null); }

        Watch watchIds(List<String> claimIds, Histogram latency) {
            Watch w = new Watch(claimIds, latency);
            current = w;
            return w;
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(5000);
        }
    }

    // ---------------------------------------------------------------------------------------------------- report

    private void ratios() {
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) results.get("baselines");
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) results.get("settlement");
        if (s == null || !(s.get("throughput") instanceof Map<?, ?> tp)) return;
        double settled = ((Number) tp.get("claimsPerSecond")).doubleValue();
        Map<String, Object> r = new LinkedHashMap<>();
        double steady = ((Number) tp.get("steadyClaimsPerSecond")).doubleValue();
        for (String mode : List.of("pass", "rmw")) {
            String name = mode.equals("pass") ? "PassThrough" : "ReadModifyWrite";
            if (b.get(mode) instanceof Map<?, ?> m) {
                r.put("settledTo" + name, settled / ((Number) m.get("recordsPerSecond")).doubleValue());
                r.put("steadySettledTo" + name, steady / ((Number) m.get("steadyRecordsPerSecond")).doubleValue());
                r.put("perStreamThreadCpuSecondSettledTo" + name, perCpu(tp, "perStreamThreadCpuSecond") / perCpu(m, "perStreamThreadCpuSecond"));
                r.put("perProcessCpuSecondSettledTo" + name, perCpu(tp, "perProcessCpuSecond") / perCpu(m, "perProcessCpuSecond"));
            }
        }
        results.put("ratios", r);
    }

    private static double perCpu(Map<?, ?> phase, String what) {
        return phase.get("cpu") instanceof Map<?, ?> c && c.get(what) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @SuppressWarnings("unchecked")
    private void table() {
        log.println();
        log.println("| what | figure |");
        log.println("|---|---|");
        Map<String, Object> m = (Map<String, Object>) results.getOrDefault("machine", Map.of());
        row("machine", m.get("cores") + " cores, " + m.get("memoryGiB") + " GiB, Java " + m.get("java") + "; workers " + m.get("workerJvm"));
        Map<String, Object> l = (Map<String, Object>) results.get("load");
        if (l != null) row("load", String.format("%,d persons, %,d timelines, %,d claims warm-up + %,d (throughput) + %,d (latency)",
                l.get("persons"), l.get("timelines"), l.get("warmupClaims"), l.get("throughputClaims"), l.get("latencyClaims")));
        Map<String, Object> b = (Map<String, Object>) results.getOrDefault("baselines", Map.of());
        if (b.get("pass") instanceof Map<?, ?> p) row("Streams pass-through, EOS", rate(p.get("recordsPerSecond")) + " records/s ("
                + rate(p.get("steadyRecordsPerSecond")) + " from the first output)");
        if (b.get("rmw") instanceof Map<?, ?> p) row("read-modify-write, one store by personId, EOS", rate(p.get("recordsPerSecond"))
                + " records/s (" + rate(p.get("steadyRecordsPerSecond")) + " from the first output)");
        for (String mode : List.of("pass", "rmw")) {
            if (b.get(mode) instanceof Map<?, ?> p) row(mode + ": records per CPU-second of the Streams threads / of the worker",
                    rate(perCpu(p, "perStreamThreadCpuSecond")) + " / " + rate(perCpu(p, "perProcessCpuSecond")));
        }
        Map<String, Object> s = (Map<String, Object>) results.getOrDefault("settlement", Map.of());
        if (s.get("identityPhase") instanceof Map<?, ?> p) row("identity timelines applied", rate(p.get("timelinesPerSecond")) + " timelines/s");
        if (s.get("throughput") instanceof Map<?, ?> p) row("settled claims", rate(p.get("claimsPerSecond")) + " claims/s ("
                + rate(p.get("steadyClaimsPerSecond")) + " from the first settlement, " + String.format("%.1f s", p.get("firstSettlementSeconds"))
                + " after the first claim)");
        if (s.get("throughput") instanceof Map<?, ?> p) row("settled claims per CPU-second of the Streams threads / of the service",
                rate(perCpu(p, "perStreamThreadCpuSecond")) + " / " + rate(perCpu(p, "perProcessCpuSecond")));
        Map<String, Object> r = (Map<String, Object>) results.getOrDefault("ratios", Map.of());
        if (r.get("settledToPassThrough") != null) row("settled / pass-through", String.format("%.3f", r.get("settledToPassThrough")));
        if (r.get("settledToReadModifyWrite") != null) row("settled / read-modify-write", String.format("%.3f", r.get("settledToReadModifyWrite")));
        if (r.get("steadySettledToReadModifyWrite") != null) {
            row("from the first output: settled / pass-through, settled / read-modify-write", String.format("%.3f, %.3f",
                    r.get("steadySettledToPassThrough"), r.get("steadySettledToReadModifyWrite")));
        }
        if (r.get("perStreamThreadCpuSecondSettledToReadModifyWrite") != null) {
            row("per CPU-second of the Streams threads: settled / pass-through, settled / read-modify-write", String.format("%.3f, %.3f",
                    r.get("perStreamThreadCpuSecondSettledToPassThrough"), r.get("perStreamThreadCpuSecondSettledToReadModifyWrite")));
            row("per CPU-second of the worker process: settled / pass-through, settled / read-modify-write", String.format("%.3f, %.3f",
                    r.get("perProcessCpuSecondSettledToPassThrough"), r.get("perProcessCpuSecondSettledToReadModifyWrite")));
        }
        if (s.get("latency") instanceof Map<?, ?> p) {
            row("latency at " + p.get("offeredClaimsPerSecond") + " claims/s, p50 / p99 / p99.9",
                    String.format("%.0f / %.0f / %.0f ms", p.get("p50Ms"), p.get("p99Ms"), p.get("p999Ms")));
        }
        if (s.get("http") instanceof Map<?, ?> p) {
            if (p.get("batch100") instanceof Map<?, ?> q) row("HTTP ingestion, batches of 100", rate(q.get("acceptedClaimsPerSecond")) + " claims/s");
            if (p.get("batch1") instanceof Map<?, ?> q) row("HTTP ingestion, 1 per request", rate(q.get("acceptedClaimsPerSecond")) + " claims/s");
        }
        if (s.get("memory") instanceof Map<?, ?> p) {
            row("service peak RSS / peak heap / live heap (-Xmx" + heap + ")", String.format("%s / %s / %s", mib(p.get("rssPeakBytes")),
                    mib(p.get("heapPeakBytes")), mib(p.get("heapAfterGcBytes"))));
        }
        if (s.get("storeBytesPerMillionPersons") != null) {
            row("state per million persons (keys + values)", mib(s.get("storeBytesPerMillionPersons")) + " (local dir " + mib(s.get("stateDirBytes"))
                    + ", changelogs " + mib(s.get("changelogBytes")) + ")");
        }
        if (s.get("restore") instanceof Map<?, ?> p) {
            row("restore after the local state is deleted", String.format("%.1f s (stores ready after start; %.1f s with start-up)",
                    ((Number) p.get("storesReadyMs")).doubleValue() / 1000, ((Number) p.get("totalMs")).doubleValue() / 1000));
        }
        log.println();
    }

    private void row(String what, String figure) { log.println("| " + what + " | " + figure + " |"); }

    private static String rate(Object n) { return n == null ? "-" : String.format("%,.0f", ((Number) n).doubleValue()); }

    private static String mib(Object n) { return n == null ? "-" : String.format("%,.0f MiB", ((Number) n).doubleValue() / (1024 * 1024)); }

    // ---------------------------------------------------------------------------------------------------- helpers

    private void machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        m.put("memoryGiB", Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("loadAverageAtStart", os.getSystemLoadAverage());
        m.put("workerJvm", "-Xmx" + heap + " " + collector.option);
        m.put("command", "bin/bench-e2e " + String.join(" ", ProcessHandle.current().info().arguments().map(a -> List.of(a))
                .orElse(List.of()).stream().dropWhile(a -> !a.endsWith(".jar") && !a.equals(BenchE2e.class.getName())).skip(1).toList()));
        results.put("machine", m);
    }

    private interface Work {
        String call() throws Exception;
    }

    private void step(String what, Work work) throws Exception {
        log.printf("%s …%n", what);
        long t0 = System.nanoTime();
        String r = work.call();
        log.printf("  done in %.1f s · %s%n", (System.nanoTime() - t0) / 1e9, r);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String s) throws IOException {
        return new ObjectMapper().readValue(s, LinkedHashMap.class);
    }

    private static Map<String, Object> without(Map<String, Object> m, String key) {
        Map<String, Object> c = new LinkedHashMap<>(m);
        c.remove(key);
        return c;
    }

    @SuppressWarnings("unchecked")
    private static long storeBytes(Object stores) {
        long sum = 0;
        if (stores instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                if (v instanceof Map<?, ?> s && s.get("keyBytes") != null) {
                    sum += ((Number) s.get("keyBytes")).longValue() + ((Number) s.get("valueBytes")).longValue();
                }
            }
        }
        return sum;
    }

    private static long du(Path dir) throws IOException {
        if (!Files.exists(dir)) return 0;
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
