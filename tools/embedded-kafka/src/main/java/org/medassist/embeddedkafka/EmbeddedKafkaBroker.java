package org.medassist.embeddedkafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka 4.x broker (KRaft, combined broker + controller) running in this JVM through Kafka's normal
 * server path, {@link KafkaRaftServer}. It binds to 127.0.0.1 only.
 *
 * <p>The data directory is either given (persistent: formatted on first use only, so topics, offsets and
 * transactions survive a restart) or a fresh temporary one that is deleted on {@link #close()}.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(Path.of("target/kafka")).start()) {
 *     String bootstrap = broker.bootstrapServers(); // 127.0.0.1:PORT
 * }
 * }</pre>
 *
 * <p><b>Secured</b> ({@link Builder#secured}), the broker is laid out as the production brokers are
 * (docs/security.md "Kafka: authentication and TLS"): clients connect to a SASL_SSL listener and authenticate with
 * SCRAM-SHA-512; the inter-broker and controller listeners take only mutual TLS, the broker's own certificate
 * ({@code CN=}{@value #BROKER_PRINCIPAL}) being a super user; {@code StandardAuthorizer} with
 * {@code allow.everyone.if.no.acl.found=false} refuses whatever no ACL allows. SCRAM users are created after start
 * through the Admin API ({@link #createScramUser}), by the broker's own principal ({@link #superUserConfig()}).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    /** The principal of the secured broker's certificate: the super user of its internal listeners. */
    public static final String BROKER_PRINCIPAL = "medassist-broker";
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int port;
    private final int controllerPort;
    private final int internalPort;
    private final TlsMaterial tls;
    private final boolean ownTls;
    private final Path brokerKeyStore;
    private final java.util.Set<String> superUsers;
    private final KafkaRaftServer server;
    private final long startupMillis;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private EmbeddedKafkaBroker(Builder b) {
        try {
            this.deleteOnClose = b.dataDir == null;
            this.dataDir = b.dataDir != null
                    ? Files.createDirectories(b.dataDir).toAbsolutePath()
                    : Files.createTempDirectory("embedded-kafka-");
            this.port = b.port > 0 ? b.port : freePort();
            this.controllerPort = b.controllerPort > 0 ? b.controllerPort : freePort();
            this.internalPort = b.secured ? freePort() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.ownTls = b.secured && b.tls == null;
        this.tls = !b.secured ? null : b.tls != null ? b.tls : TlsMaterial.create();
        this.brokerKeyStore = tls == null ? null : tls.localhostKeyStore(BROKER_PRINCIPAL);
        this.superUsers = new java.util.LinkedHashSet<>(b.superUsers);
        long t0 = System.nanoTime();
        Properties props = brokerProperties(b.overrides);
        KafkaConfig config = new KafkaConfig(props);
        formatIfNeeded(config);
        this.server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup(); // returns once the broker is unfenced, i.e. ready for clients
        } catch (RuntimeException e) {
            try {
                server.shutdown();
            } catch (RuntimeException ignored) {
                // best effort
            }
            if (ownTls) tls.close();
            throw e;
        }
        this.startupMillis = (System.nanoTime() - t0) / 1_000_000;
        this.shutdownHook = new Thread(this::closeQuietly, "embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        LOG.info("Embedded Kafka broker on {} (data {}) started in {} ms", bootstrapServers(), dataDir, startupMillis);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A broker on free ports with a temporary data directory. */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}: PLAINTEXT, or SASL_SSL when secured. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public boolean secured() {
        return tls != null;
    }

    /** The CA and trust store of a secured broker (clients trust {@link TlsMaterial#trustStore()}); else null. */
    public TlsMaterial tls() {
        return tls;
    }

    /**
     * Client settings that authenticate as the broker itself (a super user) by mutual TLS on the internal listener:
     * what sets up users and ACLs on a fresh secured broker, as an operator's certificate does in production.
     */
    public Map<String, Object> superUserConfig() {
        requireSecured();
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", HOST + ":" + internalPort);
        c.put("security.protocol", "SSL");
        c.put("ssl.truststore.location", tls.trustStore().toString());
        c.put("ssl.truststore.password", tls.password());
        c.put("ssl.truststore.type", "PKCS12");
        c.put("ssl.keystore.location", brokerKeyStore.toString());
        c.put("ssl.keystore.password", tls.password());
        c.put("ssl.keystore.type", "PKCS12");
        return c;
    }

    /** Client settings for a SCRAM-SHA-512 user on the SASL_SSL listener (the services' way in). */
    public Map<String, Object> scramClientConfig(String user, String password) {
        requireSecured();
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", bootstrapServers());
        c.put("security.protocol", "SASL_SSL");
        c.put("sasl.mechanism", SCRAM_MECHANISM);
        c.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + jaasQuoted(user) + "\" password=\"" + jaasQuoted(password) + "\";");
        c.put("ssl.truststore.location", tls.trustStore().toString());
        c.put("ssl.truststore.password", tls.password());
        c.put("ssl.truststore.type", "PKCS12");
        return c;
    }

    /**
     * Creates (or replaces) a SCRAM-SHA-512 credential through the Admin API, then waits until the broker accepts
     * it on the SASL_SSL listener.
     */
    public void createScramUser(String user, String password) {
        requireSecured();
        long t0 = System.nanoTime();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(superUserConfig())) {
            admin.alterUserScramCredentials(java.util.List.of(new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(
                    user, new org.apache.kafka.clients.admin.ScramCredentialInfo(
                            org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 4096), password)))
                    .all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the SCRAM user " + user, e);
        }
        Map<String, Object> probe = scramClientConfig(user, password);
        probe.put("default.api.timeout.ms", 5_000);
        probe.put("request.timeout.ms", 5_000);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(probe)) {
                admin.describeCluster().clusterId().get(10, java.util.concurrent.TimeUnit.SECONDS);
                LOG.debug("SCRAM user {} usable after {} ms", user, (System.nanoTime() - t0) / 1_000_000);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("the SCRAM user " + user + " cannot log in", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A JAAS option value goes between double quotes; a quote or backslash in it is escaped. */
    static String jaasQuoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private void requireSecured() {
        if (tls == null) throw new IllegalStateException("this broker is not secured (EmbeddedKafkaBroker.Builder#secured)");
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** How long formatting plus {@link KafkaRaftServer#startup()} took. */
    public long startupMillis() {
        return startupMillis;
    }

    private Properties brokerProperties(Map<String, String> overrides) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        if (tls == null) {
            p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
        } else {
            securedListeners(p);
        }
        p.put("log.dirs", dataDir.toString());
        // one node: replication factor 1 and min.isr 1 for every internal topic
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // fast first consumer-group join and a fast first exactly-once round trip (~1.5 s instead of 50 partitions)
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        // After an unclean stop (kill -9) of a persistent broker, the restarted one cannot register until the old
        // incarnation's session expires (default 9 s of DUPLICATE_BROKER_REGISTRATION); 4 s bounds that wait.
        p.put("broker.heartbeat.interval.ms", "1000");
        p.put("broker.session.timeout.ms", "4000");
        p.putAll(overrides);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    /** As deploy/production's brokers: SASL_SSL (SCRAM) for clients, mutual TLS inside, deny unless an ACL allows. */
    private void securedListeners(Map<String, String> p) {
        p.put("listeners", "CLIENT://" + HOST + ":" + port + ",INTERNAL://" + HOST + ":" + internalPort
                + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "CLIENT://" + HOST + ":" + port + ",INTERNAL://" + HOST + ":" + internalPort);
        p.put("listener.security.protocol.map", "CLIENT:SASL_SSL,INTERNAL:SSL,CONTROLLER:SSL");
        p.put("inter.broker.listener.name", "INTERNAL");
        p.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        p.put("listener.name.client.sasl.enabled.mechanisms", SCRAM_MECHANISM);
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("ssl.keystore.location", brokerKeyStore.toString());
        p.put("ssl.keystore.password", tls.password());
        p.put("ssl.key.password", tls.password());
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.truststore.location", tls.trustStore().toString());
        p.put("ssl.truststore.password", tls.password());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("listener.name.internal.ssl.client.auth", "required");
        p.put("listener.name.controller.ssl.client.auth", "required");
        // CN=medassist-broker -> User:medassist-broker
        p.put("ssl.principal.mapping.rules", "RULE:^CN=([a-zA-Z0-9._-]+)$/$1/,DEFAULT");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        java.util.Set<String> supers = new java.util.LinkedHashSet<>();
        supers.add("User:" + BROKER_PRINCIPAL);
        for (String u : superUsers) supers.add(u.startsWith("User:") ? u : "User:" + u);
        p.put("super.users", String.join(";", supers));
    }

    private void formatIfNeeded(KafkaConfig config) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            LOG.debug("{} is already formatted; reusing it", dataDir);
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(dataDir.toString())
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the KRaft log directory " + dataDir, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
        long t0 = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
        if (ownTls) {
            tls.close();
        }
        LOG.info("Embedded Kafka broker on {} stopped in {} ms", bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            LOG.warn("Error while stopping the embedded Kafka broker", e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}", dir, e);
        }
    }

    /** Options for {@link EmbeddedKafkaBroker}. Every one has a default. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private int controllerPort;
        private boolean secured;
        private TlsMaterial tls;
        private final java.util.List<String> superUsers = new java.util.ArrayList<>();
        private final Map<String, String> overrides = new HashMap<>();

        private Builder() {
        }

        /** A persistent directory, formatted only if it holds no {@code meta.properties} yet. Default: temporary. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** The client (PLAINTEXT) port on 127.0.0.1. Default (0): a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The controller port on 127.0.0.1. Default (0): a free port. */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /**
         * SASL_SSL (SCRAM-SHA-512) for clients, mutual TLS inside, {@code StandardAuthorizer}, nothing allowed
         * without an ACL. The broker makes its own TLS material (deleted on close).
         */
        public Builder secured() {
            this.secured = true;
            return this;
        }

        /** As {@link #secured()}, with certificates signed by {@code tls}'s CA (shared with other test servers). */
        public Builder secured(TlsMaterial tls) {
            this.secured = true;
            this.tls = Objects.requireNonNull(tls);
            return this;
        }

        /** A further super user of a secured broker (a SCRAM user name, e.g. an operator). */
        public Builder superUser(String user) {
            superUsers.add(Objects.requireNonNull(user));
            return this;
        }

        /** Any broker setting; wins over the defaults. */
        public Builder config(String key, String value) {
            overrides.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        public EmbeddedKafkaBroker start() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
