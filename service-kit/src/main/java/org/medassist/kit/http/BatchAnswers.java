package org.medassist.kit.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medassist.kit.http.EventBatch.Outcome;
import org.medassist.kit.http.EventBatch.Problem;

/**
 * The HTTP answers of ingestion endpoints for a refused {@link EventBatch}: 400 (malformed or invalid, a reason
 * per event), 403 (not the caller's to send), 413 (too many), and the counter {@code medassist.ingest.events}
 * tagged by type and outcome.
 */
public final class BatchAnswers {
    private BatchAnswers() {}

    /** The answer for a refused batch; null when the batch was accepted. */
    public static HttpResponse<?> refusal(Outcome<?> outcome, String type, MeterRegistry meters) {
        if (outcome instanceof Outcome.Malformed<?> m) {
            count(meters, type, "invalid", 1);
            return ApiErrors.of(HttpStatus.BAD_REQUEST, "invalid", m.reason());
        }
        if (outcome instanceof Outcome.TooLarge<?> t) {
            count(meters, type, "invalid", t.count());
            return ApiErrors.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", t.count() + " events in one request; at most " + t.max());
        }
        if (outcome instanceof Outcome.Forbidden<?> f) {
            count(meters, type, "forbidden", f.problems().size());
            String first = f.problems().get(0).reason();
            String message = f.problems().size() == 1 ? first : first + " (and " + (f.problems().size() - 1) + " more)";
            return ApiErrors.of(HttpStatus.FORBIDDEN, "forbidden", message, Map.of("events", problems(f.problems())));
        }
        if (outcome instanceof Outcome.Invalid<?> inv) {
            count(meters, type, "invalid", inv.problems().size());
            return ApiErrors.of(HttpStatus.BAD_REQUEST, "invalid", inv.problems().size()
                    + " invalid events; no event of this request was accepted", Map.of("events", problems(inv.problems())));
        }
        return null;
    }

    /** The answer for an accepted batch, counted. */
    public static HttpResponse<?> accepted(Map<String, Object> body, String type, int events, MeterRegistry meters) {
        count(meters, type, "accepted", events);
        return ApiErrors.json(HttpStatus.ACCEPTED, body);
    }

    public static List<Map<String, Object>> problems(List<Problem> problems) {
        return problems.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", p.index());
            m.put("eventId", p.eventId());
            m.put("field", p.field());
            m.put("reason", p.reason());
            return m;
        }).toList();
    }

    private static void count(MeterRegistry meters, String type, String outcome, int n) {
        if (meters != null) meters.counter("medassist.ingest.events", "type", type, "outcome", outcome).increment(n);
    }
}
