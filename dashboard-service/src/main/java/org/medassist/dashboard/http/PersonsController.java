package org.medassist.dashboard.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.medassist.kit.audit.Audit;
import org.medassist.kit.http.ApiErrors;

/**
 * The person search: {@code GET /v1/persons/{personId}/years/{year}} is settlement-service's person-year (totals,
 * ledger, explanation lines with their clauses), fetched from {@code medassist.dashboard.settlement-url} with the
 * viewer's own bearer token and relayed as it answers. settlement-service decides what the token may see and audits
 * the read; this service audits it too (its path names the person, hashed in the record). A proxy rather than CORS:
 * the page talks to one origin only, and the token is sent nowhere the page was not loaded from
 * (docs/dashboard-service.md, "Person search").
 */
@Requires(property = "medassist.dashboard.enabled", notEquals = "false")
@Controller("/v1/persons")
public class PersonsController {
    private final URI settlement;
    private final Duration timeout;
    private final HttpClient http;

    public PersonsController(@Value("${medassist.dashboard.settlement-url:`http://127.0.0.1:8082`}") String settlementUrl,
                             @Value("${medassist.dashboard.settlement-timeout:10s}") Duration timeout) {
        String base = settlementUrl.trim();
        this.settlement = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Get(uri = "/{personId}/years/{year}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> personYear(HttpRequest<?> request, @PathVariable String personId, @PathVariable int year) {
        Object who = ReadScope.principal(request);
        if (who instanceof MutableHttpResponse<?> refused) return refused; // a token that may not read persons goes no further
        URI target = URI.create(settlement + "/v1/persons/" + URLEncoder.encode(personId, StandardCharsets.UTF_8).replace("+", "%20")
                + "/years/" + year);
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(target).timeout(timeout).GET()
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION).ifPresent(v -> b.header(HttpHeaders.AUTHORIZATION, v));
        b.header(Audit.REQUEST_ID_HEADER, Audit.requestId(request)); // settlement-service's audit record names the same request
        java.net.http.HttpResponse<byte[]> answer;
        try {
            answer = http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return ApiErrors.unavailable("settlement-service did not answer within " + timeout, 2);
        } catch (IOException e) {
            return ApiErrors.unavailable("settlement-service cannot be reached: " + e.getClass().getSimpleName(), 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiErrors.unavailable("interrupted", 1);
        }
        MutableHttpResponse<byte[]> out = HttpResponse.<byte[]>status(HttpStatus.valueOf(answer.statusCode())).body(answer.body());
        answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(out::contentType);
        answer.headers().firstValue("Retry-After").ifPresent(v -> out.header("Retry-After", v));
        return out;
    }
}
