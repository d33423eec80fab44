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
 *
 * <p>Subjects are decided by the topic ({@link ContractSubjects}). How the registry is reached (URL, credentials,
 * TLS) and whether producers may register schemas come from {@link RegistryAccess}. With auto-registration off
 * (production, docs/security.md "Auto-registration"), a producer looks its schema up by content under its subject
 * and writes that version's content id; a schema that was not registered fails the write with a message naming the
 * subject, instead of registering it.
 */
public final class AvroSerdes {
    private final RegistryAccess access;
    private final Map<String, Object> config;

    /** An open registry, producers registering their schemas (the local run, the tests). */
    public AvroSerdes(String registryUrl) {
        this(RegistryAccess.open(registryUrl));
    }

    public AvroSerdes(RegistryAccess access) {
        EventClasses.trust();
        this.access = access;
        Map<String, Object> c = new HashMap<>(access.serdeProperties());
        c.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
        c.put("apicurio.registry.use-id", "contentId");
        c.put("apicurio.registry.headers.enabled", "false");
        // the same schema registered by a Confluent client with other formatting is found, not added as a version
        // (with auto-registration off: found by its canonical form)
        c.put("apicurio.registry.canonicalize", "true");
        c.put("apicurio.registry.use-specific-avro-reader", "true");
        // readers and writers found by schema, not by a fingerprint computed per record (CachingAvroDatumProvider)
        c.put("apicurio.registry.avro-datum-provider", CachingAvroDatumProvider.class.getName());
        // one self-contained schema per subject, nested enums and records inline, as a Confluent client registers it:
        // not Apicurio's default of one artifact per nested type joined by references, which a producer with
        // auto-registration off cannot find by content (the search sends no references)
        c.put("apicurio.registry.dereference-schema", "true");
        c.put("apicurio.registry.artifact-resolver-strategy", ContractSubjects.class.getName());
        this.config = Map.copyOf(c);
    }

    /** The serde settings, credentials included: hand them to Apicurio's serdes only, never to a log. */
    public Map<String, Object> config() { return config; }

    public RegistryAccess access() { return access; }

    /** A value serde for one record type; the subject is {@code <topic>-value} on the topics of {@link Topics}. */
    public <T extends SpecificRecord> Serde<T> value(Class<T> type) { return serde(false); }

    /**
     * A value serde for a topic that carries several record types (hospital-events: claims and reversals); the
     * subject is {@code <topic>-<record name>}, Confluent's TopicRecordNameStrategy. Readers find the schema by id,
     * so any subject a producer chose reads the same.
     */
    public Serde<SpecificRecord> mixedValue() { return serde(false); }

    private <T extends SpecificRecord> Serde<T> serde(boolean isKey) {
        AvroKafkaSerializer<T> ser = new AvroKafkaSerializer<>();
        AvroKafkaDeserializer<T> de = new AvroKafkaDeserializer<>();
        ser.configure(config, isKey);
        de.configure(config, isKey);
        return Serdes.serdeFrom(new RetryingSerializer<>(ser, access.autoRegister()), new WireFormatDeserializer<>(de));
    }

    /**
     * Says in the record's terms why a value cannot be read, where the Apicurio deserializer would say
     * "BufferUnderflowException: null" or "Error (caused by Error: null)": a value too short for the wire format, one
     * that does not start with its magic byte, or a schema id the registry does not have. These reasons go into dead
     * letters (docs/reliability.md). A registry that cannot be reached is left as it is thrown, so it is retried, never
     * dead-lettered.
     */
    static final class WireFormatDeserializer<T> implements org.apache.kafka.common.serialization.Deserializer<T> {
        private final org.apache.kafka.common.serialization.Deserializer<T> inner;

        WireFormatDeserializer(org.apache.kafka.common.serialization.Deserializer<T> inner) {
            this.inner = inner;
        }

        @Override
        public T deserialize(String topic, byte[] data) {
            check(data);
            try {
                return inner.deserialize(topic, data);
            } catch (RuntimeException e) {
                throw unknownId(data, e);
            }
        }

        @Override
        public T deserialize(String topic, org.apache.kafka.common.header.Headers headers, byte[] data) {
            check(data);
            try {
                return inner.deserialize(topic, headers, data);
            } catch (RuntimeException e) {
                throw unknownId(data, e);
            }
        }

        @Override
        public void close() { inner.close(); }

        private static void check(byte[] data) {
            if (data == null) return; // a tombstone: the caller decides what it means
            if (data.length < 5) {
                throw new IllegalArgumentException("the value is " + data.length + " bytes, too short for the Confluent"
                        + " wire format (a magic byte 0, a 4-byte schema id, then the Avro record)");
            }
            if (data[0] != 0) {
                throw new IllegalArgumentException(String.format("the value starts with 0x%02X, not the Confluent wire"
                        + " format's magic byte 0: it is not an Avro record of the contract", data[0] & 0xFF));
            }
        }

        /** The registry answered 404 for the record's schema id: the record's fault, named as such. */
        private static RuntimeException unknownId(byte[] data, RuntimeException e) {
            if (!RetryingSerializer.notFound(e)) return e;
            int id = java.nio.ByteBuffer.wrap(data, 1, 4).getInt();
            // the registry's answer stays the cause: a registry at the wrong path, or restarted empty, reads the same
            return new IllegalArgumentException("schema id " + id + " is not found in this schema registry (the producer"
                    + " wrote an id this registry does not have)", e);
        }
    }

    /**
     * Two producers registering the same new schema at once race in the registry: the loser gets a conflict, which
     * the client does not retry. Once the winner's artifact exists a second attempt finds it, and after that the
     * schema id is cached, so retries cost nothing in the steady state.
     */
    static final class RetryingSerializer<T> implements org.apache.kafka.common.serialization.Serializer<T> {
        private static final int ATTEMPTS = 4;
        private final org.apache.kafka.common.serialization.Serializer<T> inner;
        private final boolean autoRegister;

        RetryingSerializer(org.apache.kafka.common.serialization.Serializer<T> inner, boolean autoRegister) {
            this.inner = inner;
            this.autoRegister = autoRegister;
        }

        @Override
        public byte[] serialize(String topic, T data) {
            return retry(topic, data, () -> inner.serialize(topic, data));
        }

        @Override
        public byte[] serialize(String topic, org.apache.kafka.common.header.Headers headers, T data) {
            return retry(topic, data, () -> inner.serialize(topic, headers, data));
        }

        private byte[] retry(String topic, T data, java.util.function.Supplier<byte[]> call) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return call.get();
                } catch (RuntimeException e) {
                    if (attempt == ATTEMPTS || (!autoRegister && notFound(e))) throw explain(topic, data, e);
                    try {
                        Thread.sleep(50L * attempt);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        /** Whether the registry answered that no version has this content (HTTP 404 somewhere in the causes). */
        static boolean notFound(Throwable e) {
            for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof com.microsoft.kiota.ApiException a && a.getResponseStatusCode() == 404) return true;
            }
            return false;
        }

        /** The registry's HTTP status when it answered, else the root cause. */
        static String describe(Throwable e) {
            Throwable root = e;
            for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof com.microsoft.kiota.ApiException a && a.getResponseStatusCode() > 0) {
                    return "HTTP " + a.getResponseStatusCode() + " (" + a.getClass().getSimpleName() + ")"
                            + (a.getResponseStatusCode() == 401 ? ": check medassist.kafka.registry.username/password"
                            : a.getResponseStatusCode() == 403 ? ": these credentials may not do this" : "");
                }
                root = c;
            }
            return root.toString();
        }

        /** With auto-registration off, a failed look-up says which subject and schema were looked for. */
        private RuntimeException explain(String topic, T data, RuntimeException e) {
            if (autoRegister || !(data instanceof org.apache.avro.generic.GenericContainer record)) return e;
            org.apache.avro.Schema schema = record.getSchema();
            String subject;
            try {
                subject = ContractSubjects.subjectFor(topic, false, schema).toString();
            } catch (RuntimeException other) {
                subject = "?";
            }
            if (notFound(e)) {
                return new org.apache.kafka.common.errors.SerializationException("the schema of " + schema.getFullName()
                        + " is not registered under subject " + subject + ", and auto-registration is off"
                        + " (medassist.kafka.registry.auto-register=false): register the contract's schemas first"
                        + " (SchemaRegistration, docs/security.md \"Auto-registration\")", e);
            }
            return new org.apache.kafka.common.errors.SerializationException("cannot look up the schema of "
                    + schema.getFullName() + " under subject " + subject + " in the registry: " + describe(e), e);
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) { inner.configure(configs, isKey); }

        @Override
        public void close() { inner.close(); }
    }
}
