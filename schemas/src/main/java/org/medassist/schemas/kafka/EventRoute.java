package org.medassist.schemas.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where an input event of one type goes: its contract type name, its record class, its topic, and its key. HTTP
 * ingestion, the tools and the tests produce through these ({@link #records}); replay and the settlement topology
 * dispatch on the same descriptors ({@link EventRoutes}), so an event type is routed in one place.
 *
 * @param type       the contract's {@code "type"} ({@code "claim"})
 * @param recordType the Avro record class
 * @param topic      the topic it is written to
 * @param key        its record key
 */
public record EventRoute<T extends SpecificRecord>(String type, Class<T> recordType, Topic<? super T> topic,
                                                   Function<T, String> key) {

    /** The Kafka records for one event: one, or one per partition on a broadcast topic. */
    public List<ProducerRecord<String, SpecificRecord>> records(SpecificRecord event, int personPartitions) {
        T e = recordType.cast(event);
        String k = key.apply(e);
        if (topic.keying() != Topic.Keying.BROADCAST) return List.of(new ProducerRecord<>(topic.name(), k, e));
        List<ProducerRecord<String, SpecificRecord>> out = new ArrayList<>(personPartitions);
        for (int p = 0; p < personPartitions; p++) out.add(new ProducerRecord<>(topic.name(), p, k, e));
        return out;
    }

    /** The key of an event of this route's type. */
    public String keyOf(SpecificRecord event) { return key.apply(recordType.cast(event)); }
}
