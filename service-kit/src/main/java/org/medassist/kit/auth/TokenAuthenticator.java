package org.medassist.kit.auth;

import io.micronaut.context.annotation.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.medassist.events.Department;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps bearer tokens to principals, from the {@link TokenEntry} configuration. Tokens are compared by their SHA-256,
 * so the table never holds a configured {@code token-sha256}'s token. A department token must name a
 * {@link Department}; start-up fails on a bad entry or on two entries with the same token.
 */
@Context // built at start-up, so a bad token entry stops the start
public class TokenAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticator.class);
    private static final String BEARER = "bearer ";

    private final Map<String, ApiPrincipal> byTokenHash;

    public TokenAuthenticator(List<TokenEntry> entries) {
        Map<String, ApiPrincipal> m = new HashMap<>();
        for (TokenEntry e : entries) {
            String where = TokenEntry.PREFIX + "." + e.getLabel();
            PrincipalKind kind;
            try {
                kind = PrincipalKind.parse(e.getKind());
            } catch (IllegalArgumentException ex) {
                throw new IllegalStateException(where + ".kind: " + ex.getMessage());
            }
            if (e.getName() == null || e.getName().isBlank()) throw new IllegalStateException(where + ".name is missing");
            String name = e.getName().trim();
            if (kind == PrincipalKind.DEPARTMENT) {
                try {
                    Department.valueOf(name);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalStateException(where + ".name: " + name + " is not a department (one of "
                            + List.of(Department.values()) + ")");
                }
            }
            boolean plain = e.getToken() != null && !e.getToken().isBlank();
            boolean hashed = e.getTokenSha256() != null && !e.getTokenSha256().isBlank();
            if (plain == hashed) throw new IllegalStateException(where + ": set exactly one of token and token-sha256");
            String hash = plain ? sha256(e.getToken()) : e.getTokenSha256().trim().toLowerCase(Locale.ROOT);
            if (!hash.matches("[0-9a-f]{64}")) throw new IllegalStateException(where + ".token-sha256 is not 64 hex digits");
            ApiPrincipal previous = m.put(hash, new ApiPrincipal(kind, name, e.getLabel()));
            if (previous != null) {
                throw new IllegalStateException(where + " has the same token as " + TokenEntry.PREFIX + "." + previous.label());
            }
        }
        this.byTokenHash = Map.copyOf(m);
        if (byTokenHash.isEmpty()) LOG.warn("No bearer tokens configured ({}.*): every protected request gets 401", TokenEntry.PREFIX);
        else LOG.info("{} bearer tokens configured", byTokenHash.size());
    }

    /** The principal of an {@code Authorization: Bearer <token>} header value; empty when missing or unknown. */
    public Optional<ApiPrincipal> authenticate(String authorizationHeader) {
        if (authorizationHeader == null) return Optional.empty();
        String h = authorizationHeader.trim();
        if (h.length() <= BEARER.length() || !h.regionMatches(true, 0, BEARER, 0, BEARER.length())) return Optional.empty();
        String token = h.substring(BEARER.length()).trim();
        if (token.isEmpty()) return Optional.empty();
        return Optional.ofNullable(byTokenHash.get(sha256(token)));
    }

    public int size() { return byTokenHash.size(); }

    /** SHA-256 of the token's UTF-8 bytes in lower-case hex: what {@code token-sha256} holds. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
