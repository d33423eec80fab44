package org.medassist.schemas.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the system with everything a client needs to use it correctly: its name, how it is keyed and
 * partitioned, whether it is compacted, the key serde, and the value type (read and written as Avro in the Confluent
 * wire format through the registry; see {@link #valueSerde}). Sources, sinks and producers are built from these, so a
 * topic's types live in one place ({@link Topics}) and a wrong value type is a compile error.
 *
 * @param name      the topic's name
 * @param keying    what the key is, which decides co-partitioning
 * @param compacted whether the topic is log-compacted (a key's latest value is its state)
 * @param valueType the Avro record type; {@link SpecificRecord} itself for a topic that carries several types
 * @param mixed     the topic carries several record types (subjects {@code <topic>-<record full name>})
 * @param values    the record types it carries, for the documentation
 */
public record Topic<V extends SpecificRecord>(String name, Keying keying, boolean compacted, Class<V> valueType,
                                               boolean mixed, String values) {

    /** How a topic is keyed. Person-keyed topics share one partition count, so a task reads one person's inputs. */
    public enum Keying {
        /** Keyed by the record's personId, co-partitioned with every other person-keyed topic. */
        PERSON("personId"),
        /** Keyed by {@code region|year}; every record is written to every partition, so every task sees it. */
        BROADCAST("region|year (copied to every partition)"),
        /** Keyed by {@code region|year|name}; one partition, read whole by every instance as a global table. */
        GLOBAL("region|year|name"),
        /** Keyed by the raw key of the record it carries. */
        SOURCE_KEY("the source record's key"),
        /** Keyed by an id that must belong to one person (hospitalId + claimId, department + eventId). */
        OWNED_ID("the owned id");

        private final String describe;

        Keying(String describe) { this.describe = describe; }

        public String describe() { return describe; }
    }

    /** Keys are UTF-8 strings on every topic. */
    public Serde<String> keySerde() { return Serdes.String(); }

    /** The value serde: Avro in the Confluent wire format, schemas looked up and registered through the registry. */
    public Serde<V> valueSerde(AvroSerdes serdes) {
        @SuppressWarnings("unchecked")
        Serde<V> serde = mixed ? (Serde<V>) serdes.mixedValue() : serdes.value(valueType);
        return serde;
    }

    /** Partitions this topic has, given the partition count shared by person-keyed topics. */
    public int partitions(int personPartitions) { return keying == Keying.GLOBAL ? 1 : personPartitions; }

    public boolean personKeyed() { return keying != Keying.GLOBAL; }
}
