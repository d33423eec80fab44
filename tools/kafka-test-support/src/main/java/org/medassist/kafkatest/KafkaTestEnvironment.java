package org.medassist.kafkatest;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.medassist.embeddedkafka.EmbeddedKafkaBroker;
import org.medassist.embeddedkafka.EmbeddedRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension that gives integration tests a real Kafka broker and a real schema registry.
 *
 * <ul>
 *   <li>Broker: Testcontainers' {@code apache/kafka} container when a Docker engine answers, else the in-process
 *       KRaft {@link EmbeddedKafkaBroker}. {@code -Dmedassist.kafka.mode=auto|embedded|testcontainers} forces one
 *       (default {@code auto}); {@code -Dmedassist.kafka.image=apache/kafka:4.4.0} picks the image.</li>
 *   <li>Registry: the Apicurio Registry assembled by {@code deploy/registry}, as a child process
 *       ({@link EmbeddedRegistry}; jar from {@code -Dmedassist.registry.jar=...}).</li>
 * </ul>
 *
 * <p>Both are started once per test JVM, on first use (concurrently), shared by every test class, and closed when
 * the JUnit run ends. Tests must therefore use their own topic names and {@code application.id}s.
 *
 * <pre>{@code
 * @ExtendWith(KafkaTestEnvironment.class)
 * class SettlementIT {
 *     @Test
 *     void settles(KafkaTestEnvironment.Environment env) {
 *         env.createTopics(3, "claims", "settlements");
 *         Map<String, Object> producerConfig = env.apicurioSerdeConfig(); // + bootstrap.servers
 *     }
 * }
 * }</pre>
 */
public final class KafkaTestEnvironment implements BeforeAllCallback, ParameterResolver {

    public static final String MODE_PROPERTY = "medassist.kafka.mode";
    public static final String IMAGE_PROPERTY = "medassist.kafka.image";
    public static final String DEFAULT_IMAGE = "apache/kafka:4.4.0";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTestEnvironment.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaTestEnvironment.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        environment(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Environment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return environment(extensionContext);
    }

    /** The shared environment, started on first call; closed by JUnit when the whole run ends. */
    public static Environment environment(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Environment.class, k -> Environment.start(), Environment.class);
    }

    /** What a test gets: where the broker and the registry are, and a few helpers. */
    public static final class Environment implements AutoCloseable {
        private final Broker broker;
        private final EmbeddedRegistry registry;
        private final long brokerStartMillis;
        private volatile boolean closed;

        private Environment(Broker broker, long brokerStartMillis, EmbeddedRegistry registry) {
            this.broker = broker;
            this.brokerStartMillis = brokerStartMillis;
            this.registry = registry;
        }

        static Environment start() {
            long t0 = System.nanoTime();
            // the registry JVM boots (~5-8 s) while the broker starts in this one
            CompletableFuture<EmbeddedRegistry> registry = CompletableFuture.supplyAsync(EmbeddedRegistry::start);
            Broker broker;
            long brokerStart;
            try {
                long b0 = System.nanoTime();
                broker = startBroker();
                brokerStart = (System.nanoTime() - b0) / 1_000_000;
            } catch (RuntimeException e) {
                registry.thenAccept(EmbeddedRegistry::close);
                throw e;
            }
            try {
                Environment env = new Environment(broker, brokerStart, registry.get(120, TimeUnit.SECONDS));
                LOG.info("Kafka test environment ready in {} ms: {} broker {} (started in {} ms), registry {} "
                                + "(started in {} ms)", (System.nanoTime() - t0) / 1_000_000, broker.kind(),
                        broker.bootstrapServers(), brokerStart, env.registry.baseUrl(), env.registry.startupMillis());
                return env;
            } catch (InterruptedException | ExecutionException | TimeoutException | CompletionException e) {
                broker.close();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new IllegalStateException("The schema registry did not start", cause);
            }
        }

        private static Broker startBroker() {
            String mode = System.getProperty(MODE_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
            switch (mode) {
                case "embedded":
                    return EmbeddedBroker.start();
                case "testcontainers":
                    return ContainerBroker.start(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE));
                case "auto":
                    return ContainerBroker.dockerAvailable()
                            ? ContainerBroker.start(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE))
                            : EmbeddedBroker.start();
                default:
                    throw new IllegalArgumentException(MODE_PROPERTY + " must be auto, embedded or testcontainers, not "
                            + mode);
            }
        }

        /** {@code host:port} for {@code bootstrap.servers}. */
        public String bootstrapServers() {
            return broker.bootstrapServers();
        }

        /** {@code embedded} or {@code testcontainers}. */
        public String brokerKind() {
            return broker.kind();
        }

        /** Apicurio v2 API: the Apicurio serdes' {@code apicurio.registry.url}. */
        public String registryUrl() {
            return registry.registryUrl();
        }

        /** Confluent-compatible API ({@code /apis/ccompat/v7}). */
        public String ccompatUrl() {
            return registry.ccompatUrl();
        }

        public long brokerStartMillis() {
            return brokerStartMillis;
        }

        public long registryStartMillis() {
            return registry.startupMillis();
        }

        /** The registry child process. */
        public long registryPid() {
            return registry.pid();
        }

        /**
         * The Apicurio Avro serde settings that write the Confluent wire format (magic byte 0, 4-byte content id
         * equal to the id the ccompat API shows, no headers), auto-registering under {@code <topic>-value}
         * (Apicurio's default TopicIdStrategy: artifactId {@code <topic>-value}, default group, which is
         * what the ccompat API calls subject {@code <topic>-value}, as Confluent's TopicNameStrategy does).
         * {@code canonicalize=true} makes the serializer find a version that a Confluent client registered with
         * different whitespace or key order instead of adding a new version of the same schema.
         */
        public Map<String, Object> apicurioSerdeConfig() {
            Map<String, Object> c = new HashMap<>();
            c.put("apicurio.registry.url", registryUrl());
            c.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
            c.put("apicurio.registry.use-id", "contentId");
            c.put("apicurio.registry.headers.enabled", "false");
            c.put("apicurio.registry.auto-register", "true");
            c.put("apicurio.registry.canonicalize", "true");
            return c;
        }

        /** Client properties with {@code bootstrap.servers} set. */
        public Properties clientProperties() {
            Properties p = new Properties();
            p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            return p;
        }

        /**
         * Deletes every topic and waits until they are gone. The broker is shared by all tests of a JVM: a test
         * that reads whole topics starts from empty ones with this (the registry keeps its schemas).
         */
        public void deleteAllTopics() {
            try (Admin admin = Admin.create(clientProperties())) {
                java.util.Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                if (names.isEmpty()) return;
                admin.deleteTopics(names).all().get(30, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (true) {
                    java.util.Set<String> left = new java.util.HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
                    left.retainAll(names);
                    if (left.isEmpty()) return;
                    if (System.nanoTime() > deadline) throw new IllegalStateException("topics not deleted in 30 s: " + left);
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot delete topics", e);
            }
        }

        /** Creates the topics (replication factor 1) and waits for them. */
        public void createTopics(int partitions, String... names) {
            try (Admin admin = Admin.create(clientProperties())) {
                Collection<NewTopic> topics = java.util.Arrays.stream(names)
                        .map(n -> new NewTopic(n, partitions, (short) 1))
                        .toList();
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Cannot create topics " + String.join(", ", names), e);
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                registry.close();
            } finally {
                broker.close();
            }
        }
    }

    interface Broker extends AutoCloseable {
        String bootstrapServers();

        String kind();

        @Override
        void close();
    }

    static final class EmbeddedBroker implements Broker {
        private final EmbeddedKafkaBroker broker;

        private EmbeddedBroker(EmbeddedKafkaBroker broker) {
            this.broker = broker;
        }

        static Broker start() {
            return new EmbeddedBroker(EmbeddedKafkaBroker.start());
        }

        @Override
        public String bootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public String kind() {
            return "embedded";
        }

        @Override
        public void close() {
            broker.close();
        }
    }

    /** Loaded only when Docker is asked for, so that Testcontainers' classes stay untouched otherwise. */
    static final class ContainerBroker implements Broker {
        private final org.testcontainers.kafka.KafkaContainer container;

        private ContainerBroker(org.testcontainers.kafka.KafkaContainer container) {
            this.container = container;
        }

        static boolean dockerAvailable() {
            long t0 = System.nanoTime();
            boolean available;
            if (!dockerEndpointConfigured()) {
                // Testcontainers' own probe costs ~1.5 s and logs an ERROR when there is nothing to find
                available = false;
            } else {
                try {
                    available = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
                } catch (RuntimeException | LinkageError e) {
                    available = false;
                }
            }
            LOG.info("Docker {} (checked in {} ms)", available ? "available" : "not available",
                    (System.nanoTime() - t0) / 1_000_000);
            return available;
        }

        /**
         * Whether any Docker endpoint that Testcontainers would try exists: DOCKER_HOST, a Testcontainers properties
         * file, or one of the usual sockets (Linux, rootless, Docker Desktop, Colima, Podman).
         */
        static boolean dockerEndpointConfigured() {
            if (System.getenv("DOCKER_HOST") != null || System.getProperty("docker.host") != null) {
                return true;
            }
            String home = System.getProperty("user.home");
            String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
            java.util.List<java.nio.file.Path> candidates = new java.util.ArrayList<>(java.util.List.of(
                    java.nio.file.Path.of(home, ".testcontainers.properties"),
                    java.nio.file.Path.of("/var/run/docker.sock"),
                    java.nio.file.Path.of("/run/docker.sock"),
                    java.nio.file.Path.of(home, ".docker", "run", "docker.sock"),
                    java.nio.file.Path.of(home, ".docker", "desktop", "docker.sock"),
                    java.nio.file.Path.of(home, ".colima", "default", "docker.sock"),
                    java.nio.file.Path.of(home, ".rd", "docker.sock")));
            if (runtimeDir != null) {
                candidates.add(java.nio.file.Path.of(runtimeDir, "docker.sock"));
                candidates.add(java.nio.file.Path.of(runtimeDir, ".docker", "run", "docker.sock"));
                candidates.add(java.nio.file.Path.of(runtimeDir, "podman", "podman.sock"));
            }
            return candidates.stream().anyMatch(java.nio.file.Files::exists);
        }

        @SuppressWarnings("resource")
        static Broker start(String image) {
            org.testcontainers.kafka.KafkaContainer container = new org.testcontainers.kafka.KafkaContainer(image)
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                    .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "1")
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "1")
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                    .withStartupTimeout(Duration.ofMinutes(2));
            container.start();
            return new ContainerBroker(container);
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public String kind() {
            return "testcontainers";
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
