package org.medassist.kit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medassist.kit.log.PersonIdHashFactory;

/**
 * A service context outside the {@code dev} environment refuses to start with a development token, a plain-text
 * token, or without a long enough personId hash key, and says which entry (docs/security.md).
 */
class StartupRefusalTest {
    static final String KEY = "startup-test-person-id-key-0123456789ab";

    static Map<String, Object> base() {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.application.name", "kit-startup-test");
        p.put("medassist.kafka.ensure-topics", false);
        p.put("medassist.kafka.bootstrap-servers", "127.0.0.1:1");
        p.put("medassist.log.person-id-key", KEY);
        return p;
    }

    static void principal(Map<String, Object> p, String label, String field, String token) {
        p.put("medassist.auth.principals." + label + ".kind", "admin");
        p.put("medassist.auth.principals." + label + ".name", "ops");
        p.put("medassist.auth.principals." + label + ".regions", "*");
        p.put("medassist.auth.principals." + label + "." + field, token);
    }

    static String startFailure(Map<String, Object> p) {
        Throwable e = assertThrows(RuntimeException.class, () -> ApplicationContext.run(p).close());
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) all.append(t.getMessage()).append('\n');
        return all.toString();
    }

    @Test
    void aDevelopmentTokenOutsideDevStopsTheStart() {
        Map<String, Object> p = base();
        principal(p, "dev-admin", "token", "dev-only-admin-token");
        assertTrue(startFailure(p).contains("medassist.auth.principals.dev-admin.token is a development-only token"));
    }

    @Test
    void aPlainTokenOutsideDevStopsTheStart() {
        Map<String, Object> p = base();
        principal(p, "ops", "token", "not-hashed");
        assertTrue(startFailure(p).contains("medassist.auth.principals.ops.token: a plain-text token is accepted only in the dev environment"));
    }

    @Test
    void inDevTheDevelopmentTokensAreTaken() {
        Map<String, Object> p = base();
        p.remove("medassist.log.person-id-key");
        principal(p, "dev-admin", "token", "dev-only-admin-token");
        try (ApplicationContext ctx = ApplicationContext.builder().environments("dev").properties(p).start()) {
            assertEquals("dev-admin", ctx.getBean(TokenAuthenticator.class).authenticate("Bearer dev-only-admin-token").orElseThrow().label());
        }
    }

    @Test
    void outsideDevTheHashKeyIsRequiredAndLongEnough() {
        Map<String, Object> p = base();
        principal(p, "ops", "token-sha256", TokenAuthenticator.sha256("x"));
        p.remove("medassist.log.person-id-key");
        assertTrue(startFailure(p).contains(PersonIdHashFactory.KEY_PROPERTY + " is not set"));
        p.put("medassist.log.person-id-key", "short");
        assertTrue(startFailure(p).contains(PersonIdHashFactory.KEY_PROPERTY + " is 5 characters long; it must have at least 32"));
    }
}
