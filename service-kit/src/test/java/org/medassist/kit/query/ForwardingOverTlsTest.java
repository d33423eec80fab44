package org.medassist.kit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medassist.embeddedkafka.TlsMaterial;
import org.medassist.kit.kafka.KafkaClients;
import org.medassist.kit.kafka.KafkaSettings;
import org.medassist.kit.streams.ManagedStreams;

/**
 * A query forwarded to the key's owner carries the caller's bearer token: with {@code forward-scheme=https} it goes
 * over TLS to an owner whose certificate the trust store vouches for, and to nothing else (docs/security.md
 * "Interactive queries over TLS").
 */
class ForwardingOverTlsTest {
    static TlsMaterial tls;
    static HttpsServer owner;
    static final AtomicReference<String> seenToken = new AtomicReference<>();

    @BeforeAll
    static void startOwner() throws Exception {
        tls = TlsMaterial.create();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        // the owner's certificate names it "localhost" only, as an instance's certificate names its host
        try (InputStream in = Files.newInputStream(tls.keyStore("settlement-2", java.util.List.of("localhost"),
                java.util.List.of()))) {
            ks.load(in, tls.password().toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, tls.password().toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        owner = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        owner.setHttpsConfigurator(new HttpsConfigurator(ctx));
        owner.createContext("/v1/", ex -> {
            seenToken.set(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"served\":\"owner\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        owner.start();
    }

    @AfterAll
    static void stop() {
        if (owner != null) owner.stop(0);
        if (tls != null) tls.close();
    }

    static ManagedStreams streams() {
        return new ManagedStreams(new KafkaClients(new KafkaSettings(), "svc"), Topology::new, null, Duration.ofSeconds(1));
    }

    static HttpRequest<?> query() {
        return HttpRequest.GET("/v1/persons/P-1/years/2023").header(HttpHeaders.AUTHORIZATION, "Bearer secret-token");
    }

    /** localhost: the name the owner's certificate carries, as an owner's application.server host must. */
    static HostInfo ownerHost() {
        return new HostInfo("localhost", owner.getAddress().getPort());
    }

    @Test
    void forwardsOverTlsToAnOwnerTheTrustStoreVouchesFor() {
        seenToken.set(null);
        InteractiveQueries q = new InteractiveQueries(streams(), Duration.ofSeconds(5), null, "https",
                tls.trustStore().toString(), tls.password(), "PKCS12");
        MutableHttpResponse<?> r = q.forward(query(), ownerHost());
        assertEquals(200, r.code());
        assertEquals("Bearer secret-token", seenToken.get());
        assertEquals("{\"served\":\"owner\"}", new String((byte[]) r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void anOwnerWithACertificateNobodyVouchesForGetsNoToken() {
        seenToken.set(null);
        // the JVM's CAs do not know this run's CA: the handshake fails before any header is sent
        InteractiveQueries q = new InteractiveQueries(streams(), Duration.ofSeconds(5), null, "https", null, null, null);
        MutableHttpResponse<?> r = q.forward(query(), ownerHost());
        assertEquals(503, r.code());
        assertTrue(r.getBody(String.class).orElseThrow().contains("cannot be reached"), r.getBody(String.class).orElse(""));
        assertNull(seenToken.get());
    }

    @Test
    void aHostNameTheCertificateDoesNotNameGetsNoToken() {
        seenToken.set(null);
        InteractiveQueries q = new InteractiveQueries(streams(), Duration.ofSeconds(5), null, "https",
                tls.trustStore().toString(), tls.password(), "PKCS12");
        // the same server, reached by an address its certificate does not name: a trusted CA is not enough
        MutableHttpResponse<?> r = q.forward(query(), new HostInfo("127.0.0.1", owner.getAddress().getPort()));
        assertEquals(503, r.code());
        assertNull(seenToken.get());
    }

    @Test
    void aTrustStoreWithPlainHttpIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InteractiveQueries(streams(),
                Duration.ofSeconds(1), null, "http", tls.trustStore().toString(), tls.password(), "PKCS12"));
        assertTrue(e.getMessage().contains("medassist.query.forward-scheme=https"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InteractiveQueries(streams(), Duration.ofSeconds(1), null,
                "ftp", null, null, null));
    }

    @Test
    void theSchemeFollowsTheServersOwnTls() {
        assertEquals("https", new InteractiveQueries(streams(), Duration.ofSeconds(1), null, "", null, null, "PKCS12", true)
                .forwardScheme());
        assertEquals("http", new InteractiveQueries(streams(), Duration.ofSeconds(1), null, null, null, null, "PKCS12", false)
                .forwardScheme());
    }
}
