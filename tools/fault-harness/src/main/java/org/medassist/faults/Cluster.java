package org.medassist.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.medassist.embeddedkafka.EmbeddedRegistry;
import org.medassist.embeddedkafka.LocalKafkaMain;
import org.medassist.schemas.kafka.Topics;

/**
 * The system under test as four kinds of OS processes on 127.0.0.1: the broker ({@link LocalKafkaMain}, its log in
 * the work directory so that it restarts with its data), the registry (the runner jar, as {@link EmbeddedRegistry}
 * runs it, with its H2 file in the work directory), eligibility-service and settlement-service (each from its jar and
 * {@code target/lib}, configured by system properties as docs/operations.md lists them). Ports are picked once and
 * kept across restarts, so clients reconnect to the same addresses.
 */
final class Cluster implements AutoCloseable {
    static final String ELIGIBILITY_APP = "medassist-eligibility";
    static final String SETTLEMENT_APP = "medassist-settlement";

    private final Path work;
    private final Path home;
    private final int partitions;
    private final Ports ports;
    private final int brokerPort;
    private volatile int registryPort;
    private final JavaProcess broker;
    private final Service eligibility;
    private final Service settlement;
    private volatile EmbeddedRegistry registry;
    private volatile boolean closed;
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A service process; its HTTP port is picked at each start. */
    static final class Service {
        private final String name;
        private final JavaProcess process;
        private volatile int port;

        Service(String name, JavaProcess process) {
            this.name = name;
            this.process = process;
        }

        String name() { return name; }

        JavaProcess process() { return process; }

        int port() { return port; }
    }

    Cluster(Path home, Path work, int partitions, List<String> serviceJvmOptions, Ports ports) {
        this(home, work, partitions, serviceJvmOptions, ports, Map.of());
    }

    /** @param serviceProperties more system properties of both services, such as the tokens file of the HTTP mode */
    Cluster(Path home, Path work, int partitions, List<String> serviceJvmOptions, Ports ports, Map<String, String> serviceProperties) {
        this.home = home;
        this.work = work;
        this.partitions = partitions;
        this.ports = ports;
        this.brokerPort = ports.free();
        int controllerPort = ports.free();
        this.registryPort = ports.free();
        Path logs = work.resolve("logs");
        this.broker = new JavaProcess("broker", System.getProperty("java.class.path"), LocalKafkaMain.class.getName(),
                List.of("-Xmx768m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"), Map.of(),
                List.of(work.resolve("broker").toString(), Integer.toString(brokerPort), "none", Integer.toString(controllerPort)), logs.resolve("broker.log"));
        String personIdKey = UUID.randomUUID().toString();
        this.eligibility = service("eligibility-service", ELIGIBILITY_APP, "org.medassist.eligibility.EligibilityApplication",
                serviceJvmOptions, personIdKey, serviceProperties, logs);
        this.settlement = service("settlement-service", SETTLEMENT_APP, "org.medassist.settlement.SettlementApplication",
                serviceJvmOptions, personIdKey, serviceProperties, logs);
        this.shutdownHook = new Thread(this::onShutdown, "faults-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Should the harness be stopped (Ctrl-C, SIGTERM), nothing it started stays behind, a stopped registry included. */
    private void onShutdown() {
        if (closed) return;
        settlement.process().kill();
        eligibility.process().kill();
        broker.kill();
        EmbeddedRegistry r = registry;
        if (r != null) {
            ProcessHandle.of(r.pid()).ifPresent(ProcessHandle::destroyForcibly);
            r.close();
        }
    }

    private Service service(String module, String applicationId, String mainClass, List<String> jvmOptions, String personIdKey,
                            Map<String, String> extra, Path logs) {
        Path jar = Home.moduleJar(home, module);
        String watchdog = Home.codeLocation(org.medassist.embeddedkafka.ParentWatchdog.class)
                .orElseThrow(() -> new HarnessException("cannot locate the embedded-kafka classes")).toString();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("medassist.kafka.bootstrap-servers", bootstrapServers());
        p.put("medassist.kafka.person-partitions", Integer.toString(partitions));
        p.put("medassist.kafka.replication-factor", "1");
        p.put("medassist.kafka.application-id", applicationId);
        p.put("medassist.kafka.state-dir", work.resolve(module).resolve("state").toString());
        p.put("micronaut.server.host", "127.0.0.1");
        p.put("medassist.log.person-id-key", personIdKey);
        // as bin/run configures them (docs/local-run.md, "After kill -9"): a stable group.instance.id gives a restarted
        // instance its partitions back at once instead of after the previous one's session expired
        p.put("medassist.kafka.streams.group.instance.id", module + "-faults");
        p.put("medassist.kafka.streams.session.timeout.ms", "10000");
        p.put("java.io.tmpdir", work.resolve(module).resolve("tmp").toString());
        p.putAll(extra);
        try {
            Files.createDirectories(work.resolve(module).resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaProcess process = new JavaProcess(module, jar + java.io.File.pathSeparator + watchdog, mainClass, jvmOptions, p,
                List.of(), logs.resolve(module + ".log"));
        return new Service(module, process);
    }

    String bootstrapServers() { return "127.0.0.1:" + brokerPort; }

    String registryUrl() { return "http://127.0.0.1:" + registryPort + "/apis/registry/v2"; }

    int partitions() { return partitions; }

    Path work() { return work; }

    JavaProcess broker() { return broker; }

    Service eligibility() { return eligibility; }

    Service settlement() { return settlement; }

    long registryPid() { return registry == null ? -1 : registry.pid(); }

    /** Starts everything, in order, and creates the topics; returns once every service is healthy. */
    void start(Duration timeout) {
        CompletableFuture<Void> registryUp = CompletableFuture.runAsync(this::startRegistry);
        startBroker(timeout);
        try (Admin admin = admin()) {
            Topics.ensure(admin, partitions, (short) 1);
        }
        join(registryUp);
        CompletableFuture<Long> e = CompletableFuture.supplyAsync(() -> startService(eligibility, timeout));
        CompletableFuture<Long> s = CompletableFuture.supplyAsync(() -> startService(settlement, timeout));
        join(CompletableFuture.allOf(e, s));
    }

    /** Waits for a task, throwing what it threw. */
    static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    void startBroker(Duration timeout) {
        broker.start();
        awaitBroker(timeout);
    }

    /** {@code kill -9} of the registry; {@link #startRegistry} starts it again on the same port and database. */
    void killRegistry() {
        EmbeddedRegistry r = registry;
        if (r == null) return;
        ProcessHandle.of(r.pid()).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        r.close(); // its shutdown hook and log bookkeeping; the process is gone already
    }

    /**
     * Starts the registry, on its port once it has one; a port taken between picking and binding it is picked again
     * (up to three times) at the first start only, since the services know the port afterwards.
     */
    void startRegistry() {
        boolean first = registry == null;
        for (int attempt = 1; ; attempt++) {
            try {
                registry = EmbeddedRegistry.builder()
                        .runnerJar(Home.registryJar(home))
                        .dataDir(work.resolve("registry"))
                        .logFile(work.resolve("logs").resolve("registry.log"))
                        .port(registryPort)
                        .startTimeout(Duration.ofSeconds(120))
                        .start();
                return;
            } catch (IllegalStateException e) {
                if (!first || attempt == 3 || !String.valueOf(e.getMessage()).contains("in use")) throw e;
                registryPort = ports.free();
            }
        }
    }

    /** Starts a service and waits for its {@code /health} to answer 200; returns the milliseconds that took. */
    long startService(Service s, Duration timeout) {
        launch(s);
        return awaitHealthy(s, timeout);
    }

    /** Starts a service without waiting for it. */
    void launch(Service s) {
        // a fresh port each time: nothing but the harness talks to it, and a port kept free across restarts may be taken
        s.port = ports.free();
        s.process().start(Map.of("micronaut.server.port", Integer.toString(s.port), "medassist.kafka.registry-url", registryUrl()));
    }

    /** Waits until the service's {@code /health} answers 200 (HTTP up, Streams RUNNING); milliseconds since its start. */
    long awaitHealthy(Service s, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!s.process().alive()) {
                throw new HarnessException(s.name() + " exited with " + s.process().exitCode() + " before it was healthy; see "
                        + s.process().log());
            }
            if (healthy(s)) return (System.nanoTime() - s.process().startedNanos()) / 1_000_000;
            sleep(100);
        }
        Path dump = Diagnostics.dump(this, s);
        throw new HarnessException(s.name() + " was not healthy " + timeout.toSeconds() + " s after it started; see " + s.process().log()
                + (dump == null ? "" : " and " + dump));
    }

    boolean healthy(Service s) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the broker answers a metadata request on its port. */
    void awaitBroker(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!broker.alive()) {
                throw new HarnessException("the broker exited with " + broker.exitCode() + " before it was ready; see " + broker.log());
            }
            try (Admin admin = admin(Duration.ofSeconds(3))) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) return;
            } catch (Exception notYet) {
                // not listening yet, or not registered yet
            }
            sleep(250);
        }
        throw new HarnessException("the broker was not ready " + timeout.toSeconds() + " s after it started; see " + broker.log());
    }

    Admin admin() { return admin(Duration.ofSeconds(30)); }

    Admin admin(Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return Admin.create(p);
    }

    /** Client settings every harness client shares. */
    Map<String, Object> clientConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", bootstrapServers());
        c.put("reconnect.backoff.max.ms", 1000);
        return c;
    }

    /** Stops every process: services first, then the registry (resumed if it was stopped) and the broker. */
    @Override
    public void close() {
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs instead
        }
        settlement.process().stop(20);
        eligibility.process().stop(20);
        EmbeddedRegistry r = registry;
        if (r != null) {
            try {
                JavaProcess.signal(r.pid(), "CONT");
            } catch (RuntimeException ignored) {
                // already gone
            }
            r.close();
        }
        broker.stop(30);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted", e);
        }
    }
}
