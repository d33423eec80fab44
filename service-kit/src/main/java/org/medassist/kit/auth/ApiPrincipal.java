package org.medassist.kit.auth;

import io.micronaut.http.HttpRequest;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The authenticated caller of a request: what kind of party it is, its name (a department such as
 * {@code civil_affairs}, a {@code hospitalId}, an agency id, an operator) and the regions it acts for.
 * {@code label} is the configuration entry the token came from, for logs and audit records. The
 * {@link BearerTokenFilter} puts it in the request attribute {@value #ATTRIBUTE}; controllers take it with
 * {@code @RequestAttribute(ApiPrincipal.ATTRIBUTE) ApiPrincipal p}. What each kind may do: docs/security.md.
 *
 * @param regions the region keys this principal acts for, sorted; {@code ["*"]} (only when configured so) for all
 */
public record ApiPrincipal(PrincipalKind kind, String name, String label, Set<String> regions) {
    public static final String ATTRIBUTE = "medassist.principal";
    /** The configured {@code regions} value that means every region. */
    public static final String ALL_REGIONS = "*";

    public ApiPrincipal {
        regions = Set.copyOf(new TreeSet<>(regions));
    }

    public static Optional<ApiPrincipal> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, ApiPrincipal.class);
    }

    public boolean is(PrincipalKind k) { return kind == k; }

    /** Whether the principal was configured with {@code regions: "*"}. */
    public boolean allRegions() { return regions.contains(ALL_REGIONS); }

    /** Whether the principal acts for {@code region}. */
    public boolean serves(String region) { return region != null && (allRegions() || regions.contains(region)); }

    /** Whether the principal acts for at least one of {@code regions}. */
    public boolean servesAny(Collection<String> regions) {
        for (String r : regions) if (serves(r)) return true;
        return false;
    }

    /** The regions for messages: {@code [jiujiang, nanjing]} or {@code *}. */
    public String regionsText() { return allRegions() ? ALL_REGIONS : new TreeSet<>(regions).toString(); }

    @Override
    public String toString() { return kind.configName() + ":" + name; }
}
