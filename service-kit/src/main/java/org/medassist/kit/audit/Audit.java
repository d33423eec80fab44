package org.medassist.kit.audit;

import io.micronaut.http.HttpRequest;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.medassist.kit.auth.ApiPrincipal;

/**
 * What a controller tells the audit record of its request, and the Kafka headers that carry the principal on every
 * event ingestion produces (docs/security.md, "Audit"). The {@link AuditFilter} writes the record.
 */
public final class Audit {
    private Audit() {}

    /** Request attribute: the request id (the caller's {@code X-Request-Id} when well formed, else drawn). */
    public static final String REQUEST_ID_ATTRIBUTE = "medassist.audit.request-id";
    /** Request attribute: the raw personIds the request wrote or read (hashed before they are written anywhere). */
    public static final String PERSONS_ATTRIBUTE = "medassist.audit.persons";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** Kafka record header: the principal that sent the event, {@code <kind>:<name>} (e.g. {@code hospital:H01}). */
    public static final String PRINCIPAL_HEADER = "medassist-principal";
    /** Kafka record header: the configuration entry (label) of the principal's token. */
    public static final String PRINCIPAL_LABEL_HEADER = "medassist-principal-label";
    /** Kafka record header: the request id of the HTTP request that produced the event (as in the audit log). */
    public static final String REQUEST_ID_KAFKA_HEADER = "medassist-request-id";

    /** Notes that the request concerns {@code personId}. */
    public static void person(HttpRequest<?> request, String personId) {
        if (personId != null) persons(request).add(personId);
    }

    /** Notes that the request concerns each of {@code personIds}. */
    public static void persons(HttpRequest<?> request, Collection<String> personIds) {
        Set<String> s = persons(request);
        for (String p : personIds) if (p != null) s.add(p);
    }

    @SuppressWarnings("unchecked")
    static Set<String> persons(HttpRequest<?> request) {
        Optional<Set> existing = request.getAttribute(PERSONS_ATTRIBUTE, Set.class);
        if (existing.isPresent()) return existing.get();
        Set<String> s = new LinkedHashSet<>();
        request.setAttribute(PERSONS_ATTRIBUTE, s);
        return s;
    }

    /** The request's id (set by the {@link AuditFilter}); {@code -} when there is none. */
    public static String requestId(HttpRequest<?> request) {
        return request.getAttribute(REQUEST_ID_ATTRIBUTE, String.class).orElse("-");
    }

    /** Adds the principal and request headers to a record's headers. */
    public static void addHeaders(Headers headers, ApiPrincipal principal, String requestId) {
        headers.add(PRINCIPAL_HEADER, principal.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        headers.add(PRINCIPAL_LABEL_HEADER, principal.label().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (requestId != null) headers.add(REQUEST_ID_KAFKA_HEADER, requestId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
