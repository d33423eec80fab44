package org.medassist.kit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error body of every endpoint: {@code {"error": "<code>", "message": "<text>", ...extra}}, JSON.
 * {@code error} is a stable code ({@code unauthorized}, {@code forbidden}, {@code invalid}, {@code not_found},
 * {@code unavailable}, {@code too_large}; and for what Micronaut refuses before a controller runs,
 * {@link ApiErrorBodies}: {@code unsupported_media_type}, {@code method_not_allowed}, {@code not_acceptable},
 * {@code internal}); {@code message} is for people. Bodies are rendered here (nulls kept), not
 * by Micronaut's mapper, so they read the same whatever the service's Jackson settings.
 */
public final class ApiErrors {
    private ApiErrors() {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** {@code body} (maps, lists, records, scalars) as a JSON response with {@code status}; null values kept. */
    public static MutableHttpResponse<String> json(HttpStatus status, Object body) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(render(body));
    }

    /** {@code body} as JSON text, nulls kept. */
    static String render(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot render a response body: " + e.getOriginalMessage(), e);
        }
    }

    public static MutableHttpResponse<String> of(HttpStatus status, String error, String message) {
        return of(status, error, message, Map.of());
    }

    public static MutableHttpResponse<String> of(HttpStatus status, String error, String message, Map<String, ?> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        body.putAll(extra);
        return json(status, body);
    }

    public static MutableHttpResponse<String> forbidden(String message) {
        return of(HttpStatus.FORBIDDEN, "forbidden", message);
    }

    public static MutableHttpResponse<String> notFound(String message) {
        return of(HttpStatus.NOT_FOUND, "not_found", message);
    }

    /** 503 with {@code Retry-After}: the caller should retry shortly (a rebalance, Kafka unreachable). */
    public static MutableHttpResponse<String> unavailable(String message, int retryAfterSeconds) {
        return of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", message)
                .header("Retry-After", Integer.toString(retryAfterSeconds));
    }
}
