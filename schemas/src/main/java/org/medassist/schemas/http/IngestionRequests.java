package org.medassist.schemas.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * How a client posts events to an ingestion {@link Endpoint} and reads the answer (docs/api.md): one request holds a
 * JSON array of events of the endpoint's type from one sender, with the sender's bearer token, and is taken or refused
 * whole. Shared by bin/run's publisher and the fault harness's HTTP mode, so that both read the answers alike.
 */
public final class IngestionRequests {

    /** What to do after an answer. */
    public enum Answer {
        /** 2xx: every event of the request was written. */
        ACCEPTED,
        /** 4xx but 408 and 429: nothing was written, and sending the same request again would be refused again. */
        REFUSED,
        /** 5xx, 408, 429 (or no answer): nothing or everything was written; send the same request again. */
        RETRY
    }

    private IngestionRequests() {}

    /** The answer a status means. */
    public static Answer answer(int status) {
        if (status / 100 == 2) return Answer.ACCEPTED;
        if (status / 100 == 4 && status != 408 && status != 429) return Answer.REFUSED;
        return Answer.RETRY;
    }

    /** A POST of {@code events} (each one event's JSON text, in order) to {@code endpoint} of the service at {@code service}. */
    public static HttpRequest post(URI service, Endpoint endpoint, String token, List<String> events, Duration timeout) {
        StringBuilder body = new StringBuilder(events.size() * 400 + 2).append('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) body.append(',');
            body.append(events.get(i));
        }
        body.append(']');
        return HttpRequest.newBuilder(service.resolve(endpoint.path()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
    }
}
