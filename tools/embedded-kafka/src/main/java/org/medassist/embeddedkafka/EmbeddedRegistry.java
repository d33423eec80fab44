package org.medassist.embeddedkafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apicurio Registry 2.4.2 that {@code deploy/registry} assembles from Maven Central, run as a child {@code java}
 * process on 127.0.0.1 and a free (or given) port.
 *
 * <ul>
 *   <li>{@link #registryUrl()}: {@code http://127.0.0.1:PORT/apis/registry/v2}, for the Apicurio serdes'
 *       {@code apicurio.registry.url};</li>
 *   <li>{@link #ccompatUrl()}: {@code http://127.0.0.1:PORT/apis/ccompat/v7}, the Confluent-compatible API.</li>
 * </ul>
 *
 * <p>The runner jar is found, in this order: the builder's {@link Builder#runnerJar(Path)}; the system property
 * {@value #JAR_PROPERTY}; the environment variable {@value #JAR_ENV}; {@code deploy/registry/target/*-runner.jar}
 * in the working directory or one of its parents. Storage is in memory unless {@link Builder#dataDir(Path)} is set
 * (then an H2 file database there, kept across restarts). The child is stopped on {@link #close()}, by a shutdown
 * hook, and, should this JVM be killed outright, by its own watchdog ({@link ParentWatchdog}).
 */
public final class EmbeddedRegistry implements AutoCloseable {

    public static final String JAR_PROPERTY = "medassist.registry.jar";
    public static final String JAR_ENV = "MEDASSIST_REGISTRY_JAR";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRegistry.class);
    private static final String HOST = "127.0.0.1";

    private final Process process;
    private final int port;
    private final Path logFile;
    private final boolean deleteLogOnClose;
    private final long startupMillis;
    private final Thread shutdownHook;

    private EmbeddedRegistry(Builder b) {
        Path jar = b.runnerJar != null ? b.runnerJar : locateRunnerJar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Apicurio Registry runner jar not found: " + jar
                    + " (build it first, from the repository root: ./mvnw -q -pl deploy/registry -DskipTests package)");
        }
        try {
            this.port = b.port > 0 ? b.port : EmbeddedKafkaBroker.freePort();
            this.deleteLogOnClose = b.logFile == null;
            this.logFile = b.logFile != null ? b.logFile : Files.createTempFile("embedded-registry-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = command(jar.toAbsolutePath(), b);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = pb.environment();
        if (b.dataDir != null) {
            try {
                Files.createDirectories(b.dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            env.put("REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + b.dataDir.toAbsolutePath().resolve("registry"));
        } else {
            env.remove("REGISTRY_DATASOURCE_URL");
        }
        long t0 = System.nanoTime();
        try {
            this.process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + cmd, e);
        }
        this.shutdownHook = new Thread(this::stopProcess, "embedded-registry-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            awaitReady(b.startTimeout);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.startupMillis = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Apicurio Registry on {} started in {} ms (pid {}, log {})",
                baseUrl(), startupMillis, process.pid(), logFile);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A registry with in-memory storage on a free port, jar located as described in the class comment. */
    public static EmbeddedRegistry start() {
        return builder().start();
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://" + HOST + ":" + port;
    }

    /** Apicurio's v2 API, the value of {@code apicurio.registry.url} for the Apicurio serdes. */
    public String registryUrl() {
        return baseUrl() + "/apis/registry/v2";
    }

    /** The Confluent-compatible API, for Confluent clients' {@code schema.registry.url}. */
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** From process start until the HTTP API answered. */
    public long startupMillis() {
        return startupMillis;
    }

    private List<String> command(Path jar, Builder b) {
        String java = ProcessHandle.current().info().command()
                .filter(c -> c.endsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(b.jvmArgs);
        cmd.add("-Dquarkus.http.host=" + HOST);
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.log.level=" + b.logLevel);
        // the runner jar's manifest Class-Path (lib/*.jar) still applies when the jar is on -cp
        cmd.add("-cp");
        cmd.add(jar + File.pathSeparator + codeLocation());
        cmd.add(ParentWatchdog.class.getName());
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        cmd.add(mainClass(jar));
        return cmd;
    }

    private static String mainClass(Path jar) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            return Optional.ofNullable(jf.getManifest())
                    .map(m -> m.getMainAttributes().getValue("Main-Class"))
                    .orElseThrow(() -> new IllegalStateException(jar + " has no Main-Class"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String codeLocation() {
        try {
            return Path.of(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        HttpRequest ccompat = HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue()
                        + " before it was ready; log " + logFile + ":\n" + tail(logFile));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200
                        && http.send(ccompat, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the registry", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the registry", e);
            }
        }
        throw new IllegalStateException("Apicurio Registry not ready after " + timeout + "; log " + logFile
                + ":\n" + tail(logFile));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    static Path locateRunnerJar() {
        String configured = Optional.ofNullable(System.getProperty(JAR_PROPERTY))
                .filter(s -> !s.isBlank())
                .orElse(System.getenv(JAR_ENV));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path target : List.of(dir.resolve("deploy/registry/target"), dir.resolve("registry/target"))) {
                if (Files.isDirectory(target)) {
                    try (Stream<Path> files = Files.list(target)) {
                        Optional<Path> runner = files
                                .filter(p -> p.getFileName().toString().endsWith("-runner.jar"))
                                .findFirst();
                        if (runner.isPresent()) {
                            return runner.get();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        throw new IllegalStateException("Cannot find the Apicurio Registry runner jar: set -D" + JAR_PROPERTY
                + "=/path/to/deploy/registry/target/medassist-registry-runner.jar (or " + JAR_ENV + ")");
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: Quarkus shuts down cleanly and closes the H2 file
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs stopProcess itself
        }
        long t0 = System.nanoTime();
        stopProcess();
        LOG.info("Apicurio Registry on {} stopped in {} ms", baseUrl(), (System.nanoTime() - t0) / 1_000_000);
        if (deleteLogOnClose) {
            try {
                Files.deleteIfExists(logFile);
            } catch (IOException e) {
                LOG.debug("Could not delete {}", logFile, e);
            }
        }
    }

    /** Options for {@link EmbeddedRegistry}. Every one has a default. */
    public static final class Builder {
        private Path runnerJar;
        private Path dataDir;
        private Path logFile;
        private int port;
        private String logLevel = "WARN";
        private Duration startTimeout = Duration.ofSeconds(60);
        private List<String> jvmArgs = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

        private Builder() {
        }

        /** {@code deploy/registry/target/medassist-registry-runner.jar} (its {@code lib/} must sit beside it). */
        public Builder runnerJar(Path jar) {
            this.runnerJar = jar;
            return this;
        }

        /** Persist the registry in an H2 file database in this directory. Default: in memory. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Where the child's stdout and stderr go. Default: a temporary file. */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /** Default (0): a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Quarkus root log level. Default WARN. */
        public Builder logLevel(String level) {
            this.logLevel = Objects.requireNonNull(level);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** JVM options of the child. Default: {@code -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}. */
        public Builder jvmArgs(List<String> args) {
            this.jvmArgs = List.copyOf(args);
            return this;
        }

        public EmbeddedRegistry start() {
            return new EmbeddedRegistry(this);
        }
    }
}
