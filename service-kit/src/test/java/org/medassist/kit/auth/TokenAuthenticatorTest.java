package org.medassist.kit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAuthenticatorTest {
    static final TokenAuthenticator.Settings PRODUCTION =
            new TokenAuthenticator.Settings(false, Set.of("jiujiang", "nanjing"), null, Duration.ZERO);

    static TokenEntry entry(String label, String kind, String name, String token, String sha) {
        return entry(label, kind, name, "*", token, sha);
    }

    static TokenEntry entry(String label, String kind, String name, String regions, String token, String sha) {
        TokenEntry e = new TokenEntry(label);
        e.setKind(kind);
        e.setName(name);
        e.setRegions(regions == null ? null : List.of(regions));
        e.setToken(token);
        e.setTokenSha256(sha);
        return e;
    }

    static String failure(TokenAuthenticator.Settings settings, TokenEntry... entries) {
        return assertThrows(IllegalStateException.class, () -> new TokenAuthenticator(List.of(entries), settings)).getMessage();
    }

    @Test
    void mapsBearerTokensToPrincipals() {
        TokenAuthenticator a = new TokenAuthenticator(List.of(
                entry("ca", "department", "civil_affairs", "nanjing", "t1", null),
                entry("h", "HOSPITAL", "H0012", "*", null, TokenAuthenticator.sha256("t2").toUpperCase()),
                entry("ag", "agency", "jiujiang", "jiujiang", "t3", null),
                entry("op", "admin", "ops", "jiujiang, nanjing", "t4", null),
                entry("rd", "reader", "dashboard", "nanjing", "t5", null)));
        assertEquals(Optional.of(new ApiPrincipal(PrincipalKind.DEPARTMENT, "civil_affairs", "ca", Set.of("nanjing"))), a.authenticate("Bearer t1"));
        assertEquals(Optional.of(new ApiPrincipal(PrincipalKind.HOSPITAL, "H0012", "h", Set.of("*"))), a.authenticate("bearer  t2 "));
        assertEquals(PrincipalKind.AGENCY, a.authenticate("Bearer t3").orElseThrow().kind());
        ApiPrincipal admin = a.authenticate("Bearer t4").orElseThrow();
        assertEquals(PrincipalKind.ADMIN, admin.kind());
        assertEquals(Set.of("jiujiang", "nanjing"), admin.regions(), "a comma-separated value (an environment variable) is a list");
        assertTrue(admin.serves("nanjing") && !admin.serves("jiyuan") && !admin.allRegions());
        assertEquals(PrincipalKind.READER, a.authenticate("Bearer t5").orElseThrow().kind());
        assertTrue(a.authenticate("Bearer t2").orElseThrow().serves("anywhere"), "* serves every region");
        assertEquals(Optional.empty(), a.authenticate(null));
        assertEquals(Optional.empty(), a.authenticate("Bearer "));
        assertEquals(Optional.empty(), a.authenticate("Basic dDE6eA=="));
        assertEquals(Optional.empty(), a.authenticate("t1"));
        assertEquals(Optional.empty(), a.authenticate("Bearer T1"));
    }

    @Test
    void refusesBadEntries() {
        TokenAuthenticator.Settings dev = TokenAuthenticator.Settings.development();
        assertTrue(failure(dev, entry("x", "minister", "n", "t", null)).contains("medassist.auth.principals.x.kind"));
        assertTrue(failure(dev, entry("x", "department", "health_commission", "t", null)).contains("not a department"));
        assertTrue(failure(dev, entry("x", "hospital", "H1", "t", TokenAuthenticator.sha256("t"))).contains("exactly one"));
        assertTrue(failure(dev, entry("x", "hospital", "H1", null, null)).contains("exactly one"));
        assertTrue(failure(dev, entry("x", "hospital", "H1", null, "abc")).contains("64 hex"));
        assertTrue(failure(dev, entry("x", "hospital", "H1", "same", null), entry("y", "hospital", "H2", "same", null))
                .contains("medassist.auth.principals.y has the same token as medassist.auth.principals.x"));
        assertTrue(failure(dev, entry("x", "hospital", " ", "t", null)).contains("name is missing"));
    }

    @Test
    void regionsAreRequiredAndKnown() {
        String missing = failure(PRODUCTION, entry("agency-x", "agency", "x", null, null, TokenAuthenticator.sha256("t")));
        assertTrue(missing.startsWith("medassist.auth.principals.agency-x.regions is missing"), missing);
        assertTrue(missing.contains("[jiujiang, nanjing]") && missing.contains("\"*\""), missing);
        String unknown = failure(PRODUCTION, entry("r", "reader", "x", "haibin", null, TokenAuthenticator.sha256("t")));
        assertEquals("medassist.auth.principals.r.regions: haibin is not a region of the policy catalog [jiujiang, nanjing]", unknown);
        assertTrue(failure(PRODUCTION, entry("r", "reader", "x", "*,nanjing", null, TokenAuthenticator.sha256("t")))
                .contains("\"*\" stands alone"));
        assertTrue(failure(TokenAuthenticator.Settings.development(), entry("r", "reader", "x", "Nan Jing", "t", null))
                .contains("not a region key"), "without a catalog the form is still checked");
    }

    @Test
    void outsideDevOnlyHashedTokensAreTaken() {
        String dev = failure(PRODUCTION, entry("dev-admin", "admin", "a", "nanjing", "dev-only-admin-token", null));
        assertTrue(dev.startsWith("medassist.auth.principals.dev-admin.token is a development-only token"), dev);
        assertTrue(dev.contains("dev environment"), dev);
        String plain = failure(PRODUCTION, entry("ops", "admin", "a", "nanjing", "s3cret", null));
        assertTrue(plain.startsWith("medassist.auth.principals.ops.token: a plain-text token is accepted only in the dev environment"), plain);
        assertFalse(plain.contains("s3cret"), "the message never repeats the token");
        TokenAuthenticator ok = new TokenAuthenticator(List.of(
                entry("ops", "admin", "a", "nanjing", null, TokenAuthenticator.sha256("s3cret"))), PRODUCTION);
        assertEquals("ops", ok.authenticate("Bearer s3cret").orElseThrow().label());
        assertEquals(1, new TokenAuthenticator(List.of(entry("dev-admin", "admin", "a", "nanjing", "dev-only-admin-token", null)),
                TokenAuthenticator.Settings.development()).size(), "in dev the development tokens are taken");
    }

    @Test
    void theTokensFileIsReadAgainWhenItChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens.yml");
        Files.writeString(file, """
                principals:
                  nanjing-office:
                    kind: reader
                    name: monitoring-office
                    regions: [nanjing]
                    token-sha256: %s
                """.formatted(TokenAuthenticator.sha256("first")));
        TokenAuthenticator.Settings s = new TokenAuthenticator.Settings(false, Set.of("jiujiang", "nanjing"), file, Duration.ZERO);
        TokenAuthenticator a = new TokenAuthenticator(List.of(
                entry("ops", "admin", "a", "nanjing", null, TokenAuthenticator.sha256("configured"))), s);
        assertEquals(Set.of("nanjing"), a.authenticate("Bearer first").orElseThrow().regions());
        assertTrue(a.authenticate("Bearer configured").isPresent());

        // rotation: the new token works, the old one no longer does, without a restart
        Files.writeString(file, Files.readString(file).replace(TokenAuthenticator.sha256("first"), TokenAuthenticator.sha256("second")));
        assertTrue(a.authenticate("Bearer second").isPresent());
        assertTrue(a.authenticate("Bearer first").isEmpty());
        assertTrue(a.authenticate("Bearer configured").isPresent(), "configured tokens stay");

        // a broken edit is not applied: the previous table stays in force
        Files.writeString(file, "principals:\n  x: {kind: reader, name: n, regions: [haibin], token-sha256: " + TokenAuthenticator.sha256("third") + "}\n");
        assertTrue(a.authenticate("Bearer third").isEmpty());
        assertTrue(a.authenticate("Bearer second").isPresent());

        // a plain-text token in the file is refused outside dev, as in the configuration
        Files.writeString(file, "principals:\n  x: {kind: reader, name: n, regions: [nanjing], token: fourth}\n");
        assertTrue(a.authenticate("Bearer fourth").isEmpty());

        // and at start-up a bad file stops the start, naming the file and the entry
        String m = assertThrows(IllegalStateException.class, () -> new TokenAuthenticator(List.of(), s)).getMessage();
        assertTrue(m.startsWith(file + ": principals.x.token: a plain-text token"), m);
    }
}
