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
import org.medassist.kit.auth.TokenAuthenticator;
import org.medassist.kit.streams.ManagedStreams;
import org.medassist.kafkatest.KafkaTestEnvironment;

/** An eligibility-service instance started in this JVM against the test broker and registry, with HTTP helpers. */
public final class RunningService implements AutoCloseable {
    public static final String CIVIL = "test-civil-affairs-token";
    public static final String RURAL = "test-rural-token";
    public static final String HOSPITAL = "test-hospital-token";
    public static final String UNION = "test-union-token";
    /** civil_affairs for Nanjing only. */
    public static final String CIVIL_NANJING = "test-civil-nanjing-token";
    /** Reads every region. */
    public static final String READER = "test-reader-token";
    /** Reads Jiujiang only. */
    public static final String READER_JIUJIANG = "test-reader-jiujiang-token";
    /** An agency of Nanjing and Jiangyin. */
    public static final String AGENCY_NANJING = "test-agency-nanjing-token";
    /** The personId hash key of the test instances. */
    public static final String KEY = "eligibility-test-person-id-key-0123456789";
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
        return start(env, applicationId, Map.of());
    }

    /** The same, with {@code extra} configuration over the test defaults. */
    public static RunningService start(KafkaTestEnvironment.Environment env, String applicationId, Map<String, Object> extra)
            throws Exception {
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
        p.put("medassist.log.person-id-key", KEY);
        principal(p, "test-civil", "department", "civil_affairs", "*", CIVIL);
        principal(p, "test-rural", "department", "rural_revitalization", "*", RURAL);
        principal(p, "test-union", "department", "trade_union", "*", UNION);
        principal(p, "test-civil-nanjing", "department", "civil_affairs", "nanjing", CIVIL_NANJING);
        principal(p, "test-hospital", "hospital", "H0012", "*", HOSPITAL);
        principal(p, "test-reader", "reader", "dashboard", "*", READER);
        principal(p, "test-reader-jiujiang", "reader", "monitoring-office", "jiujiang", READER_JIUJIANG);
        principal(p, "test-agency-nanjing", "agency", "nanjing", "nanjing,jiangyin", AGENCY_NANJING);
        p.putAll(extra);
        return new RunningService(EligibilityApplication.start(p), state);
    }

    /** A principal with its token as token-sha256: the production form (plain tokens are for the dev environment). */
    static void principal(Map<String, Object> p, String label, String kind, String name, String regions, String token) {
        String prefix = "medassist.auth.principals." + label + ".";
        p.put(prefix + "kind", kind);
        p.put(prefix + "name", name);
        p.put(prefix + "regions", regions);
        p.put(prefix + "token-sha256", TokenAuthenticator.sha256(token));
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
        return get(path, token, null);
    }

    /** A GET with the caller's {@code X-Request-Id} (when not null). */
    public HttpResponse<String> get(String path, String token, String requestId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET();
        if (requestId != null) b.header("X-Request-Id", requestId);
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
