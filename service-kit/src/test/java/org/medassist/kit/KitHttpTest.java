package org.medassist.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medassist.kit.auth.TokenAuthenticator;
import org.medassist.kit.kafka.KafkaSettings;
import org.medassist.schemas.PersonIdHash;

/**
 * The kit in a Micronaut server with no Kafka behind it (topic set-up off, no topology): bearer tokens, the open
 * health and Prometheus endpoints, and the binding of {@code medassist.kafka.*}.
 */
class KitHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedServer server;
    static final String KEY = "kit-test-person-id-key-0123456789abcdef";

    @BeforeAll
    static void start() {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("micronaut.application.name", "kit-test");
        p.put("endpoints.health.details-visible", "ANONYMOUS");
        p.put("endpoints.prometheus.sensitive", false);
        p.put("medassist.kafka.ensure-topics", false);
        p.put("medassist.kafka.bootstrap-servers", "127.0.0.1:1");
        p.put("medassist.kafka.person-partitions", 4);
        p.put("medassist.kafka.state-dir", "/var/tmp/kit");
        p.put("medassist.kafka.streams.commit.interval.ms", "250");
        p.put("medassist.kafka.streams.num.standby.replicas", "1");
        p.put("medassist.kafka.producer.linger.ms", "5");
        p.put("medassist.auth.principals.civil.kind", "department");
        p.put("medassist.auth.principals.civil.name", "civil_affairs");
        p.put("medassist.auth.principals.civil.regions", "nanjing");
        p.put("medassist.auth.principals.civil.token-sha256", TokenAuthenticator.sha256("civil-token"));
        p.put("medassist.auth.principals.h12.kind", "hospital");
        p.put("medassist.auth.principals.h12.name", "H0012");
        p.put("medassist.auth.principals.h12.regions", "*");
        p.put("medassist.auth.principals.h12.token-sha256", TokenAuthenticator.sha256("hospital-token"));
        p.put("medassist.log.person-id-key", KEY);
        server = ApplicationContext.run(EmbeddedServer.class, p);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokensMapToPrincipals() throws Exception {
        HttpResponse<String> civil = get("/v1/whoami", "civil-token");
        assertEquals(200, civil.statusCode(), civil.body());
        assertTrue(civil.body().contains("\"kind\":\"department\"") && civil.body().contains("\"name\":\"civil_affairs\"")
                && civil.body().contains("\"regions\":\"[nanjing]\""), civil.body());
        HttpResponse<String> hospital = get("/v1/whoami", "hospital-token");
        assertEquals(200, hospital.statusCode(), hospital.body());
        assertTrue(hospital.body().contains("\"name\":\"H0012\"") && hospital.body().contains("\"label\":\"h12\""),
                hospital.body());
    }

    @Test
    void missingOrUnknownTokensAre401WithAJsonBody() throws Exception {
        for (String token : new String[] {null, "nope", ""}) {
            HttpResponse<String> r = get("/v1/whoami", token);
            assertEquals(401, r.statusCode(), r.body());
            assertTrue(r.body().startsWith("{\"error\":\"unauthorized\",\"message\":"), r.body());
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        }
        assertEquals(401, get("/v1/no-such-route", null).statusCode(), "the filter runs before routing");
        assertEquals(200, get("/open", null).statusCode(), "paths outside /v1/ are open");
    }

    @Test
    void healthAndPrometheusAreOpen() throws Exception {
        HttpResponse<String> h = get("/health", null);
        assertEquals(200, h.statusCode(), h.body());
        assertTrue(h.body().contains("\"status\":\"UP\""), h.body());
        HttpResponse<String> m = get("/prometheus", null);
        assertEquals(200, m.statusCode(), m.body());
        assertTrue(m.body().contains("jvm_memory_used_bytes"), "Prometheus text format");
    }

    @Test
    void kafkaSettingsBind() {
        KafkaSettings s = server.getApplicationContext().getBean(KafkaSettings.class);
        assertEquals(4, s.getPersonPartitions());
        assertEquals(Path.of("/var/tmp/kit"), s.getStateDir());
        assertEquals("250", s.getStreams().get("commit.interval.ms"));
        assertEquals("1", s.getStreams().get("num.standby.replicas"));
        assertEquals("5", s.getProducer().get("linger.ms"));
        PersonIdHash hash = server.getApplicationContext().getBean(PersonIdHash.class);
        assertEquals(PersonIdHash.withKey(KEY).of("P-1"), hash.of("P-1"));
    }
}
