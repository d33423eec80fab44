package org.medassist.kit.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.medassist.kit.kafka.KafkaClients;
import org.medassist.kit.kafka.KafkaSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the service's {@link StreamsTopology} as one {@link KafkaStreams} instance tied to the Micronaut lifecycle:
 *
 * <ul>
 *   <li>started when the HTTP server is up ({@link ServerStartupEvent}), after the topics exist, with
 *       {@code application.server} = {@code medassist.kafka.application-server} or this server's host:port;</li>
 *   <li>{@code processing.guarantee=exactly_once_v2} with transactional state stores (KIP-892), so a crash leaves
 *       the local state usable instead of wiped; {@code max.task.idle.ms=-1}: a task takes its fetched inputs in
 *       timestamp order across its co-partitioned topics without waiting for the others (docs/reliability.md);
 *       a 32 MiB record cache in front of the stores (docs/performance.md);</li>
 *   <li>a thread that dies of an uncaught exception is replaced ({@code REPLACE_THREAD}) and counted. When the cause is
 *       the infrastructure ({@link Failures}: the registry or broker unreachable), the replacement waits first, with
 *       a back-off up to 30 s, and {@code /health} reports the outage while it lasts; nothing is skipped. Topologies
 *       read bytes and decode in their processors, so a record that is wrong in itself is a dead letter there, and a
 *       deserialization failure anywhere else stops the thread rather than skipping a record;</li>
 *   <li>closed when the context stops;</li>
 *   <li>metrics: Kafka Streams' own ({@code kafka.stream.*}), {@code medassist.streams.state} (1 while RUNNING)
 *       and {@code medassist.streams.threads.replaced}.</li>
 * </ul>
 */
@Singleton
@Requires(beans = StreamsTopology.class)
public class ManagedStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedStreams.class);

    private final KafkaClients clients;
    private final StreamsTopology topology;
    private final MeterRegistry meters;
    private final Duration closeTimeout;
    private final Counter threadsReplaced;

    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private volatile KafkaStreamsMetrics streamsMetrics;
    private volatile boolean everRunning;
    private volatile Throwable lastError;
    private volatile Throwable lastInfrastructureError;
    private volatile long lastInfrastructureErrorAt;
    private volatile int infrastructureRetries;
    private volatile long lastPauseMs;
    private final Counter infrastructureCounter;

    public ManagedStreams(KafkaClients clients, StreamsTopology topology, @Nullable MeterRegistry meters,
                          @Value("${medassist.kafka.close-timeout:15s}") Duration closeTimeout) {
        this.clients = clients;
        this.topology = topology;
        this.meters = meters;
        this.closeTimeout = closeTimeout;
        this.threadsReplaced = meters == null ? null : Counter.builder("medassist.streams.threads.replaced")
                .description("Stream threads replaced after an uncaught exception")
                .tag("application", clients.applicationId()).register(meters);
        this.infrastructureCounter = meters == null ? null : Counter.builder("medassist.streams.infrastructure.retries")
                .description("Stream threads restarted after the infrastructure (registry, broker) failed them")
                .tag("application", clients.applicationId()).register(meters);
        if (meters != null) {
            Gauge.builder("medassist.streams.state", this, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                    .description("1 while the Kafka Streams application is RUNNING, else 0")
                    .tag("application", clients.applicationId()).register(meters);
        }
    }

    @EventListener
    void onServerStartup(ServerStartupEvent event) {
        var server = event.getSource();
        start(server.getHost() + ":" + server.getPort());
    }

    /**
     * Starts the application (idempotent).
     *
     * @param defaultApplicationServer host:port of this instance's HTTP server, used unless
     *     {@code medassist.kafka.application-server} is set
     */
    public synchronized void start(String defaultApplicationServer) {
        if (streams != null) return;
        KafkaSettings s = clients.settings();
        String server = s.getApplicationServer() == null || s.getApplicationServer().isBlank()
                ? defaultApplicationServer : s.getApplicationServer().trim();
        self = HostInfo.buildFromEndpoint(server);
        clients.ensureTopics();
        Properties p = properties(server);
        KafkaStreams ks = new KafkaStreams(topology.topology(), p);
        ks.setUncaughtExceptionHandler(e -> {
            lastError = e;
            if (threadsReplaced != null) threadsReplaced.increment();
            if (Failures.isInfrastructure(e)) {
                // not the record's fault: wait, then retry the same records from the last commit
                long pause = Math.min(30_000L, 1_000L << Math.min(5, infrastructureRetries++));
                lastInfrastructureError = e;
                lastInfrastructureErrorAt = System.currentTimeMillis();
                lastPauseMs = pause;
                if (infrastructureCounter != null) infrastructureCounter.increment();
                LOG.warn("Stream thread of {} stopped by the infrastructure ({}); retrying in {} ms", clients.applicationId(),
                        Failures.describe(e), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            } else {
                infrastructureRetries = 0;
                LOG.error("Stream thread of {} died; replacing it", clients.applicationId(), e);
            }
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        ks.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) everRunning = true;
            LOG.info("Kafka Streams {}: {} -> {}", clients.applicationId(), before, now);
        });
        if (meters != null) {
            streamsMetrics = new KafkaStreamsMetrics(ks);
            streamsMetrics.bindTo(meters);
        }
        streams = ks;
        ks.start();
        LOG.info("Kafka Streams {} started (exactly_once_v2, application.server {}, state {})", clients.applicationId(),
                server, p.getProperty(StreamsConfig.STATE_DIR_CONFIG));
    }

    Properties properties(String applicationServer) {
        KafkaSettings s = clients.settings();
        Properties p = new Properties();
        p.putAll(clients.clientConfig());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, clients.applicationId());
        p.putAll(shippedProperties());
        // the processors refuse a person's record found on another partition than its key's (PersonPartitions)
        p.put(PersonPartitions.CONFIG, s.getPersonPartitions());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) s.getReplicationFactor());
        Path dir = s.getStateDir() != null ? s.getStateDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "medassist-streams", clients.applicationId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toAbsolutePath().toString());
        p.putAll(s.getStreams());
        p.putAll(topology.properties());
        // the guarantee is not negotiable
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return p;
    }

    /**
     * The Streams settings every service runs with, whatever its configuration: the guarantee, transactional stores,
     * the task idling and the exception handling. The end-to-end benchmark's baselines run with the same
     * (docs/performance.md).
     */
    public static Properties shippedProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // never skip a record silently: the topologies decode in their processors and dead-letter what is wrong
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailExceptionHandler.class.getName());
        // KIP-892: uncommitted writes never reach the local store, so a crash under exactly-once keeps the state
        p.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        // take the fetched records in timestamp order across the task's inputs, never waiting on an input that has none
        // (docs/reliability.md, order across inputs). 0 would also wait for inputs with unfetched records, and Kafka
        // Streams 4.4 formats a log line per empty input and record for it: 8 % of the settlement thread (docs/performance.md)
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // a pending input or a ledger written and read again within a commit stays in the cache; at the 10 MiB default
        // the settlement thread spent a tenth of its time evicting to RocksDB mid-commit. 64 MiB kept ~200 MB of the
        // heap live, which the collector paid for: 32 MiB settled as many claims with a lower p99 (docs/performance.md)
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 32L * 1024 * 1024);
        // the exactly-once commit flushes the producer every interval anyway: let a batch fill until then instead of
        // sending every 5 ms in 16 KB batches (the settlement stream settled 7-16 % more claims per second in three
        // paired runs, docs/performance.md). A full buffer pool sends early rather than waiting for the linger.
        p.put(StreamsConfig.producerPrefix(org.apache.kafka.clients.producer.ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        p.put(StreamsConfig.producerPrefix(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG), 100);
        // no producer compression: settlements and alerts are read by clients in other languages, and kafkajs, for one,
        // cannot read lz4 (docs/performance.md; KafkajsClientTest fails with it)
        // a dead letter carries a whole input record: the producer must send what the dead-letters topic takes
        p.put(StreamsConfig.producerPrefix(org.apache.kafka.clients.producer.ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                org.medassist.schemas.kafka.Topics.DEAD_LETTER_MAX_BYTES);
        // the 5.0 default, now: a global store's processing errors go to the processing exception handler too
        p.put("processing.exception.handler.global.enabled", "true");
        return p;
    }

    /** The running instance, or null before start. */
    public @Nullable KafkaStreams streams() { return streams; }

    /** The state, or {@code CREATED} before start. */
    public KafkaStreams.State state() {
        KafkaStreams ks = streams;
        return ks == null ? KafkaStreams.State.CREATED : ks.state();
    }

    /** This instance's {@code application.server}, or null before start. */
    public @Nullable HostInfo self() { return self; }

    /** Whether the application has reached RUNNING at least once. */
    public boolean everRunning() { return everRunning; }

    /**
     * Whether the infrastructure stopped a stream thread so recently that the retry has not yet shown it back: records
     * are waiting for it, none is skipped (health reports it).
     */
    public boolean infrastructureOutage() {
        return lastInfrastructureError != null
                && System.currentTimeMillis() - lastInfrastructureErrorAt < lastPauseMs + 10_000L;
    }

    /** The last exception that killed a stream thread, or null. */
    public @Nullable Throwable lastError() { return lastError; }

    public String applicationId() { return clients.applicationId(); }

    @Override
    @PreDestroy
    public synchronized void close() {
        KafkaStreams ks = streams;
        if (ks == null) return;
        long t0 = System.nanoTime();
        // metrics first: Micrometer's binder reads the state stores' gauges on its own thread, and a transactional
        // RocksDB store's gauge read while Streams closes the store crashed the JVM (SIGSEGV in WriteBatch.getDataSize)
        if (streamsMetrics != null) streamsMetrics.close();
        ks.close(closeTimeout);
        LOG.info("Kafka Streams {} closed in {} ms", clients.applicationId(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** For the health details. */
    Map<String, Object> details() {
        KafkaStreams ks = streams;
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("applicationId", clients.applicationId());
        d.put("state", state().name());
        d.put("applicationServer", self == null ? null : self.host() + ":" + self.port());
        if (ks != null) {
            d.put("threads", ks.metadataForLocalThreads().stream()
                    .map(t -> Map.of("name", t.threadName(), "state", t.threadState(),
                            "activeTasks", t.activeTasks().size(), "standbyTasks", t.standbyTasks().size()))
                    .toList());
        }
        Throwable e = lastError;
        if (e != null) d.put("lastThreadError", e.toString());
        if (infrastructureOutage()) {
            d.put("infrastructure", "unavailable, retrying: " + Failures.describe(lastInfrastructureError));
            d.put("infrastructureFailedAt", java.time.Instant.ofEpochMilli(lastInfrastructureErrorAt).toString());
        }
        return d;
    }
}
