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
        // the same schema registered by a Confluent client with other formatting is found, not added as a version
        c.put("apicurio.registry.canonicalize", "true");
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
        return Serdes.serdeFrom(new RetryingSerializer<>(ser), de);
    }

    /**
     * Two producers registering the same new schema at once race in the registry: the loser gets a conflict, which
     * the client does not retry. Once the winner's artifact exists a second attempt finds it, and after that the
     * schema id is cached, so retries cost nothing in the steady state.
     */
    static final class RetryingSerializer<T> implements org.apache.kafka.common.serialization.Serializer<T> {
        private static final int ATTEMPTS = 4;
        private final org.apache.kafka.common.serialization.Serializer<T> inner;

        RetryingSerializer(org.apache.kafka.common.serialization.Serializer<T> inner) { this.inner = inner; }

        @Override
        public byte[] serialize(String topic, T data) {
            return retry(() -> inner.serialize(topic, data));
        }

        @Override
        public byte[] serialize(String topic, org.apache.kafka.common.header.Headers headers, T data) {
            return retry(() -> inner.serialize(topic, headers, data));
        }

        private static byte[] retry(java.util.function.Supplier<byte[]> call) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return call.get();
                } catch (RuntimeException e) {
                    if (attempt == ATTEMPTS) throw e;
                    try {
                        Thread.sleep(50L * attempt);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) { inner.configure(configs, isKey); }

        @Override
        public void close() { inner.close(); }
    }
}
