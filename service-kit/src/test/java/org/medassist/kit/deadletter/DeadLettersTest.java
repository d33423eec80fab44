package org.medassist.kit.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.medassist.events.DeadLetter;
import org.medassist.kit.kafka.PlainAvroSerde;

class DeadLettersTest {
    private final DeadLetters letters = new DeadLetters("svc", Clock.fixed(Instant.parse("2024-05-06T07:08:09Z"), ZoneOffset.UTC));

    @Test
    void carriesTheRawRecordAndWhereItCameFrom() {
        byte[] value = {1, 2, 3};
        DeadLetter d = letters.letter("claims", 4, 99L, "P-1".getBytes(), value, "bad");
        value[0] = 9; // the letter keeps a copy
        assertEquals("claims", d.getSourceTopic());
        assertEquals(4, d.getPartition());
        assertEquals(99L, d.getOffset());
        assertEquals(ByteBuffer.wrap("P-1".getBytes()), d.getKey());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), d.getValue());
        assertEquals("bad", d.getReason());
        assertEquals("svc", d.getService());
        assertEquals(Instant.parse("2024-05-06T07:08:09Z"), d.getFailedAt());
        DeadLetter back = PlainAvroSerde.of(DeadLetter.class).deserializer()
                .deserialize("t", PlainAvroSerde.of(DeadLetter.class).serializer().serialize("t", d));
        assertEquals(d, back);
    }

    @Test
    void nullBytesAndLongOrMissingReasons() {
        DeadLetter d = letters.letter("t", 0, 0, null, null, "x".repeat(5000));
        assertNull(d.getKey());
        assertNull(d.getValue());
        assertEquals(DeadLetters.MAX_REASON, d.getReason().length());
        assertEquals("unknown reason", letters.letter("t", 0, 0, null, null, " ").getReason());
        String described = DeadLetters.describe(new IllegalStateException("outer", new java.io.IOException("inner")));
        assertTrue(described.contains("IllegalStateException: outer") && described.contains("IOException: inner"), described);
    }
}
