package org.medassist.dashboard.http;

import io.micronaut.context.annotation.Requires;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.medassist.dashboard.feed.AlertBook;
import org.medassist.dashboard.feed.Cursor;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.events.Alert;
import org.medassist.kit.audit.Audit;
import org.medassist.kit.audit.AuditLog;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.kit.auth.TokenAuthenticator;
import org.medassist.kit.http.ApiErrors;
import org.medassist.schemas.PersonIdHash;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Sinks;

/**
 * The alerts the monitoring offices receive (docs/dashboard-service.md):
 * <ul>
 *   <li>{@code GET /v1/alerts/stream}: Server-Sent Events of new alerts, filtered by {@code region}, {@code recipient}
 *       (a department such as {@code civil_affairs}) and {@code rule}; each event's id is the feed's position
 *       ({@link Cursor}), so a reconnect with {@code Last-Event-ID} resumes exactly;</li>
 *   <li>{@code GET /v1/alerts?region=&month=YYYY-MM&recipient=}: the monthly list a department receives, the month
 *       being the alert's {@code month} (the claim's month, E14.10: a late claim adds to an earlier month), as JSON or
 *       as CSV ({@code Accept: text/csv} or {@code format=csv}; {@code lang=zh} for Chinese headings).</li>
 * </ul>
 * Readers, agencies and administrators read the alerts of their regions, personIds included (they act on them);
 * every answer's persons go to the audit record, hashed, and no log line names one.
 */
@Requires(property = "medassist.dashboard.enabled", notEquals = "false")
@Controller("/v1/alerts")
public class AlertsController {
    static final MediaType CSV = MediaType.of("text/csv");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertBook alerts;
    private final PolicyCatalog catalog;
    private final AuditLog audit;
    private final PersonIdHash hash;
    private final Duration keepAlive;
    private final TokenAuthenticator tokens;

    public AlertsController(AlertBook alerts, PolicyCatalog catalog, AuditLog audit, PersonIdHash hash,
                            @io.micronaut.context.annotation.Value("${medassist.dashboard.keep-alive:15s}") Duration keepAlive,
                            TokenAuthenticator tokens) {
        this.alerts = alerts;
        this.catalog = catalog;
        this.audit = audit;
        this.hash = hash;
        this.keepAlive = keepAlive;
        this.tokens = tokens;
    }

    /**
     * The monthly list: alerts of {@code month} (all months without it) in the token's regions or {@code region},
     * for {@code recipient} and of {@code rule} when given; ordered by month, region, rule and personId.
     */
    @Get(produces = {MediaType.APPLICATION_JSON, "text/csv"})
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String region, @Nullable @QueryValue String month,
                                @Nullable @QueryValue String recipient, @Nullable @QueryValue String rule,
                                @Nullable @QueryValue String format, @Nullable @QueryValue String lang) {
        Object who = ReadScope.principal(request);
        if (who instanceof MutableHttpResponse<?> refused) return refused;
        ApiPrincipal p = (ApiPrincipal) who;
        region = ReadScope.blankToNull(region);
        month = ReadScope.blankToNull(month);
        recipient = ReadScope.blankToNull(recipient);
        rule = ReadScope.blankToNull(rule);
        if (month != null && !MONTH.matcher(month).matches()) {
            return ApiErrors.of(HttpStatus.BAD_REQUEST, "invalid", "month must be YYYY-MM, not " + month);
        }
        MutableHttpResponse<String> refused = firstNonNull(ReadScope.regionRefusal(p, region, catalog),
                ReadScope.keyRefusal("recipient", recipient), ReadScope.keyRefusal("rule", rule));
        if (refused != null) return refused;
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && acceptsCsv(request));
        if (format != null && !csv && !"json".equalsIgnoreCase(format)) {
            return ApiErrors.of(HttpStatus.BAD_REQUEST, "invalid", "format must be json or csv, not " + format);
        }
        String m = month;
        AlertBook.Listing listing = alerts.listing(filter(p, region, recipient, rule).and(a -> m == null || m.equals(a.getMonth())));
        List<Alert> list = new ArrayList<>(listing.alerts().stream().map(AlertBook.Stored::alert).toList());
        list.sort(Comparator.comparing(Alert::getMonth).thenComparing(Alert::getRegion).thenComparing(Alert::getRule)
                .thenComparing(Alert::getPersonId));
        Audit.persons(request, list.stream().map(Alert::getPersonId).toList());
        if (csv) {
            boolean zh = lang != null && lang.toLowerCase(java.util.Locale.ROOT).startsWith("zh");
            String name = "alerts" + (region != null ? "-" + region : "") + (month != null ? "-" + month : "")
                    + (recipient != null ? "-" + recipient : "") + ".csv";
            return HttpResponse.ok(AlertViews.csv(list, zh, catalog).getBytes(StandardCharsets.UTF_8))
                    .contentType(MediaType.of("text/csv; charset=utf-8"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", region);
        body.put("month", month);
        body.put("recipient", recipient);
        body.put("rule", rule);
        body.put("count", list.size());
        // the feed's position after this list: GET /v1/alerts/stream with it as Last-Event-ID sends only what came after
        body.put("position", listing.position().toString());
        body.put("alerts", list.stream().map(AlertViews::json).toList());
        return ApiErrors.json(HttpStatus.OK, body);
    }

    /**
     * The live feed. Without {@code Last-Event-ID} it starts at the alerts read so far (only new ones follow); with
     * one, it sends every alert after that position first. The first event, {@code ready}, carries the starting
     * position as its id; then one {@code alert} event per alert; a {@code keepalive} event every
     * {@code medassist.dashboard.keep-alive} (15 s).
     */
    @Get(uri = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public HttpResponse<?> stream(HttpRequest<?> request, @Nullable @QueryValue String region, @Nullable @QueryValue String recipient,
                                  @Nullable @QueryValue String rule, @Nullable @Header("Last-Event-ID") String lastEventId) {
        Object who = ReadScope.principal(request);
        if (who instanceof MutableHttpResponse<?> refused) return refused;
        ApiPrincipal p = (ApiPrincipal) who;
        region = ReadScope.blankToNull(region);
        recipient = ReadScope.blankToNull(recipient);
        rule = ReadScope.blankToNull(rule);
        MutableHttpResponse<String> refused = firstNonNull(ReadScope.regionRefusal(p, region, catalog),
                ReadScope.keyRefusal("recipient", recipient), ReadScope.keyRefusal("rule", rule));
        if (refused != null) return refused;
        Cursor from;
        try {
            from = lastEventId == null || lastEventId.isBlank() ? null : Cursor.parse(lastEventId);
        } catch (IllegalArgumentException e) {
            return ApiErrors.of(HttpStatus.BAD_REQUEST, "invalid", "Last-Event-ID: " + e.getMessage());
        }
        String foreign = from == null ? null : alerts.foreign(from);
        if (foreign != null) return ApiErrors.of(HttpStatus.BAD_REQUEST, "invalid", "Last-Event-ID: " + foreign);
        Predicate<Alert> filter = filter(p, region, recipient, rule);
        String requestId = Audit.requestId(request);
        // an open stream keeps the rights its token had: checked again before each alert and at each keep-alive, and
        // ended when the token was revoked or its principal changed (docs/security.md, revocation); the client
        // reconnects with what the token may see now
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        Sinks.One<Boolean> revoked = Sinks.one();
        java.util.function.BooleanSupplier stillValid = () -> {
            boolean valid = tokens.authenticate(authorization).map(p::equals).orElse(false);
            if (!valid) revoked.tryEmitValue(Boolean.TRUE);
            return valid;
        };
        Flux<Event<String>> alertsFlux = Flux.create(sink -> {
            Set<String> delivered = new LinkedHashSet<>();
            AlertBook.Subscription sub = alerts.subscribe(from, filter,
                    start -> sink.next(Event.of(data(Map.of("position", start.toString()))).name("ready").id(start.toString())),
                    (stored, after) -> {
                        if (!stillValid.getAsBoolean()) return;
                        synchronized (delivered) {
                            delivered.add(stored.alert().getPersonId());
                        }
                        sink.next(Event.of(data(AlertViews.json(stored.alert()))).name("alert").id(after.toString()));
                    });
            sink.onDispose(() -> {
                sub.close();
                synchronized (delivered) {
                    auditDelivered(p, requestId, delivered);
                }
            });
        }, FluxSink.OverflowStrategy.BUFFER);
        Flux<Event<String>> keepAlives = Flux.interval(keepAlive, keepAlive).filter(i -> stillValid.getAsBoolean())
                .map(i -> Event.of("{}").name("keepalive"));
        return HttpResponse.ok(Flux.merge(alertsFlux, keepAlives).takeUntilOther(revoked.asMono()))
                .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").header("X-Accel-Buffering", "no");
    }

    /** The token's regions, then the optional filters. */
    private Predicate<Alert> filter(ApiPrincipal p, String region, String recipient, String rule) {
        return a -> p.serves(a.getRegion()) && (region == null || region.equals(a.getRegion()))
                && (recipient == null || a.getRecipients().contains(recipient)) && (rule == null || rule.equals(a.getRule()));
    }

    /**
     * The stream's persons, hashed, in a second audit record when it ends: the first, written when it opened, could
     * not know them (docs/security.md, "Audit").
     */
    private void auditDelivered(ApiPrincipal p, String requestId, Set<String> persons) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("time", Instant.now().toString());
        r.put("service", "dashboard-service");
        r.put("requestId", requestId);
        Map<String, Object> principal = new LinkedHashMap<>();
        principal.put("label", p.label());
        principal.put("kind", p.kind().configName());
        principal.put("name", p.name());
        r.put("principal", principal);
        r.put("method", "GET");
        r.put("path", "/v1/alerts/stream");
        r.put("persons", persons.stream().map(hash::of).toList());
        r.put("status", 200);
        r.put("outcome", "delivered");
        audit.write(data(r));
    }

    private static boolean acceptsCsv(HttpRequest<?> request) {
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv")
                && !accept.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) if (v != null) return v;
        return null;
    }

    private static String data(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
