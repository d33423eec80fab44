package org.medassist.schemas.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/** What a dead letter says about a value that cannot be read: in the record's terms, not the library's. */
class WireFormatDeserializerTest {
    /** A registry answer with an HTTP status, as the Apicurio client throws it. */
    static final class Answer extends com.microsoft.kiota.ApiException {
        Answer(int status) {
            super("registry answered " + status);
            setResponseStatusCode(status);
        }
    }

    private static Deserializer<String> failing(RuntimeException e) {
        return (topic, data) -> { throw e; };
    }

    @Test
    void aValueTooShortForTheWireFormat() {
        var d = new AvroSerdes.WireFormatDeserializer<>(failing(new java.nio.BufferUnderflowException()));
        var e = assertThrows(IllegalArgumentException.class, () -> d.deserialize("t", new byte[0]));
        assertEquals("the value is 0 bytes, too short for the Confluent wire format (a magic byte 0, a 4-byte schema id,"
                + " then the Avro record)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.deserialize("t", new byte[] {0, 0, 0, 1}));
    }

    @Test
    void aValueWithoutTheMagicByte() {
        var d = new AvroSerdes.WireFormatDeserializer<>(failing(new IllegalStateException("Magic byte!")));
        var e = assertThrows(IllegalArgumentException.class, () -> d.deserialize("t", "{\"json\":1}".getBytes()));
        assertEquals("the value starts with 0x7B, not the Confluent wire format's magic byte 0: it is not an Avro record"
                + " of the contract", e.getMessage());
    }

    @Test
    void aSchemaIdTheRegistryDoesNotHave() {
        var d = new AvroSerdes.WireFormatDeserializer<>(failing(new RuntimeException(new Answer(404))));
        var e = assertThrows(IllegalArgumentException.class, () -> d.deserialize("t", new byte[] {0, 0, 0, 0x30, 0x39, 2}));
        assertEquals("schema id 12345 is not found in this schema registry (the producer wrote an id this registry does not have)",
                e.getMessage());
        assertTrue(e.getCause() != null, "the registry's answer is kept");
    }

    /** An unreachable or failing registry is not the record's fault: thrown as it came, to be retried. */
    @Test
    void aRegistryThatFailsIsLeftAsItIs() {
        RuntimeException down = new RuntimeException(new Answer(503));
        var d = new AvroSerdes.WireFormatDeserializer<>(failing(down));
        assertSame(down, assertThrows(RuntimeException.class, () -> d.deserialize("t", new byte[] {0, 0, 0, 0, 1, 2})));
        assertNull(new AvroSerdes.WireFormatDeserializer<String>((t, b) -> null).deserialize("t", null), "a tombstone stays null");
    }
}
