package org.medassist.eligibility;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.medassist.kit.streams.ManagedStreams;
import org.medassist.kafkatest.KafkaTestEnvironment;

/** An eligibility-service instance started in this JVM against the test broker and registry, with HTTP helpers. */
public final class RunningService implements AutoCloseable {
    public static final String CIVIL = "test-civil-affairs-token";
    public static final String RURAL = "test-rural-token";
    public static final String HOSPITAL = "test-hospital-token";
    public static final int PARTITIONS = 3;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ApplicationContext context;
    private final Path stateDir;
    public final String baseUrl;

    private RunningService(ApplicationContext context, Path stateDir) {
        this.context = context;
        this.stateDir = stateDir;
        this.baseUrl = "http://localhost:" + context.getBean(EmbeddedServer.class).getPort();
    }

    public static RunningService start(KafkaTestEnvironment.Environment env, String applicationId) throws Exception {
        Path state = Files.createTempDirectory("eligibility-" + applicationId + "-");
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("micronaut.server.host", "localhost");
        p.put("medassist.kafka.bootstrap-servers", env.bootstrapServers());
        p.put("medassist.kafka.registry-url", env.registryUrl());
        p.put("medassist.kafka.person-partitions", PARTITIONS);
        p.put("medassist.kafka.application-id", applicationId);
        p.put("medassist.kafka.state-dir", state.toString());
        p.put("medassist.kafka.streams.commit.interval.ms", "100");
        p.put("medassist.log.person-id-key", "test-key");
        p.put("medassist.auth.principals.test-civil.kind", "department");
        p.put("medassist.auth.principals.test-civil.name", "civil_affairs");
        p.put("medassist.auth.principals.test-civil.token", CIVIL);
        p.put("medassist.auth.principals.test-rural.kind", "department");
        p.put("medassist.auth.principals.test-rural.name", "rural_revitalization");
        p.put("medassist.auth.principals.test-rural.token-sha256",
                org.medassist.kit.auth.TokenAuthenticator.sha256(RURAL));
        p.put("medassist.auth.principals.test-hospital.kind", "hospital");
        p.put("medassist.auth.principals.test-hospital.name", "H0012");
        p.put("medassist.auth.principals.test-hospital.token", HOSPITAL);
        return new RunningService(EligibilityApplication.start(p), state);
    }

    public ApplicationContext context() { return context; }

    public KafkaStreams.State streamsState() { return context.getBean(ManagedStreams.class).state(); }

    public KafkaStreams streams() { return context.getBean(ManagedStreams.class).streams(); }

    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streamsState() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) throw new AssertionError("streams not RUNNING but " + streamsState());
            Thread.sleep(50);
        }
    }

    public HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs until the answer satisfies {@code done} (or the timeout passes, returning the last answer). */
    public HttpResponse<String> getUntil(String path, String token, Predicate<HttpResponse<String>> done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> r = get(path, token);
        while (!done.test(r) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            r = get(path, token);
        }
        return r;
    }

    @Override
    public void close() throws Exception {
        context.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
