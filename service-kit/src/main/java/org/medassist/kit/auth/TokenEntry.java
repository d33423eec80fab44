package org.medassist.kit.auth;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.util.List;

/**
 * One configured bearer token, {@code medassist.auth.principals.<label>.*}:
 *
 * <pre>
 * medassist:
 *   auth:
 *     principals:
 *       civil-affairs-nanjing:       # the label: any name, shown in logs instead of the token
 *         kind: department           # department | hospital | agency | admin | reader
 *         name: civil_affairs        # Department symbol, hospitalId, agency id, operator name
 *         regions: [nanjing]         # the regions it acts for; "*" for all, only when meant
 *         token-sha256: "..."        # the SHA-256 of the token in hex: the configuration never holds the token
 *         token: "..."               # the token itself: the dev environment only
 * </pre>
 *
 * Same form in the tokens file ({@code medassist.auth.tokens-file}, under {@code principals:}). docs/security.md.
 */
@EachProperty(TokenEntry.PREFIX)
public class TokenEntry {
    public static final String PREFIX = "medassist.auth.principals";

    private final String label;
    private String kind;
    private List<String> regions;
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

    public List<String> getRegions() { return regions; }

    public void setRegions(List<String> regions) { this.regions = regions; }

    public String getToken() { return token; }

    public void setToken(String token) { this.token = token; }

    public String getTokenSha256() { return tokenSha256; }

    public void setTokenSha256(String tokenSha256) { this.tokenSha256 = tokenSha256; }
}
