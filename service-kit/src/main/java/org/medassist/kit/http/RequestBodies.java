package org.medassist.kit.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Request bodies are UTF-8 JSON (docs/api.md). Read as bytes and decoded here, strictly: a byte sequence that is not
 * UTF-8 (a stray 0xFF, an overlong form, an encoded surrogate) is refused with where it is, never replaced with
 * U+FFFD, so an id is never stored as another text than the one sent, and two different invalid ids never become
 * one. A body declared in another charset is refused the same way, not read as UTF-8 regardless.
 */
public final class RequestBodies {
    private RequestBodies() {}

    /** The body is not UTF-8; the message says where. */
    public static final class NotUtf8 extends Exception {
        NotUtf8(String message) {
            super(message, null, false, false);
        }
    }

    /** The body as text, or null when there is none. */
    public static String utf8(byte[] body) throws NotUtf8 {
        if (body == null) return null;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length); // UTF-8 never takes fewer bytes than UTF-16 chars
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            StringBuilder bytes = new StringBuilder();
            for (int i = 0; i < result.length(); i++) bytes.append(i == 0 ? "" : " ").append(String.format("0x%02X", body[at + i] & 0xFF));
            throw new NotUtf8("the body is not UTF-8: " + bytes + " at byte " + at + " is not a UTF-8 sequence");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Why the request's declared charset rules the body out (415), or null when it declares none or UTF-8. */
    public static String charsetProblem(HttpRequest<?> request) {
        Optional<MediaType> type = request.getContentType();
        if (type.isEmpty()) return null;
        String charset = type.get().getParameters().get("charset").orElse(null);
        if (charset == null || charset.isBlank()) return null;
        String name = charset.trim().replace("\"", "");
        if (name.equalsIgnoreCase("utf-8") || name.equalsIgnoreCase("utf8")) return null;
        return "the body must be UTF-8 JSON; this request declares charset=" + org.medassist.schemas.json.EventRules.shown(name);
    }
}
