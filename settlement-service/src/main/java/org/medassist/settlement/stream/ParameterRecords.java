package org.medassist.settlement.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the global parameter store holds per key: the last record's source offset and its raw value (null for a
 * tombstone), so the settle processor can answer every record once and name it by its offset in a dead letter.
 */
public final class ParameterRecords {
    private ParameterRecords() {}

    /** A stored record: its offset on policy-parameters and its value as produced (null: a tombstone). */
    public record Stored(long offset, byte[] value) {}

    static byte[] write(long offset, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(9 + (value == null ? 0 : value.length)).putLong(offset).put((byte) (value == null ? 0 : 1));
        if (value != null) b.put(value);
        return b.array();
    }

    public static Stored read(byte[] stored) {
        ByteBuffer b = ByteBuffer.wrap(stored);
        long offset = b.getLong();
        return new Stored(offset, b.get() == 0 ? null : Arrays.copyOfRange(stored, 9, stored.length));
    }
}
