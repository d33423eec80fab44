package org.medassist.kit.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.MutableHttpResponse;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.medassist.kit.http.ApiErrors;
import org.medassist.kit.http.EventBatch;
import org.medassist.kit.http.EventBatch.Problem;

/**
 * The scope rules both services share (docs/security.md, "Principals and scopes"): which kinds may read persons and
 * claims, and the region of every event and read within the principal's {@code regions}. Each refusal is a 403 with
 * the reason in the {@link ApiErrors} form.
 */
public final class Scopes {
    private Scopes() {}

    /** The kinds that read persons and claims by region: readers, agencies, administrators. */
    public static final Set<PrincipalKind> REGION_READERS = EnumSet.of(PrincipalKind.READER, PrincipalKind.AGENCY, PrincipalKind.ADMIN);

    /** 403 when the principal's kind may not read persons; null when it may (then by region). */
    public static MutableHttpResponse<String> personReadRefusal(ApiPrincipal p) {
        if (REGION_READERS.contains(p.kind())) return null;
        return ApiErrors.forbidden(p.kind().configName() + " tokens may not read persons; readers, agencies and "
                + "administrators read the persons of their regions");
    }

    /**
     * 403 when none of the regions the person has data in is one of the principal's; null when one is. The message
     * names the principal's regions, not the person's.
     */
    public static MutableHttpResponse<String> personRegionRefusal(ApiPrincipal p, Collection<String> personRegions) {
        if (p.servesAny(personRegions)) return null;
        return ApiErrors.forbidden("this person has no data in the regions this token may read (" + p.regionsText() + ")");
    }

    /** The regions of {@code regions} the principal serves, in order. */
    public static List<String> served(ApiPrincipal p, Collection<String> regions) {
        return regions.stream().filter(p::serves).toList();
    }

    /** A forbidden problem when the event names a region the principal does not act for; null otherwise. */
    public static Problem regionProblem(ApiPrincipal p, int index, String id, JsonNode event) {
        String region = EventBatch.text(event.get("region"));
        if (region == null || p.serves(region)) return null; // a missing region is the validation's to report
        return new Problem(index, id, "region", "this token acts for " + p.regionsText() + " and cannot send events of region " + region);
    }

    /** {@code regions} sorted, for messages. */
    public static String text(Collection<String> regions) { return new TreeSet<>(regions).toString(); }
}
