package org.medassist.kit.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.medassist.schemas.kafka.KafkaConnection;
import org.medassist.schemas.kafka.KafkaSecurity;
import org.medassist.schemas.kafka.RegistryAccess;
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
 * medassist.kafka.client.*            extra properties for every client, raw Kafka names (they win)
 * medassist.kafka.security.*          how every client authenticates: protocol (PLAINTEXT, SSL, SASL_SSL), sasl-mechanism,
 *                                     username, password, trust-store[-password|-type], key-store[-password|-type],
 *                                     key-password ({@link KafkaSecurity})
 * medassist.kafka.registry.*          how the serdes reach the registry: username, password, token-endpoint, client-id,
 *                                     client-secret, client-scope, trust-store[-password|-type], auto-register
 *                                     ({@link RegistryAccess})
 * </pre>
 *
 * <p>{@link #connection()} is the one client configuration every Kafka client of the service is built from
 * (docs/security.md, docs/operations.md).
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
    private Security security = new Security();
    private Registry registry = new Registry();

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

    public Security getSecurity() { return security; }

    public void setSecurity(Security security) { this.security = security == null ? new Security() : security; }

    public Registry getRegistry() { return registry; }

    public void setRegistry(Registry registry) { this.registry = registry == null ? new Registry() : registry; }

    /**
     * The one client configuration: bootstrap servers, security, raw client settings and registry access, validated
     * when the clients are built.
     */
    public KafkaConnection connection() {
        return new KafkaConnection(bootstrapServers, security.toKafkaSecurity(), client, registry.toRegistryAccess(registryUrl));
    }

    /** {@code medassist.kafka.security.*}: see {@link KafkaSecurity}. */
    @ConfigurationProperties("security")
    public static class Security {
        private String protocol;
        private String saslMechanism;
        private String username;
        private String password;
        private String trustStore;
        private String trustStorePassword;
        private String trustStoreType;
        private String keyStore;
        private String keyStorePassword;
        private String keyStoreType;
        private String keyPassword;

        public String getProtocol() { return protocol; }
        public void setProtocol(String protocol) { this.protocol = protocol; }
        public String getSaslMechanism() { return saslMechanism; }
        public void setSaslMechanism(String saslMechanism) { this.saslMechanism = saslMechanism; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getTrustStore() { return trustStore; }
        public void setTrustStore(String trustStore) { this.trustStore = trustStore; }
        public String getTrustStorePassword() { return trustStorePassword; }
        public void setTrustStorePassword(String trustStorePassword) { this.trustStorePassword = trustStorePassword; }
        public String getTrustStoreType() { return trustStoreType; }
        public void setTrustStoreType(String trustStoreType) { this.trustStoreType = trustStoreType; }
        public String getKeyStore() { return keyStore; }
        public void setKeyStore(String keyStore) { this.keyStore = keyStore; }
        public String getKeyStorePassword() { return keyStorePassword; }
        public void setKeyStorePassword(String keyStorePassword) { this.keyStorePassword = keyStorePassword; }
        public String getKeyStoreType() { return keyStoreType; }
        public void setKeyStoreType(String keyStoreType) { this.keyStoreType = keyStoreType; }
        public String getKeyPassword() { return keyPassword; }
        public void setKeyPassword(String keyPassword) { this.keyPassword = keyPassword; }

        KafkaSecurity toKafkaSecurity() {
            return new KafkaSecurity(protocol, saslMechanism, username, password, trustStore, trustStorePassword,
                    trustStoreType, keyStore, keyStorePassword, keyStoreType, keyPassword);
        }
    }

    /** {@code medassist.kafka.registry.*}: see {@link RegistryAccess}; the URL is {@code medassist.kafka.registry-url}. */
    @ConfigurationProperties("registry")
    public static class Registry {
        private String username;
        private String password;
        private String tokenEndpoint;
        private String clientId;
        private String clientSecret;
        private String clientScope;
        private String trustStore;
        private String trustStorePassword;
        private String trustStoreType;
        private boolean autoRegister = true;

        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getTokenEndpoint() { return tokenEndpoint; }
        public void setTokenEndpoint(String tokenEndpoint) { this.tokenEndpoint = tokenEndpoint; }
        public String getClientId() { return clientId; }
        public void setClientId(String clientId) { this.clientId = clientId; }
        public String getClientSecret() { return clientSecret; }
        public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
        public String getClientScope() { return clientScope; }
        public void setClientScope(String clientScope) { this.clientScope = clientScope; }
        public String getTrustStore() { return trustStore; }
        public void setTrustStore(String trustStore) { this.trustStore = trustStore; }
        public String getTrustStorePassword() { return trustStorePassword; }
        public void setTrustStorePassword(String trustStorePassword) { this.trustStorePassword = trustStorePassword; }
        public String getTrustStoreType() { return trustStoreType; }
        public void setTrustStoreType(String trustStoreType) { this.trustStoreType = trustStoreType; }
        public boolean isAutoRegister() { return autoRegister; }
        public void setAutoRegister(boolean autoRegister) { this.autoRegister = autoRegister; }

        RegistryAccess toRegistryAccess(String url) {
            return new RegistryAccess(url, username, password, tokenEndpoint, clientId, clientSecret, clientScope,
                    trustStore, trustStorePassword, trustStoreType, autoRegister);
        }
    }
}
