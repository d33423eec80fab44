package org.medassist.kit.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.medassist.schemas.kafka.Topics;

/**
 * Where Kafka and the registry are, and how this service uses them ({@code medassist.kafka.*}).
 *
 * <pre>
 * medassist.kafka.bootstrap-servers   127.0.0.1:9092
 * medassist.kafka.registry-url        http://127.0.0.1:18081/apis/registry/v2  (Apicurio v2 or v3 API)
 * medassist.kafka.person-partitions   6 (Topics.DEFAULT_PARTITIONS); every person-keyed topic has this many
 * medassist.kafka.replication-factor  1; topics created at start-up and Streams' internal topics
 * medassist.kafka.ensure-topics       true: create missing topics at start-up (Topics.ensure)
 * medassist.kafka.application-id      Streams application.id (default: micronaut.application.name)
 * medassist.kafka.state-dir           Streams state directory (default: $TMPDIR/medassist-streams/&lt;application-id&gt;)
 * medassist.kafka.application-server  host:port other instances use to reach this one for interactive queries
 *                                     (default: this HTTP server's host and port)
 * medassist.kafka.streams.*           extra Streams properties, raw Kafka names (commit.interval.ms: 100)
 * medassist.kafka.producer.*          extra producer properties, raw Kafka names
 * medassist.kafka.client.*            extra properties for every client (security.protocol, sasl.*)
 * </pre>
 */
@ConfigurationProperties(KafkaSettings.PREFIX)
public class KafkaSettings {
    public static final String PREFIX = "medassist.kafka";

    private String bootstrapServers = "127.0.0.1:9092";
    private String registryUrl = "http://127.0.0.1:18081/apis/registry/v2";
    private int personPartitions = Topics.DEFAULT_PARTITIONS;
    private short replicationFactor = 1;
    private boolean ensureTopics = true;
    private String applicationId;
    private Path stateDir;
    private String applicationServer;
    private Map<String, String> streams = new HashMap<>();
    private Map<String, String> producer = new HashMap<>();
    private Map<String, String> client = new HashMap<>();

    public String getBootstrapServers() { return bootstrapServers; }

    public void setBootstrapServers(String bootstrapServers) { this.bootstrapServers = bootstrapServers; }

    public String getRegistryUrl() { return registryUrl; }

    public void setRegistryUrl(String registryUrl) { this.registryUrl = registryUrl; }

    public int getPersonPartitions() { return personPartitions; }

    public void setPersonPartitions(int personPartitions) {
        if (personPartitions < 1) throw new IllegalArgumentException(PREFIX + ".person-partitions must be at least 1");
        this.personPartitions = personPartitions;
    }

    public short getReplicationFactor() { return replicationFactor; }

    public void setReplicationFactor(short replicationFactor) {
        if (replicationFactor < 1) throw new IllegalArgumentException(PREFIX + ".replication-factor must be at least 1");
        this.replicationFactor = replicationFactor;
    }

    public boolean isEnsureTopics() { return ensureTopics; }

    public void setEnsureTopics(boolean ensureTopics) { this.ensureTopics = ensureTopics; }

    public String getApplicationId() { return applicationId; }

    public void setApplicationId(String applicationId) { this.applicationId = applicationId; }

    public Path getStateDir() { return stateDir; }

    public void setStateDir(Path stateDir) { this.stateDir = stateDir; }

    public String getApplicationServer() { return applicationServer; }

    public void setApplicationServer(String applicationServer) { this.applicationServer = applicationServer; }

    public Map<String, String> getStreams() { return streams; }

    public void setStreams(@MapFormat(keyFormat = StringConvention.RAW, transformation = MapFormat.MapTransformation.FLAT)
                           Map<String, String> streams) {
        this.streams = streams == null ? new HashMap<>() : new HashMap<>(streams);
    }

    public Map<String, String> getProducer() { return producer; }

    public void setProducer(@MapFormat(keyFormat = StringConvention.RAW, transformation = MapFormat.MapTransformation.FLAT)
                            Map<String, String> producer) {
        this.producer = producer == null ? new HashMap<>() : new HashMap<>(producer);
    }

    public Map<String, String> getClient() { return client; }

    public void setClient(@MapFormat(keyFormat = StringConvention.RAW, transformation = MapFormat.MapTransformation.FLAT)
                          Map<String, String> client) {
        this.client = client == null ? new HashMap<>() : new HashMap<>(client);
    }
}
