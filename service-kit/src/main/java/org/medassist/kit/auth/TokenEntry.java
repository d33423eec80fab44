package org.medassist.kit.auth;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * One configured bearer token, {@code medassist.auth.principals.<label>.*}:
 *
 * <pre>
 * medassist:
 *   auth:
 *     principals:
 *       civil-affairs-nanjing:       # the label: any name, shown in logs instead of the token
 *         kind: department           # department | hospital | agency | admin
 *         name: civil_affairs        # Department symbol, hospitalId, agency id, operator name
 *         token: "..."               # the bearer token itself, or instead:
 *         token-sha256: "..."        # its SHA-256 in hex, so the configuration never holds the token
 * </pre>
 */
@EachProperty(TokenEntry.PREFIX)
public class TokenEntry {
    public static final String PREFIX = "medassist.auth.principals";

    private final String label;
    private String kind;
    private String name;
    private String token;
    private String tokenSha256;

    public TokenEntry(@Parameter String label) {
        this.label = label;
    }

    public String getLabel() { return label; }

    public String getKind() { return kind; }

    public void setKind(String kind) { this.kind = kind; }

    public String getName() { return name; }

    public void setName(String name) { this.name = name; }

    public String getToken() { return token; }

    public void setToken(String token) { this.token = token; }

    public String getTokenSha256() { return tokenSha256; }

    public void setTokenSha256(String tokenSha256) { this.tokenSha256 = tokenSha256; }
}
