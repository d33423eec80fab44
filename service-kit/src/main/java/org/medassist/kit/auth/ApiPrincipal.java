package org.medassist.kit.auth;

import io.micronaut.http.HttpRequest;
import java.util.Optional;

/**
 * The authenticated caller of a request: what kind of party it is and its name (a department such as
 * {@code civil_affairs}, a {@code hospitalId}, an agency id, an operator). {@code label} is the configuration entry
 * the token came from, for logs. The {@link BearerTokenFilter} puts it in the request attribute
 * {@value #ATTRIBUTE}; controllers take it with {@code @RequestAttribute(ApiPrincipal.ATTRIBUTE) ApiPrincipal p}.
 */
public record ApiPrincipal(PrincipalKind kind, String name, String label) {
    public static final String ATTRIBUTE = "medassist.principal";

    public static Optional<ApiPrincipal> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, ApiPrincipal.class);
    }

    public boolean is(PrincipalKind k) { return kind == k; }

    @Override
    public String toString() { return kind.configName() + ":" + name; }
}
