package org.medassist.schemas.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of a topology, per typed topic: the registry's in production ({@link #registry}), a
 * registry-free one in {@code TopologyTestDriver} tests. Topologies read their inputs as bytes and decode them in the
 * processor with {@link #anyValue()}, so an unreadable record becomes a dead letter and an unreachable registry a
 * retry, instead of a stopped stream.
 */
public interface TopicSerdes {
    <V extends SpecificRecord> Serde<V> value(Topic<V> topic);

    /** Reads a record of any contract type by its schema id. */
    Deserializer<SpecificRecord> anyValue();

    static TopicSerdes registry(AvroSerdes serdes) {
        return new TopicSerdes() {
            @Override
            public <V extends SpecificRecord> Serde<V> value(Topic<V> topic) { return topic.valueSerde(serdes); }

            @Override
            public Deserializer<SpecificRecord> anyValue() { return serdes.mixedValue().deserializer(); }
        };
    }
}
