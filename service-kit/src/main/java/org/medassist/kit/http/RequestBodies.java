package org.medassist.kit.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Request bodies are UTF-8 JSON (docs/api.md). Read as bytes and decoded here, strictly: a byte sequence that is not
 * UTF-8 (a stray 0xFF, an overlong form, an encoded surrogate) is refused with where it is, never replaced with
 * U+FFFD, so an id is never stored as another text than the one sent, and two different invalid ids never become
 * one. A body declared in another charset is refused the same way, not read as UTF-8 regardless. A leading byte order
 * mark is dropped.
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
        out.flip();
        // a byte order mark is no part of the JSON (RFC 8259 lets a reader ignore it), as replay skips it in a file
        if (out.hasRemaining() && out.charAt(0) == '\uFEFF') out.position(1);
        return out.toString();
    }

    /**
     * Why the request's declared charset rules the body out (415), or null when it declares none, UTF-8 under any of its
     * names, or US-ASCII (a subset of UTF-8). The parameter's name is matched in any case ({@code Charset=}, RFC 9110).
     */
    public static String charsetProblem(HttpRequest<?> request) {
        Optional<MediaType> type = request.getContentType();
        if (type.isEmpty()) return null;
        String[] declared = {null};
        type.get().getParameters().forEach((name, value) -> {
            if (name.toString().equalsIgnoreCase("charset")) declared[0] = String.valueOf(value);
        });
        if (declared[0] == null || declared[0].isBlank()) return null;
        String name = declared[0].trim().replace("\"", "");
        Charset charset;
        try {
            charset = Charset.forName(name);
        } catch (RuntimeException e) { // unknown or illegal name
            charset = null;
        }
        if (StandardCharsets.UTF_8.equals(charset) || StandardCharsets.US_ASCII.equals(charset)) return null;
        return "the body must be UTF-8 JSON; this request declares charset=" + org.medassist.schemas.json.EventRules.shown(name);
    }
}
