package org.medassist.settlement.stream;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.medassist.events.Alert;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.DeadLetter;
import org.medassist.events.Parameter;
import org.medassist.events.PersonEligibility;
import org.medassist.events.Settlement;
import org.medassist.events.YearClose;
import org.medassist.events.IdentityEvent;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipRequest;
import org.medassist.schemas.kafka.Topic;
import org.medassist.schemas.kafka.TopicSerdes;

/**
 * Registry-free serdes for TopologyTestDriver: Avro binary behind a one-byte type tag (standing in for the
 * registry's schema id), so records reach the processor unvalidated, as from a direct Avro producer.
 */
final class TaggedAvroSerdes implements TopicSerdes {
    static final List<Class<? extends SpecificRecordBase>> TYPES = List.of(Claim.class, ClaimReversal.class,
            Application.class, YearClose.class, PersonEligibility.class, Parameter.class, Settlement.class, Alert.class,
            DeadLetter.class, OwnershipRequest.class, OwnershipAnswer.class, IdentityEvent.class);

    static byte[] encode(SpecificRecord r) {
        try {
            ByteBuffer body = ((SpecificRecordBase) r).getClass().getMethod("toByteBuffer").invoke(r) instanceof ByteBuffer b ? b : null;
            byte[] out = new byte[1 + body.remaining()];
            out[0] = (byte) TYPES.indexOf(r.getClass());
            body.get(out, 1, body.remaining());
            return out;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static SpecificRecord decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] < 0 || bytes[0] >= TYPES.size()) throw new IllegalArgumentException("unknown type tag");
        try {
            return (SpecificRecord) TYPES.get(bytes[0]).getMethod("fromByteBuffer", ByteBuffer.class)
                    .invoke(null, ByteBuffer.wrap(bytes, 1, bytes.length - 1));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("not a tagged Avro record: " + e.getCause(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> Serde<T> tagged() {
        return Serdes.serdeFrom((topic, v) -> v == null ? null : encode(v), (topic, b) -> b == null ? null : (T) decode(b));
    }

    @Override
    public <V extends SpecificRecord> Serde<V> value(Topic<V> topic) { return tagged(); }

    @Override
    public Deserializer<SpecificRecord> anyValue() { return TaggedAvroSerdes.<SpecificRecord>tagged().deserializer(); }
}
