package org.medassist.kit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {
    static TokenEntry entry(String label, String kind, String name, String token, String sha) {
        TokenEntry e = new TokenEntry(label);
        e.setKind(kind);
        e.setName(name);
        e.setToken(token);
        e.setTokenSha256(sha);
        return e;
    }

    @Test
    void mapsBearerTokensToPrincipals() {
        TokenAuthenticator a = new TokenAuthenticator(List.of(
                entry("ca", "department", "civil_affairs", "t1", null),
                entry("h", "HOSPITAL", "H0012", null, TokenAuthenticator.sha256("t2").toUpperCase()),
                entry("ag", "agency", "jiujiang", "t3", null),
                entry("op", "admin", "ops", "t4", null)));
        assertEquals(Optional.of(new ApiPrincipal(PrincipalKind.DEPARTMENT, "civil_affairs", "ca")), a.authenticate("Bearer t1"));
        assertEquals(Optional.of(new ApiPrincipal(PrincipalKind.HOSPITAL, "H0012", "h")), a.authenticate("bearer  t2 "));
        assertEquals(PrincipalKind.AGENCY, a.authenticate("Bearer t3").orElseThrow().kind());
        assertEquals(PrincipalKind.ADMIN, a.authenticate("Bearer t4").orElseThrow().kind());
        assertEquals(Optional.empty(), a.authenticate(null));
        assertEquals(Optional.empty(), a.authenticate("Bearer "));
        assertEquals(Optional.empty(), a.authenticate("Basic dDE6eA=="));
        assertEquals(Optional.empty(), a.authenticate("t1"));
        assertEquals(Optional.empty(), a.authenticate("Bearer T1"));
    }

    @Test
    void refusesBadEntries() {
        assertTrue(assertThrows(IllegalStateException.class, () -> new TokenAuthenticator(List.of(
                entry("x", "minister", "n", "t", null)))).getMessage().contains("medassist.auth.principals.x.kind"));
        assertTrue(assertThrows(IllegalStateException.class, () -> new TokenAuthenticator(List.of(
                entry("x", "department", "health_commission", "t", null)))).getMessage().contains("not a department"));
        assertTrue(assertThrows(IllegalStateException.class, () -> new TokenAuthenticator(List.of(
                entry("x", "hospital", "H1", "t", TokenAuthenticator.sha256("t"))))).getMessage().contains("exactly one"));
        assertTrue(assertThrows(IllegalStateException.class, () -> new TokenAuthenticator(List.of(
                entry("x", "hospital", "H1", null, null)))).getMessage().contains("exactly one"));
        assertTrue(assertThrows(IllegalStateException.class, () -> new TokenAuthenticator(List.of(
                entry("x", "hospital", "H1", null, "abc")))).getMessage().contains("64 hex"));
        assertTrue(assertThrows(IllegalStateException.class, () -> new TokenAuthenticator(List.of(
                entry("x", "hospital", "H1", "same", null), entry("y", "hospital", "H2", "same", null))))
                .getMessage().contains("same token"));
        assertTrue(assertThrows(IllegalStateException.class, () -> new TokenAuthenticator(List.of(
                entry("x", "hospital", " ", "t", null)))).getMessage().contains("name is missing"));
    }
}
