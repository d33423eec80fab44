package org.medassist.kit.kafka;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.medassist.schemas.kafka.AvroSerdes;
import org.medassist.schemas.kafka.KafkaConnection;
import org.medassist.schemas.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka clients a service needs, built from {@link KafkaSettings}: client properties, the Avro serde factory,
 * an {@link Admin}, producers, and {@link #ensureTopics()} (run once, at start-up, by {@link TopicSetup}).
 *
 * <p>Every client of the service starts from {@link #clientConfig()} (the one configuration,
 * {@link KafkaSettings#connection()}): the ingestion and dead-letter producers, the admin client, and Kafka Streams,
 * which hands the same unprefixed settings to its consumers, producers, restore and global consumers and admin.
 * Security settings that do not fit together stop the service here, at start-up (docs/security.md).
 */
@Singleton
public class KafkaClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaClients.class);

    private final KafkaSettings settings;
    private final String serviceName;
    private final AvroSerdes avroSerdes;
    private final Map<String, Object> clientConfig;
    private volatile Admin admin;
    private volatile boolean topicsEnsured;

    public KafkaClients(KafkaSettings settings, @Value("${micronaut.application.name:medassist}") String serviceName) {
        this.settings = settings;
        this.serviceName = serviceName;
        KafkaConnection connection = settings.connection();
        this.clientConfig = Map.copyOf(connection.clientConfig()); // validates the security settings
        this.avroSerdes = connection.avroSerdes(); // validates the registry settings
        LOG.info("Kafka clients of {}: {} via {}; registry {}", serviceName, connection.security(),
                connection.bootstrapServers(), connection.registry());
    }

    public KafkaSettings settings() { return settings; }

    /** {@code micronaut.application.name}: the service name written into dead letters and metrics. */
    public String serviceName() { return serviceName; }

    /** The Streams {@code application.id}: {@code medassist.kafka.application-id}, else the service name. */
    public String applicationId() {
        String id = settings.getApplicationId();
        return id == null || id.isBlank() ? serviceName : id;
    }

    /** The Avro serde factory (Confluent wire format through the registry at {@code medassist.kafka.registry-url}). */
    public AvroSerdes avroSerdes() { return avroSerdes; }

    /**
     * What every client shares: {@code bootstrap.servers}, the security settings ({@code medassist.kafka.security.*})
     * and {@code medassist.kafka.client.*}. A fresh, mutable map.
     */
    public Map<String, Object> clientConfig() {
        return new HashMap<>(clientConfig);
    }

    public Properties clientProperties() {
        Properties p = new Properties();
        p.putAll(clientConfig());
        return p;
    }

    /**
     * Producer settings: the client settings, {@code acks=all}, idempotence, then {@code medassist.kafka.producer.*}.
     */
    public Map<String, Object> producerConfig() {
        Map<String, Object> c = clientConfig();
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        c.putAll(settings.getProducer());
        return c;
    }

    /**
     * A pool of transactional producers: each {@link AtomicBatchProducer#sendAll} writes a whole batch or nothing.
     *
     * @param name a short name for the pool, part of the transactional ids and the client ids
     */
    public <K, V> AtomicBatchProducer<K, V> atomicBatchProducer(String name, Serializer<K> keySerializer,
                                                               Serializer<V> valueSerializer, int poolSize,
                                                               Duration timeout) {
        return new AtomicBatchProducer<>(serviceName + "-" + name, producerConfig(), keySerializer, valueSerializer,
                poolSize, timeout);
    }

    /** A shared admin client, created on first use and closed with the context. */
    public Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) admin = Admin.create(clientProperties());
                a = admin;
            }
        }
        return a;
    }

    /**
     * Creates the missing topics of {@link Topics} with {@code medassist.kafka.person-partitions} partitions and
     * checks the existing ones (co-partitioning). Once per process; a no-op when
     * {@code medassist.kafka.ensure-topics=false}.
     */
    public synchronized void ensureTopics() {
        if (topicsEnsured || !settings.isEnsureTopics()) return;
        long t0 = System.nanoTime();
        Topics.ensure(admin(), settings.getPersonPartitions(), settings.getReplicationFactor()); // waits for metadata itself
        topicsEnsured = true;
        LOG.info("Topics ready on {} ({} partitions per person-keyed topic, replication {}) in {} ms",
                settings.getBootstrapServers(), settings.getPersonPartitions(), settings.getReplicationFactor(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    @PreDestroy
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
