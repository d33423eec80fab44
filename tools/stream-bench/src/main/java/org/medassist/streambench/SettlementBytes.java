package org.medassist.streambench;

import java.nio.charset.StandardCharsets;

/**
 * Reads the claimId and status of a {@code Settlement} record straight from its bytes (the Confluent wire format:
 * magic byte, 4-byte schema id, Avro binary), without decoding the whole record: the benchmark's reader keeps up
 * with the stream on a shared machine. The fields read are the first six of the contract's {@code Settlement}:
 * settlementId, claimId (null or string), personId, region, year, status.
 */
final class SettlementBytes {
    /** The status symbols in schema order. */
    static final String[] STATUS = {"settled", "adjustment", "reversed", "parked", "rejected"};

    private final byte[] b;
    private int pos;

    private SettlementBytes(byte[] b) {
        this.b = b;
        this.pos = 5;
    }

    /** claimId (or null) and status index of a settlement. */
    record Head(String claimId, int status) {}

    static Head read(byte[] value) {
        if (value == null || value.length < 6 || value[0] != 0) throw new IllegalArgumentException("not a settlement record");
        SettlementBytes r = new SettlementBytes(value);
        r.skipString();                                   // settlementId
        String claimId = r.varlong() == 0 ? null : r.string();
        r.skipString();                                   // personId
        r.skipString();                                   // region
        r.varlong();                                      // year
        int status = (int) r.varlong();
        if (status < 0 || status >= STATUS.length) throw new IllegalArgumentException("status " + status);
        return new Head(claimId, status);
    }

    private long varlong() {
        long raw = 0;
        int shift = 0;
        while (true) {
            int x = b[pos++] & 0xff;
            raw |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) break;
            shift += 7;
        }
        return (raw >>> 1) ^ -(raw & 1);
    }

    private void skipString() {
        int n = (int) varlong();
        pos += n;
    }

    private String string() {
        int n = (int) varlong();
        String s = new String(b, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }
}
