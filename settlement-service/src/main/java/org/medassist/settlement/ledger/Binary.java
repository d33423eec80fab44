package org.medassist.settlement.ledger;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The compact binary of the stored ledger: unsigned and zig-zag varints, length-prefixed UTF-8 strings, dates as
 * epoch days. A claim's amounts take a few bytes each instead of eight, which keeps a person-year with thousands of
 * claims far below the broker's record size limit (docs/reliability.md, limits).
 */
final class Binary {
    private Binary() {}

    /** A growable output buffer. */
    static final class Out {
        private byte[] buf = new byte[256];
        private int len;

        int size() { return len; }

        byte[] toBytes() { return Arrays.copyOf(buf, len); }

        private void ensure(int extra) {
            if (len + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }

        Out b(int v) {
            ensure(1);
            buf[len++] = (byte) v;
            return this;
        }

        Out u(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
            return this;
        }

        Out z(long v) { return u((v << 1) ^ (v >> 63)); }

        Out bool(boolean v) { return b(v ? 1 : 0); }

        Out s(String v) {
            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
            u(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, len, bytes.length);
            len += bytes.length;
            return this;
        }

        /** A string that may be null. */
        Out ns(String v) {
            if (v == null) return u(0);
            u(1);
            return s(v);
        }

        /** A date that may be null. */
        Out d(LocalDate v) { return v == null ? u(0) : u(1).z(v.toEpochDay()); }
    }

    /** Reads what {@link Out} wrote; a truncated or malformed record fails with {@link IllegalStateException}. */
    static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) { this.buf = buf; }

        boolean done() { return pos == buf.length; }

        int b() {
            if (pos >= buf.length) throw new IllegalStateException("stored ledger record is truncated");
            return buf[pos++] & 0xFF;
        }

        long u() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = b();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) return v;
            }
            throw new IllegalStateException("stored ledger record has a malformed number");
        }

        int ui() { return Math.toIntExact(u()); }

        long z() {
            long v = u();
            return (v >>> 1) ^ -(v & 1);
        }

        boolean bool() { return b() != 0; }

        String s() {
            int n = ui();
            if (n > buf.length - pos) throw new IllegalStateException("stored ledger record is truncated");
            String v = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return v;
        }

        String ns() { return u() == 0 ? null : s(); }

        LocalDate d() { return u() == 0 ? null : LocalDate.ofEpochDay(z()); }
    }
}
