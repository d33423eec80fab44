package org.medassist.kit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.medassist.kit.kafka.KafkaClients;
import org.medassist.kit.kafka.KafkaSettings;
import org.medassist.kit.streams.ManagedStreams;

/** Before the application runs, a look-up is a clear 503 with Retry-After, never a local answer. */
class InteractiveQueriesTest {
    @Test
    void unavailableUntilStarted() {
        ManagedStreams streams = new ManagedStreams(new KafkaClients(new KafkaSettings(), "svc"), Topology::new, null,
                Duration.ofSeconds(1));
        InteractiveQueries q = new InteractiveQueries(streams, Duration.ofSeconds(1), null);
        assertInstanceOf(InteractiveQueries.Location.Unavailable.class, q.locate("store", "P-1"));
        assertThrows(InteractiveQueries.StoreUnavailableException.class, () -> q.getLocal("store", "P-1"));
        MutableHttpResponse<?> r = q.<String>route(HttpRequest.GET("/v1/x/P-1"), "store", "P-1",
                v -> HttpResponse.ok("local"));
        assertEquals(503, r.code());
        assertEquals("1", r.getHeaders().get("Retry-After"));
        assertTrue(r.getBody(String.class).orElseThrow().contains("\"error\":\"unavailable\""));
    }
}
