package org.medassist.kit.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;
import java.util.Optional;
import org.medassist.kit.http.ApiErrors;

/**
 * Authenticates every request under {@code medassist.auth.protected-paths} (default {@code /v1/}) by its bearer
 * token: a missing or unknown token is answered 401 with a JSON body and {@code WWW-Authenticate: Bearer}; a known
 * one puts its {@link ApiPrincipal} in the request. Authorization (which principal may do what) is the
 * controller's: see {@link ApiErrors#forbidden}. Health and metrics endpoints are outside {@code /v1/} and open.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class BearerTokenFilter implements Ordered {
    private final TokenAuthenticator authenticator;
    private final List<String> protectedPaths;

    public BearerTokenFilter(TokenAuthenticator authenticator,
                             @Value("${medassist.auth.protected-paths:/v1/}") List<String> protectedPaths) {
        this.authenticator = authenticator;
        this.protectedPaths = List.copyOf(protectedPaths);
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        String path = request.getPath();
        if (protectedPaths.stream().noneMatch(path::startsWith)) return null;
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        Optional<ApiPrincipal> principal = authenticator.authenticate(header);
        if (principal.isEmpty()) {
            String message = header == null ? "missing bearer token (Authorization: Bearer <token>)" : "unknown bearer token";
            return ApiErrors.of(HttpStatus.UNAUTHORIZED, "unauthorized", message)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"medassist\"");
        }
        request.setAttribute(ApiPrincipal.ATTRIBUTE, principal.get());
        return null;
    }

    @Override
    public int getOrder() { return HIGHEST_PRECEDENCE + 100; }
}
