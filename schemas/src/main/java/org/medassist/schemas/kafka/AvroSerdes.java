package org.medassist.schemas.kafka;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.medassist.schemas.EventClasses;

/**
 * The serde factory: Avro values in the Confluent wire format (magic byte, 4-byte schema id, Avro binary),
 * written and read by Apicurio's serdes through the registry. Ids are content ids, which equal the ids the
 * registry's Confluent API returns, so Confluent clients in any language read and write the same topics.
 */
public final class AvroSerdes {
    private final Map<String, Object> config;

    /** @param registryUrl Apicurio's API: {@code http://host:port/apis/registry/v2} (2.x) or {@code …/v3} (3.x) */
    public AvroSerdes(String registryUrl) {
        EventClasses.trust();
        Map<String, Object> c = new HashMap<>();
        c.put("apicurio.registry.url", registryUrl);
        c.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
        c.put("apicurio.registry.use-id", "contentId");
        c.put("apicurio.registry.headers.enabled", "false");
        c.put("apicurio.registry.auto-register", "true");
        // Canonical matching makes the 2.4.2 registry refuse to re-create an artifact that another producer already
        // created ("Cache load failed"); without it, the same schema sent with other formatting is one more version.
        c.put("apicurio.registry.canonicalize", "false");
        c.put("apicurio.registry.use-specific-avro-reader", "true");
        this.config = Map.copyOf(c);
    }

    public Map<String, Object> config() { return config; }

    /** A value serde for one record type; the subject is {@code <topic>-value}, Confluent's default. */
    public <T extends SpecificRecord> Serde<T> value(Class<T> type) { return serde(false, "io.apicurio.registry.serde.strategy.TopicIdStrategy"); }

    /**
     * A value serde for a topic that carries several record types (hospital-events: claims and reversals); the
     * subject is {@code <topic>-<record full name>}, Confluent's TopicRecordNameStrategy. Readers find the schema
     * by id, so any subject a producer chose reads the same.
     */
    public Serde<SpecificRecord> mixedValue() { return serde(false, "io.apicurio.registry.serde.avro.strategy.TopicRecordIdStrategy"); }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> Serde<T> serde(boolean isKey, String strategy) {
        Map<String, Object> c = new HashMap<>(config);
        c.put("apicurio.registry.artifact-resolver-strategy", strategy);
        AvroKafkaSerializer<T> ser = new AvroKafkaSerializer<>();
        AvroKafkaDeserializer<T> de = new AvroKafkaDeserializer<>();
        ser.configure(c, isKey);
        de.configure(c, isKey);
        return Serdes.serdeFrom(ser, de);
    }
}
