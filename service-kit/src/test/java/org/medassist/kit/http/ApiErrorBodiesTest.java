package org.medassist.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Micronaut's own refusals in the one error body; a 500 without the exception's text, which goes to the log. */
class ApiErrorBodiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode body(HttpStatus status, ErrorContext context) throws Exception {
        return JSON.readTree(new ApiErrorBodies().body(context, HttpResponse.status(status)));
    }

    @Test
    void aRefusalKeepsMicronautsReasonUnderAStableCode() throws Exception {
        ErrorContext unsupported = ErrorContext.builder(HttpRequest.POST("/v1/claims", ""))
                .errorMessage("Content Type [text/plain] not allowed. Allowed types: [application/json]").build();
        JsonNode b = body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, unsupported);
        assertEquals("unsupported_media_type", b.get("error").asText());
        assertEquals("Content Type [text/plain] not allowed. Allowed types: [application/json]", b.get("message").asText());
        assertEquals("not_found", body(HttpStatus.NOT_FOUND, ErrorContext.builder(HttpRequest.GET("/x")).build()).get("error").asText());
        assertEquals("Not Found", body(HttpStatus.NOT_FOUND, ErrorContext.builder(HttpRequest.GET("/x")).build()).get("message").asText());
    }

    @Test
    void aFailureIsLoggedWithItsRequestIdAndAnsweredWithoutItsText() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ApiErrorBodies.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            var request = HttpRequest.POST("/v1/claims", "");
            request.setAttribute(org.medassist.kit.audit.Audit.REQUEST_ID_ATTRIBUTE, "req-42");
            ErrorContext failed = ErrorContext.builder(request).cause(new IllegalStateException("secret detail")).build();
            JsonNode b = body(HttpStatus.INTERNAL_SERVER_ERROR, failed);
            assertEquals("internal", b.get("error").asText());
            assertFalse(b.toString().contains("secret detail"), b.toString());
            assertTrue(b.get("message").asText().contains("X-Request-Id"), b.toString());
            ILoggingEvent event = logged.list.get(0);
            assertTrue(event.getFormattedMessage().contains("req-42") && event.getFormattedMessage().contains("POST /v1/claims"),
                    event.getFormattedMessage());
            assertEquals("secret detail", event.getThrowableProxy().getMessage());
        } finally {
            logger.detachAppender(logged);
        }
    }
}
