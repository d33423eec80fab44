package org.medassist.dashboard.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.regex.Pattern;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.kit.auth.Scopes;
import org.medassist.kit.http.ApiErrors;

/**
 * The dashboard's reads are scoped like the other reads of persons (docs/security.md, "Principals and scopes"):
 * readers, agencies and administrators, each for its regions. A {@code region} parameter must be a region of the
 * policy catalog (400) the token serves (403); without one, the answer holds the token's regions only.
 */
final class ReadScope {
    private ReadScope() {}

    private static final Pattern WORD = Pattern.compile("[a-z0-9_./-]{1,120}");

    /** The request's principal, or the refusal to answer with: 401 without one, 403 for a kind that may not read persons. */
    static Object principal(HttpRequest<?> request) {
        ApiPrincipal p = ApiPrincipal.of(request).orElse(null);
        if (p == null) return ApiErrors.of(HttpStatus.UNAUTHORIZED, "unauthorized", "missing bearer token");
        MutableHttpResponse<String> refused = Scopes.personReadRefusal(p);
        return refused != null ? refused : p;
    }

    /** 400 for an unknown region, 403 for one the token does not serve; null when {@code region} is null or allowed. */
    static MutableHttpResponse<String> regionRefusal(ApiPrincipal p, String region, PolicyCatalog catalog) {
        if (region == null) return null;
        if (catalog.get(region) == null) {
            return ApiErrors.of(HttpStatus.BAD_REQUEST, "invalid", "unknown region " + region + "; the regions are " + catalog.regions());
        }
        if (!p.serves(region)) {
            return ApiErrors.forbidden("this token reads " + p.regionsText() + " and cannot read region " + region);
        }
        return null;
    }

    /** 400 when a filter value is not a plain key (rule keys, department names). */
    static MutableHttpResponse<String> keyRefusal(String name, String value) {
        if (value == null || WORD.matcher(value).matches()) return null;
        return ApiErrors.of(HttpStatus.BAD_REQUEST, "invalid", name + " is not a key of the contract: " + value);
    }

    static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
