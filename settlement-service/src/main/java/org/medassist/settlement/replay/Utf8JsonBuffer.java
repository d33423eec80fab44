package org.medassist.settlement.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON text written as UTF-8 straight into a byte buffer in front of an output stream: no {@code Writer}, no char
 * buffer encoded afterwards. Strings are escaped as the contract's codec escapes them ({@code EventJson.write}: quote,
 * back-slash, control characters as the short escapes b, t, n, f, r or as u00XX; everything else as it is) and encoded
 * as {@code String.getBytes(UTF_8)} encodes them: a surrogate pair as one four-byte character, an unpaired surrogate
 * as {@code ?} (what a record of the codec's text becomes in UTF-8). Not thread-safe; one per replay.
 */
final class Utf8JsonBuffer {
    /** Room kept free for one character's worst case (a six-byte escape) and a little more. */
    private static final int SLACK = 16;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For ASCII: 0 written as it is, else the escape's letter ('u' for the u00XX form). */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) ESCAPE[c] = 'u';
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\f'] = 'f';
        ESCAPE['\r'] = 'r';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
    }

    private final OutputStream out;
    private final byte[] buf;
    private final int limit;
    private int pos;
    private char[] chars = new char[256];

    Utf8JsonBuffer(OutputStream out, int size) {
        this.out = out;
        this.buf = new byte[Math.max(size, 256)];
        this.limit = buf.length - SLACK;
    }

    /** Bytes already encoded (ASCII names, punctuation), copied as they are. */
    void raw(byte[] b) {
        int n = b.length;
        if (pos + n > limit) {
            drain();
            if (n > limit) {
                write(b, 0, n);
                return;
            }
        }
        System.arraycopy(b, 0, buf, pos, n);
        pos += n;
    }

    void raw(char ascii) {
        if (pos > limit) drain();
        buf[pos++] = (byte) ascii;
    }

    /** ASCII characters (digits, dates, yuan) copied as bytes. */
    void ascii(char[] c, int off, int len) {
        if (pos + len > limit) drain();
        if (len > limit) {
            for (int k = 0; k < len; k++) raw(c[off + k]);
            return;
        }
        byte[] b = buf;
        int p = pos;
        for (int k = 0; k < len; k++) b[p++] = (byte) c[off + k];
        pos = p;
    }

    /** A decimal integer. */
    void number(long v) {
        if (pos > limit - 20) drain();
        if (v == Long.MIN_VALUE) {
            raw(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) digits++;
        int p = pos + digits;
        pos = p;
        do {
            buf[--p] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
    }

    /** A JSON string: quoted, escaped and encoded. */
    void string(String s) {
        int n = s.length();
        s.getChars(0, n, room(n), 0);
        string(chars, 0, n);
    }

    /** A JSON string of a builder's characters. */
    void string(StringBuilder s) {
        int n = s.length();
        s.getChars(0, n, room(n), 0);
        string(chars, 0, n);
    }

    /** A builder's characters as a string's inside (no quotes), escaped and encoded as {@link #text} does. */
    void text(StringBuilder s) {
        int n = s.length();
        if (n == 0) return;
        s.getChars(0, n, room(n), 0);
        text(chars, 0, n);
    }

    /** The character scratch array, grown to hold at least {@code n} (a text is copied out of its String once). */
    private char[] room(int n) {
        if (n > chars.length) chars = new char[Math.max(n, 2 * chars.length)];
        return chars;
    }

    /** The bytes {@link #text} writes for {@code s}, for a text written often and copied with {@link #raw(byte[])}. */
    static byte[] encodedText(String s) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(3 * s.length() + 16);
        Utf8JsonBuffer b = new Utf8JsonBuffer(bytes, 256);
        char[] c = s.toCharArray();
        b.text(c, 0, c.length);
        b.drain();
        return bytes.toByteArray();
    }

    /** A JSON string of the characters {@code c[off, off + len)}. */
    void string(char[] c, int off, int len) {
        raw('"');
        text(c, off, len);
        raw('"');
    }

    /** Text without quotes (a string's inside): escaped where JSON needs it, encoded as above. */
    void text(char[] c, int off, int len) {
        int end = off + len;
        int k = off;
        while (k < end) {
            // as many characters as surely fit (six bytes each at most), then room is made
            int room = (limit - pos) / 6;
            if (room <= 0) {
                drain();
                continue;
            }
            pos = encode(c, k, Math.min(end, k + room), end, pos);
            k = encodedTo;
        }
    }

    /** Where the last {@link #encode} stopped: its {@code to}, or one more when a pair began at {@code to - 1}. */
    private int encodedTo;

    /**
     * Encodes {@code c[from, to)} at {@code p} without checking room (the caller made it: six bytes a character, and
     * a pair's low half that lies past {@code to}, before {@code end}, is taken with its high half within the same
     * six bytes). Returns the position after; sets {@link #encodedTo}.
     */
    private int encode(char[] c, int from, int to, int end, int p) {
        byte[] b = buf;
        int k = from;
        for (; k < to; k++) {
            char ch = c[k];
            if (ch < 0x80) {
                byte e = ESCAPE[ch];
                if (e == 0) {
                    b[p++] = (byte) ch;
                } else {
                    b[p++] = '\\';
                    b[p++] = e;
                    if (e == 'u') {
                        b[p++] = '0';
                        b[p++] = '0';
                        b[p++] = HEX[ch >> 4];
                        b[p++] = HEX[ch & 0xF];
                    }
                }
            } else if (ch < 0x800) {
                b[p++] = (byte) (0xC0 | (ch >> 6));
                b[p++] = (byte) (0x80 | (ch & 0x3F));
            } else if (!Character.isSurrogate(ch)) {
                b[p++] = (byte) (0xE0 | (ch >> 12));
                b[p++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (ch & 0x3F));
            } else if (Character.isHighSurrogate(ch) && k + 1 < end && Character.isLowSurrogate(c[k + 1])) {
                int cp = Character.toCodePoint(ch, c[++k]);
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[p++] = '?'; // an unpaired surrogate, as String.getBytes(UTF_8) writes it
            }
        }
        encodedTo = k;
        return p;
    }

    /** A whole line that is JSON already (the codec's), as String.getBytes(UTF_8) encodes it, and a line break. */
    void line(String json) {
        raw(json.getBytes(StandardCharsets.UTF_8));
        raw('\n');
    }

    /** Writes out what is buffered (not flushing the stream). */
    private void drain() {
        if (pos == 0) return;
        write(buf, 0, pos);
        pos = 0;
    }

    private void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes out what is buffered and flushes the stream. */
    void flush() {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
