package org.medassist.kit.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.schemas.PersonIdHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit record per request under {@code medassist.auth.protected-paths}, written when the answer is known, to
 * the {@link AuditLog} as one JSON line: the time, the service, the request id, the principal (label, kind,
 * name; null when the token was missing or unknown), the method, the path with any personId replaced by
 * {@code {personId}}, the persons (keyed hashes, never raw), the status, and for a refusal its error code and
 * message. Every answer carries {@code X-Request-Id}. docs/security.md, "Audit".
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AuditFilter implements Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GOOD_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final AuditLog log;
    private final PersonIdHash hash;
    private final List<String> protectedPaths;
    private final String service;

    public AuditFilter(AuditLog log, PersonIdHash hash, @Value("${medassist.auth.protected-paths:/v1/}") List<String> protectedPaths,
                       @Value("${micronaut.application.name:medassist}") String service) {
        this.log = log;
        this.hash = hash;
        this.protectedPaths = List.copyOf(protectedPaths);
        this.service = service;
    }

    /** Before authentication (so a 401 is audited too): the request id. */
    @RequestFilter
    public void identify(HttpRequest<?> request) {
        String given = request.getHeaders().get(Audit.REQUEST_ID_HEADER);
        String id = given != null && GOOD_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(Audit.REQUEST_ID_ATTRIBUTE, id);
    }

    @ResponseFilter
    public void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String requestId = Audit.requestId(request);
        response.header(Audit.REQUEST_ID_HEADER, requestId);
        String path = request.getPath();
        if (protectedPaths.stream().noneMatch(path::startsWith)) return;
        try {
            log.write(JSON.writeValueAsString(record(request, response, requestId, path)));
        } catch (Exception e) {
            LOG.error("audit record of request {} not written: {}", requestId, e.toString());
        }
    }

    Map<String, Object> record(HttpRequest<?> request, MutableHttpResponse<?> response, String requestId, String path) {
        Set<String> persons = new LinkedHashSet<>();
        String shownPath = redact(path, persons);
        persons.addAll(Audit.persons(request));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("time", Instant.now().toString());
        r.put("service", service);
        r.put("requestId", requestId);
        ApiPrincipal p = ApiPrincipal.of(request).orElse(null);
        if (p == null) {
            r.put("principal", null);
        } else {
            Map<String, Object> who = new LinkedHashMap<>();
            who.put("label", p.label());
            who.put("kind", p.kind().configName());
            who.put("name", p.name());
            r.put("principal", who);
        }
        r.put("method", request.getMethodName());
        r.put("path", shownPath);
        List<String> hashes = new ArrayList<>(persons.size());
        for (String person : persons) hashes.add(hash.of(person));
        r.put("persons", hashes);
        int status = response.code();
        r.put("status", status);
        r.put("outcome", status < 300 ? "allowed" : status == 401 ? "unauthenticated" : status == 403 ? "refused"
                : status == 400 || status == 413 ? "invalid" : status == 404 ? "not_found" : "failed");
        if (status >= 400) {
            JsonNode body = errorBody(response);
            r.put("error", body == null ? null : body.path("error").asText(null));
            String reason = body == null ? null : body.path("message").asText(null);
            JsonNode first = body == null ? null : body.path("events").path(0).path("reason");
            if (reason != null && first != null && first.isTextual() && !reason.contains(first.asText())) {
                reason = reason + ": " + first.asText(); // a batch's message counts; its first event says why
            }
            r.put("reason", reason);
        }
        return r;
    }

    /** The path with the personId of {@code /v1/persons/{personId}/…} replaced, and that person noted. */
    static String redact(String path, Set<String> persons) {
        String[] parts = path.split("/", -1);
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals("persons") && !parts[i + 1].isEmpty()) {
                persons.add(URLDecoder.decode(parts[i + 1], StandardCharsets.UTF_8));
                parts[i + 1] = "{personId}";
            }
        }
        return String.join("/", parts);
    }

    private static JsonNode errorBody(MutableHttpResponse<?> response) {
        Object body = response.getBody().orElse(null);
        if (!(body instanceof CharSequence text)) return null;
        try {
            JsonNode n = JSON.readTree(text.toString());
            return n != null && n.isObject() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Before {@code BearerTokenFilter}, so that its 401 answers are audited and carry the request id. */
    @Override
    public int getOrder() { return HIGHEST_PRECEDENCE + 50; }
}
