package org.medassist.launcher;

import org.medassist.schemas.PersonIdHash;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.medassist.launcher.Options.Opt;
import org.medassist.launcher.monitor.ConsoleSummary;
import org.medassist.launcher.monitor.OutputMonitor;
import org.medassist.launcher.monitor.Totals;
import org.medassist.launcher.services.ReflectiveServiceRunner;
import org.medassist.launcher.services.ServiceProperties;
import org.medassist.launcher.services.ServiceRunner;
import org.medassist.launcher.services.ServiceSpec;
import org.medassist.launcher.stream.Cursor;
import org.medassist.schemas.http.Endpoint;
import org.medassist.launcher.stream.Publisher;
import org.medassist.engine.policy.load.PolicyFileException;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.simulator.SimulationConfig;
import org.medassist.simulator.SyntheticStream;
import org.medassist.embeddedkafka.EmbeddedKafkaBroker;
import org.medassist.embeddedkafka.EmbeddedRegistry;
import org.medassist.schemas.kafka.KafkaConnection;
import org.medassist.schemas.kafka.Topics;

/**
 * bin/run: the whole system on one machine until Ctrl-C.
 *
 * <ol>
 *   <li>Checks before starting anything: the data directory's lock, the registry jar, the services' builds, the
 *       ports, the tokens. Each problem is reported with what to do about it.</li>
 *   <li>Starts the embedded Kafka broker (persistent, {@code <data>/kafka}) and the schema registry (H2 file,
 *       {@code <data>/registry}) side by side, unless {@code --bootstrap-servers} / {@code --registry-url} name
 *       external ones; creates the topics.</li>
 *   <li>Starts eligibility-service, then settlement-service ({@link ServiceRunner}), waiting for each one's
 *       {@code /health}; then dashboard-service, the monitoring offices' page (docs/dashboard-service.md), also with
 *       {@code --no-services}, since it only reads the output topics.</li>
 *   <li>Starts reading the output topics for the console summary, then the synthetic stream.</li>
 *   <li>On Ctrl-C (SIGINT) or SIGTERM stops, printing each step: the stream (its cursor saved), the services
 *       (dashboard first), the output reader, the registry, the broker.</li>
 * </ol>
 */
public final class Run {

    private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(180);
    /**
     * Held: java.util.logging keeps loggers weakly, and an existing logger is what a re-read of the configuration
     * file (by a service resetting java.util.logging) sets the level on again; its descendants inherit it.
     */
    private static final List<java.util.logging.Logger> APICURIO_JUL = List.of(
            java.util.logging.Logger.getLogger("io.apicurio"),
            // the schema resolver names its logger by the class's simple name
            java.util.logging.Logger.getLogger("RegistryClientFacadeFactory"));

    private final Options options;
    private final PrintStream out = System.out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Object shutdownLock = new Object();
    private boolean shutDown;

    private Path home;
    private DataDir data;
    private EmbeddedKafkaBroker broker;
    private EmbeddedRegistry registry;
    private final List<ServiceRunner> services = new ArrayList<>();
    private OutputMonitor monitor;
    private ConsoleSummary summary;
    private Publisher publisher;
    private Map<String, String> kafkaConfig = Map.of();

    private Run(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(List.of(args), System.getenv());
        } catch (Options.UsageException e) {
            System.err.println("bin/run: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.usage());
            return;
        }
        System.exit(new Run(options).run());
    }

    /** Runs until stopped; the process's exit code. */
    int run() {
        Signals.onStop(this::requestStop);
        Thread hook = new Thread(this::shutdown, "launcher-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            start();
        } catch (LaunchException e) {
            System.err.println();
            System.err.println("bin/run: " + e.getMessage());
            shutdown();
            return 1;
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("bin/run: could not start: " + e);
            e.printStackTrace();
            shutdown();
            return 1;
        }
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdown();
        return 0;
    }

    private void requestStop() {
        if (!stopping.compareAndSet(false, true)) {
            System.err.println("\nbin/run: stopping at once (second Ctrl-C); the registry child process exits with us");
            Runtime.getRuntime().halt(130);
        }
        System.err.println("\nbin/run: stopping (Ctrl-C again to stop at once)");
        stopRequested.countDown();
    }

    private void checkNotStopping() {
        if (stopping.get()) throw new LaunchException("stopped while starting");
    }

    // ------------------------------------------------------------------------------------------------ starting

    private void start() {
        home = Home.locate();
        data = new DataDir(options.dataDir());
        data.open();
        configureLogging();
        out.println("medassist local run · data " + data.root() + " · logs " + data.logs());

        // everything that can be checked before starting anything
        Path registryJar = null;
        if (options.embeddedRegistry()) {
            registryJar = Home.registryJar(home);
            if (!Files.isRegularFile(registryJar)) {
                throw new LaunchException("the schema registry is not built: " + registryJar + " is missing. Build it from "
                        + home + " with ./mvnw -q -B -DskipTests install (bin/run does this when something is missing),"
                        + " or use a running registry with --registry-url URL.");
            }
        }
        Tokens tokens = Tokens.load(options.tokensFile());
        SyntheticStream stream = stream();
        kafkaConfig = KafkaConfigFile.load(options.kafkaConfig(), options.embeddedKafka(), options.embeddedRegistry());
        Map<Opt, Integer> ports = resolvePorts();
        ServiceRunner eligibility = null;
        ServiceRunner settlement = null;
        if (options.services()) {
            ServiceSpec e = options.eligibilityClass() != null ? ServiceSpec.ELIGIBILITY.withMainClass(options.eligibilityClass()) : ServiceSpec.ELIGIBILITY;
            ServiceSpec s = options.settlementClass() != null ? ServiceSpec.SETTLEMENT.withMainClass(options.settlementClass()) : ServiceSpec.SETTLEMENT;
            eligibility = ReflectiveServiceRunner.of(e, ports.get(Opt.ELIGIBILITY_PORT), home);
            settlement = ReflectiveServiceRunner.of(s, ports.get(Opt.SETTLEMENT_PORT), home);
        }
        ServiceRunner dashboardService = ReflectiveServiceRunner.of(ServiceSpec.DASHBOARD, ports.get(Opt.DASHBOARD_PORT), home);

        // broker and registry side by side: the registry's JVM takes longest
        String bootstrap;
        String registryUrl;
        CompletableFuture<EmbeddedRegistry> registryStart = null;
        if (options.embeddedRegistry()) {
            EmbeddedRegistry.Builder rb = EmbeddedRegistry.builder().runnerJar(registryJar).port(ports.get(Opt.REGISTRY_PORT))
                    .dataDir(data.registry()).logFile(data.logs().resolve("registry.log"));
            registryStart = CompletableFuture.supplyAsync(rb::start);
        }
        long t0 = System.nanoTime();
        try {
            if (options.embeddedKafka()) {
                step("Kafka broker (KRaft)", () -> {
                    broker = EmbeddedKafkaBroker.builder().dataDir(data.kafka()).port(ports.get(Opt.KAFKA_PORT)).start();
                    return broker.bootstrapServers() + " · " + data.root().relativize(data.kafka());
                });
                bootstrap = broker.bootstrapServers();
            } else {
                bootstrap = options.bootstrapServers();
                step("Kafka (external)", () -> {
                    checkKafka(connection(bootstrap, null));
                    return bootstrap;
                });
            }
        } finally {
            if (broker == null && registryStart != null) registryStart.thenAccept(EmbeddedRegistry::close);
        }
        checkNotStopping();
        if (registryStart != null) {
            CompletableFuture<EmbeddedRegistry> pending = registryStart;
            step("schema registry", () -> {
                try {
                    registry = pending.join();
                } catch (CompletionException e) {
                    Throwable c = e.getCause() != null ? e.getCause() : e;
                    throw new LaunchException("the schema registry did not start: " + firstLine(c.getMessage())
                            + " (its log: " + data.logs().resolve("registry.log") + ")", c);
                }
                return registry.baseUrl() + " · " + data.root().relativize(data.registry());
            }, t0);
            registryUrl = registry.registryUrl();
        } else {
            registryUrl = options.registryUrl();
            step("schema registry (external)", () -> {
                checkRegistry(connection(bootstrap, registryUrl).registry());
                return registryUrl;
            });
        }
        checkNotStopping();
        step("topics", () -> {
            try (Admin admin = Admin.create(connection(bootstrap, registryUrl).clientConfig())) {
                Topics.ensure(admin, options.partitions(), (short) options.replicationFactor());
            } catch (IllegalStateException e) {
                throw new LaunchException(e.getMessage() + ". The data directory " + data.root() + " was made with another"
                        + " --partitions; use that, or another --data-dir.");
            }
            return Topics.all().size() + " topics · " + options.partitions() + " partitions per person-keyed topic";
        });

        String personIdKey = data.personIdKey();
        ServiceProperties.Infrastructure infra = new ServiceProperties.Infrastructure(bootstrap, registryUrl,
                options.partitions(), options.replicationFactor(), personIdKey, options.policiesDir());
        for (ServiceRunner runner : options.services() ? List.of(eligibility, settlement) : List.<ServiceRunner>of()) {
            checkNotStopping();
            Map<String, Object> properties = ServiceProperties.of(runner.name(), infra, runner.port(), data.serviceState(runner.name()),
                    tokens, stream.cities());
            kafkaConfig.forEach(properties::putIfAbsent); // security and registry access; this run's broker and registry win
            startService(runner, properties);
        }

        checkNotStopping();
        // the monitoring offices' page: it reads the output topics itself and sends person searches to settlement-service
        Map<String, Object> dashboardProperties = ServiceProperties.of(dashboardService.name(), infra, dashboardService.port(),
                data.serviceState(dashboardService.name()), tokens, stream.cities());
        dashboardProperties.put(ServiceProperties.DASHBOARD_SETTLEMENT_URL, "http://127.0.0.1:" + ports.get(Opt.SETTLEMENT_PORT));
        kafkaConfig.forEach(dashboardProperties::putIfAbsent);
        startService(dashboardService, dashboardProperties);
        String dashboardUrl = "http://127.0.0.1:" + dashboardService.port() + "/#token="
                + java.net.URLEncoder.encode(tokens.reader(), StandardCharsets.UTF_8);
        line("dashboard page", dashboardUrl);

        checkNotStopping();
        Totals totals = new Totals(PersonIdHash.withKey(personIdKey), stream.cities().stream().map(c -> c.region()).toList());
        monitor = new OutputMonitor(connection(bootstrap, registryUrl), totals);
        monitor.start();

        List<String> footer = new ArrayList<>();
        footer.add("dashboard " + dashboardUrl + (options.services()
                ? " · eligibility :" + ports.get(Opt.ELIGIBILITY_PORT) + " · settlement :" + ports.get(Opt.SETTLEMENT_PORT) : ""));
        footer.add("Ctrl-C stops everything, in order; a restart resumes from " + data.root());
        summary = new ConsoleSummary(out, System.console() != null, totals, this::streamStatus, footer);

        if (options.stream()) {
            SimulationConfig config = stream.config();
            Cursor cursor = Cursor.load(data.cursor(), stream.fingerprint());
            Map<Endpoint.Service, URI> urls = new EnumMap<>(Endpoint.Service.class);
            urls.put(Endpoint.Service.ELIGIBILITY, URI.create("http://127.0.0.1:" + ports.get(Opt.ELIGIBILITY_PORT)));
            urls.put(Endpoint.Service.SETTLEMENT, URI.create("http://127.0.0.1:" + ports.get(Opt.SETTLEMENT_PORT)));
            publisher = new Publisher(stream, cursor, tokens::of, urls, options.rate(), summary.messages());
            String resume = cursor.position() > 0 ? String.format(" · resuming after %,d events sent before", cursor.position()) : "";
            if (cursor.position() == 0 && !cursor.otherStreams().isEmpty()) {
                resume = " · a new stream (this data directory also has " + String.join(", ", cursor.otherStreams().keySet()) + ")";
            }
            line("synthetic stream", String.format("%,d people · %d cities · %d year(s) from %d · seed %d · %s%s", config.people(),
                    stream.cities().size(), config.years(), stream.startYear(), config.seed(), options.rate() > 0 ? String.format("%.0f events/s", options.rate()) : "unthrottled", resume));
        } else {
            line("synthetic stream", options.services() ? "off (--no-stream)" : "off (--no-services)");
        }
        out.println();
        summary.start();
        if (publisher != null) publisher.start();
    }

    /** The synthetic stream over the policy catalog; its cities are the ones the services get tokens for. */
    private SyntheticStream stream() {
        try {
            return new SyntheticStream(PolicyLoader.catalog(options.policiesDir()), options.streamConfig());
        } catch (PolicyFileException e) {
            throw new LaunchException("a policy file is invalid: " + e.getMessage()
                    + (options.policiesDir() != null ? " (--policies " + options.policiesDir() + ")" : ""));
        }
    }

    private void startService(ServiceRunner runner, Map<String, Object> properties) {
        step(runner.name(), () -> {
            services.add(runner); // stopped on shutdown even if it fails half-way
            try {
                runner.start(properties);
            } catch (LaunchException e) {
                throw e;
            } catch (Exception e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) root = root.getCause();
                if (root instanceof BindException) throw portInUse(portOption(runner), runner.port());
                throw new LaunchException(runner.name() + " did not start: " + firstLine(String.valueOf(e))
                        + (root != e ? " (caused by " + firstLine(String.valueOf(root)) + ")" : "")
                        + " — details in " + data.logs().resolve("services.log"), e);
            }
            long deadline = System.nanoTime() + SERVICE_START_TIMEOUT.toNanos();
            while (!runner.healthy()) {
                checkNotStopping();
                if (System.nanoTime() > deadline) {
                    throw new LaunchException(runner.name() + " did not report healthy on http://127.0.0.1:" + runner.port()
                            + "/health within " + SERVICE_START_TIMEOUT.toSeconds() + " s — see " + data.logs().resolve("services.log"));
                }
                sleep(250);
            }
            return "http://127.0.0.1:" + runner.port() + " · " + data.root().relativize(data.serviceState(runner.name()));
        });
    }

    private static Opt portOption(ServiceRunner runner) {
        if (runner.name().equals(ServiceSpec.DASHBOARD.name())) return Opt.DASHBOARD_PORT;
        return runner.name().equals(ServiceSpec.ELIGIBILITY.name()) ? Opt.ELIGIBILITY_PORT : Opt.SETTLEMENT_PORT;
    }

    /** Replaces 0 by a free port, and fails with a precise message when a chosen port is taken. */
    private Map<Opt, Integer> resolvePorts() {
        Map<Opt, Integer> resolved = new LinkedHashMap<>();
        for (Map.Entry<Opt, Integer> e : options.boundPorts().entrySet()) {
            int port = e.getValue();
            if (port == 0) {
                port = freePort();
            } else if (!isFree(port)) {
                throw portInUse(e.getKey(), port);
            }
            resolved.put(e.getKey(), port);
        }
        resolved.putIfAbsent(Opt.ELIGIBILITY_PORT, options.eligibilityPort());
        resolved.putIfAbsent(Opt.SETTLEMENT_PORT, options.settlementPort());
        return resolved;
    }

    static LaunchException portInUse(Opt option, int port) {
        return new LaunchException("port " + port + " (" + Options.purpose(option) + ") is already in use on 127.0.0.1 —"
                + " another bin/run, or another program, holds it. Choose another port with " + Options.howToChange(option)
                + ", or 0 for any free port.");
    }

    /** Whether a server could listen on the port now (as servers do, with SO_REUSEADDR: closed connections do not count). */
    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The one client configuration of this run's own clients (the topic set-up, the output reader): the
     * --kafka-config file's medassist.kafka.* keys with this run's broker and registry (docs/security.md).
     */
    private KafkaConnection connection(String bootstrap, String registryUrl) {
        Map<String, String> p = new LinkedHashMap<>(kafkaConfig);
        p.put("medassist.kafka.bootstrap-servers", bootstrap);
        if (registryUrl != null) p.put("medassist.kafka.registry-url", registryUrl);
        return KafkaConnection.fromProperties(p);
    }

    private void checkKafka(KafkaConnection connection) {
        Map<String, Object> c = connection.clientConfig();
        c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(c)) {
            admin.describeCluster().clusterId().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new LaunchException("cannot reach Kafka at " + connection.bootstrapServers() + " (--bootstrap-servers"
                    + (kafkaConfig.isEmpty() ? "" : ", --kafka-config") + "): " + firstLine(String.valueOf(e)));
        }
    }

    private void checkRegistry(org.medassist.schemas.kafka.RegistryAccess access) {
        String url = access.url();
        HttpClient http;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/system/info")).timeout(Duration.ofSeconds(5)).GET();
        try {
            http = KafkaConfigFile.registryHttpClient(access, request);
        } catch (IllegalArgumentException e) {
            throw new LaunchException("--kafka-config: " + e.getMessage());
        }
        if (http == null) return; // OAuth: checked by the services' first look-up
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) throw new IOException("GET " + url + "/system/info answered " + status);
        } catch (IOException | RuntimeException e) {
            throw new LaunchException("cannot reach the schema registry at " + url + " (--registry-url; give Apicurio's API"
                    + " URL, e.g. http://host:8080/apis/registry/v2): " + firstLine(String.valueOf(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted");
        }
    }

    // ------------------------------------------------------------------------------------------------ status

    private ConsoleSummary.StreamStatus streamStatus() {
        Publisher p = publisher;
        if (p == null) return null;
        Cursor c = p.cursor();
        return new ConsoleSummary.StreamStatus(p.state(), c.position(), p.total(),
                p.simDate() == null ? null : p.simDate().toString(), c.sentByType(), c.refused(), options.rate());
    }

    // ------------------------------------------------------------------------------------------------ stopping

    /** Stops what started, in order. Idempotent; also the JVM shutdown hook's work. */
    private void shutdown() {
        synchronized (shutdownLock) {
            if (shutDown) return;
            shutDown = true;
        }
        stopping.set(true);
        if (summary != null) summary.close(); // the last summary, then plain lines
        if (broker == null && registry == null && services.isEmpty()) {
            if (data != null) data.close();
            return;
        }
        out.println();
        out.println("stopping:");
        stop("synthetic stream", publisher, () -> {
            publisher.close();
            return String.format("cursor saved at %,d events", publisher.cursor().position());
        });
        for (int i = services.size() - 1; i >= 0; i--) {
            ServiceRunner r = services.get(i);
            stop(r.name(), r, () -> {
                r.stop();
                return null;
            });
        }
        stop("output reader", monitor, () -> {
            monitor.close();
            return null;
        });
        stop("schema registry", registry, () -> {
            registry.close();
            return null;
        });
        stop("Kafka broker", broker, () -> {
            broker.close();
            return null;
        });
        if (data != null) data.close();
        out.println("stopped. Run bin/run again to resume from " + (data != null ? data.root() : "the data directory") + ".");
        out.flush();
    }

    private interface Work {
        String call() throws Exception;
    }

    private void stop(String what, Object component, Work work) {
        if (component == null) return;
        long t0 = System.nanoTime();
        out.printf("  %-22s … ", what);
        out.flush();
        try {
            String note = work.call();
            out.printf("stopped in %.1f s%s%n", (System.nanoTime() - t0) / 1e9, note != null ? " · " + note : "");
        } catch (Exception e) {
            out.println("failed: " + firstLine(String.valueOf(e)));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void step(String what, Work work) {
        step(what, work, System.nanoTime());
    }

    private void step(String what, Work work, long startNanos) {
        out.printf("  %-22s … ", what);
        out.flush();
        String result;
        try {
            result = work.call();
        } catch (LaunchException e) {
            out.println("failed");
            throw e;
        } catch (Exception e) {
            out.println("failed");
            throw new LaunchException(what + " did not start: " + firstLine(String.valueOf(e)), e);
        }
        out.printf("ready in %.1f s · %s%n", (System.nanoTime() - startNanos) / 1e9, result);
    }

    private void line(String what, String text) {
        out.printf("  %-22s   %s%n", what, text);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The launcher logs (broker, registry, clients) to {@code logs/launcher.log}; the services, unless
     * {@code --verbose}, to {@code logs/services.log}, with errors also on the console.
     */
    private void configureLogging() {
        Path logs = data.logs();
        // Apicurio's serdes log through java.util.logging ("deprecated version (2.x)", "default shared Vertx"). A
        // configuration file rather than a level set in code: a service that resets java.util.logging re-reads it.
        Path jul = logs.resolve("jul.properties");
        try {
            StringBuilder config = new StringBuilder("handlers=java.util.logging.ConsoleHandler\n.level=WARNING\n");
            for (java.util.logging.Logger l : APICURIO_JUL) config.append(l.getName()).append(".level=SEVERE\n");
            Files.writeString(jul, config, StandardCharsets.UTF_8);
            System.setProperty("java.util.logging.config.file", jul.toString());
            java.util.logging.LogManager.getLogManager().readConfiguration();
            for (java.util.logging.Logger l : APICURIO_JUL) l.setLevel(java.util.logging.Level.SEVERE);
        } catch (IOException e) {
            throw new LaunchException("cannot write " + jul + ": " + e.getMessage());
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", logs.resolve("launcher.log").toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.medassist", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        if (options.verbose()) return;
        Path config = logs.resolve("logback-services.xml");
        String xml = """
                <configuration>
                  <!-- written by bin/run: the services' logs while they run inside the launcher -->
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <prudent>true</prudent>
                    <encoder><pattern>%%d{yyyy-MM-dd HH:mm:ss.SSS} %%-5level [%%thread] %%logger{36} - %%msg%%n</pattern></encoder>
                  </appender>
                  <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <filter class="ch.qos.logback.classic.filter.ThresholdFilter"><level>ERROR</level></filter>
                    <encoder><pattern>[service] %%-5level %%logger{30} - %%msg%%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.kafka" level="WARN"/>
                  <logger name="io.apicurio" level="WARN"/>
                  <!-- a schema's first lookup by content misses before it is registered: logged, not shown -->
                  <logger name="io.apicurio.registry.resolver.cache.ERCache" additivity="false"><appender-ref ref="FILE"/></logger>
                  <root level="INFO"><appender-ref ref="FILE"/><appender-ref ref="CONSOLE"/></root>
                </configuration>
                """.formatted(logs.resolve("services.log"));
        try {
            Files.writeString(config, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LaunchException("cannot write " + config + ": " + e.getMessage());
        }
        System.setProperty("logback.configurationFile", config.toString());
    }
}
