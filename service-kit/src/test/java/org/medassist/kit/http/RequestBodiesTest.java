package org.medassist.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies are UTF-8, strictly: a sequence that is not is refused with where it is, never read as U+FFFD. */
class RequestBodiesTest {
    private static byte[] with(byte... bad) {
        byte[] head = "[{\"claimId\":\"C-".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}]".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(bad, 0, out, head.length, bad.length);
        System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
        return out;
    }

    @Test
    void textInEveryPlaneIsReadAsSent() throws Exception {
        String text = "[{\"claimId\":\"医保-\u0627\u0644-\ud83d\ude91-é\"}]";
        assertEquals(text, RequestBodies.utf8(text.getBytes(StandardCharsets.UTF_8)));
        assertNull(RequestBodies.utf8(null));
        assertEquals("", RequestBodies.utf8(new byte[0]));
    }

    @Test
    void aStrayByteIsRefusedWithWhereItIs() {
        var e = assertThrows(RequestBodies.NotUtf8.class, () -> RequestBodies.utf8(with((byte) 0xff, (byte) 0xfe)));
        assertEquals("the body is not UTF-8: 0xFF at byte 15 is not a UTF-8 sequence", e.getMessage());
    }

    /** Overlong forms, encoded surrogates (CESU-8), a cut sequence, a continuation byte alone, beyond U+10FFFF. */
    @ParameterizedTest
    @ValueSource(strings = {"c0af", "e080af", "eda080", "edbfbf", "e4b8", "80", "f4908080", "f8888080"})
    void everyMalformedFormIsRefused(String hex) {
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        var e = assertThrows(RequestBodies.NotUtf8.class, () -> RequestBodies.utf8(with(bad)));
        assertTrue(e.getMessage().startsWith("the body is not UTF-8: 0x"), e.getMessage());
        assertTrue(e.getMessage().contains(" at byte 15 "), e.getMessage());
    }

    @Test
    void aCutSequenceAtTheEndIsRefused() {
        byte[] cut = java.util.Arrays.copyOf("[\"医".getBytes(StandardCharsets.UTF_8), 3);
        assertThrows(RequestBodies.NotUtf8.class, () -> RequestBodies.utf8(cut));
    }

    @Test
    void onlyUtf8MayBeDeclared() {
        assertNull(RequestBodies.charsetProblem(HttpRequest.POST("/", "").contentType("application/json")));
        assertNull(RequestBodies.charsetProblem(HttpRequest.POST("/", "").contentType("application/json; charset=utf-8")));
        assertNull(RequestBodies.charsetProblem(HttpRequest.POST("/", "").contentType("application/json;charset=\"UTF-8\"")));
        assertNull(RequestBodies.charsetProblem(HttpRequest.POST("/", "")));
        assertEquals("the body must be UTF-8 JSON; this request declares charset=ISO-8859-1",
                RequestBodies.charsetProblem(HttpRequest.POST("/", "").contentType("application/json; charset=ISO-8859-1")));
        assertTrue(RequestBodies.charsetProblem(HttpRequest.POST("/", "").contentType("application/json; charset=UTF-16")) != null);
        // the parameter's name in any case; UTF-8 under its other names; US-ASCII, a subset of UTF-8
        assertEquals("the body must be UTF-8 JSON; this request declares charset=ISO-8859-1",
                RequestBodies.charsetProblem(HttpRequest.POST("/", "").contentType("application/json; Charset=ISO-8859-1")));
        assertTrue(RequestBodies.charsetProblem(HttpRequest.POST("/", "").contentType("application/json; CHARSET=latin1")) != null);
        assertNull(RequestBodies.charsetProblem(HttpRequest.POST("/", "").contentType("application/json; charset=us-ascii")));
        assertNull(RequestBodies.charsetProblem(HttpRequest.POST("/", "").contentType("application/json; CharSet=UTF8")));
        assertTrue(RequestBodies.charsetProblem(HttpRequest.POST("/", "").contentType("application/json; charset=no-such-set")) != null);
    }

    @Test
    void aByteOrderMarkIsDropped() throws Exception {
        assertEquals("[]", RequestBodies.utf8("\uFEFF[]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("[\uFEFF]", RequestBodies.utf8("[\uFEFF]".getBytes(StandardCharsets.UTF_8)), "only a leading one");
    }
}
