package org.medassist.kit.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The errors Micronaut answers itself, before a controller runs (a content type the endpoint does not take, a body or
 * URI too long, a route that does not exist, a path value that does not convert, a failure inside a controller), in
 * the one error body of {@link ApiErrors}: {@code {"error": "<code>", "message": "<text>"}} instead of Micronaut's
 * HATEOAS form, so a client reads every refusal the same way (docs/api.md, errors). A failure inside the service
 * answers 500 without the exception's text: the log has it, under the request's id.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public final class ApiErrorBodies implements JsonErrorResponseBodyProvider<String> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiErrorBodies.class);

    @Override
    public String body(ErrorContext context, HttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        if (status.getCode() >= 500) {
            // the one place the failure is told: under the id the answer carries, with what failed
            String id = org.medassist.kit.audit.Audit.requestId(context.getRequest());
            LOG.error("request {} ({} {}) answered {}", id, context.getRequest().getMethodName(), context.getRequest().getPath(),
                    status.getCode(), context.getRootCause().orElse(null));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code(status));
        body.put("message", message(context, status));
        return ApiErrors.render(body);
    }

    /** The stable code of a status, as {@link ApiErrors} names them. */
    static String code(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "invalid";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case NOT_ACCEPTABLE -> "not_acceptable";
            case REQUEST_ENTITY_TOO_LARGE, REQUEST_URI_TOO_LONG, REQUEST_HEADER_FIELDS_TOO_LARGE -> "too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            case SERVICE_UNAVAILABLE -> "unavailable";
            default -> status.getCode() >= 500 ? "internal" : "invalid";
        };
    }

    private static String message(ErrorContext context, HttpStatus status) {
        if (status.getCode() >= 500) {
            return "the service failed on this request; its log has the failure under this answer's "
                    + org.medassist.kit.audit.Audit.REQUEST_ID_HEADER + ". Retry; if it fails again, report it with that id";
        }
        String detail = context.getErrors().isEmpty() ? null : context.getErrors().get(0).getMessage();
        return detail == null || detail.isBlank() ? status.getReason() : detail;
    }
}
