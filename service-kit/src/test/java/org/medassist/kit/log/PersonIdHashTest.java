package org.medassist.kit.log;

import org.medassist.schemas.PersonIdHash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PersonIdHashTest {
    @Test
    void isTheTruncatedHmacOfThePersonId() throws Exception {
        PersonIdHash h = PersonIdHash.withKey("secret");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String full = HexFormat.of().formatHex(mac.doFinal("P-0001".getBytes(StandardCharsets.UTF_8)));
        assertEquals(full.substring(0, 16), h.of("P-0001"));
        assertEquals(h.of("P-0001"), PersonIdHash.withKey("secret").of("P-0001"), "stable under one key");
        assertNotEquals(h.of("P-0001"), PersonIdHash.withKey("other").of("P-0001"), "keyed");
        assertNotEquals(h.of("P-0001"), h.of("P-0002"));
        assertTrue(h.of("P-0001").matches("[0-9a-f]{16}"));
        assertFalse(h.of("P-0001").contains("0001"));
        assertEquals("-", h.of(null));
        assertFalse(h.isRandomKey());
    }

    @Test
    void randomKeysDiffer() {
        PersonIdHash a = PersonIdHash.randomKey();
        assertTrue(a.isRandomKey());
        assertNotEquals(a.of("P-1"), PersonIdHash.randomKey().of("P-1"));
    }
}
