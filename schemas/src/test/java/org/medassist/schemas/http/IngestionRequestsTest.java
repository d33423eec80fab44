package org.medassist.schemas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class IngestionRequestsTest {

    @Test
    void onlyARefusalThatWouldBeRefusedAgainIsFinal() {
        assertEquals(IngestionRequests.Answer.ACCEPTED, IngestionRequests.answer(202));
        assertEquals(IngestionRequests.Answer.REFUSED, IngestionRequests.answer(400));
        assertEquals(IngestionRequests.Answer.REFUSED, IngestionRequests.answer(403));
        assertEquals(IngestionRequests.Answer.RETRY, IngestionRequests.answer(408), "a timeout: the request may not have been read");
        assertEquals(IngestionRequests.Answer.RETRY, IngestionRequests.answer(429), "too many requests: later");
        assertEquals(IngestionRequests.Answer.RETRY, IngestionRequests.answer(503));
    }

    @Test
    void theEventsGoAsOneArrayInTheirOrder_withTheSendersToken() throws Exception {
        HttpRequest r = IngestionRequests.post(URI.create("http://127.0.0.1:8082"), Endpoint.CLAIMS, "t0k3n",
                List.of("{\"claimId\":\"C-1\"}", "{\"claimId\":\"C-2\"}"), Duration.ofSeconds(5));
        assertEquals(URI.create("http://127.0.0.1:8082/v1/claims"), r.uri());
        assertEquals("POST", r.method());
        assertEquals("Bearer t0k3n", r.headers().firstValue("Authorization").orElseThrow());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("[{\"claimId\":\"C-1\"},{\"claimId\":\"C-2\"}]", body(r));
    }

    private static String body(HttpRequest r) throws Exception {
        StringBuilder sb = new StringBuilder();
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        r.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
            @Override public void onNext(ByteBuffer b) { sb.append(StandardCharsets.UTF_8.decode(b)); }
            @Override public void onError(Throwable t) { done.completeExceptionally(t); }
            @Override public void onComplete() { done.complete(null); }
        });
        done.get();
        return sb.toString();
    }
}
