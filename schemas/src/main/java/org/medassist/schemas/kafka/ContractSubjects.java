package org.medassist.schemas.kafka;

import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.resolver.strategy.ArtifactReferenceResolverStrategy;
import io.apicurio.registry.serde.data.SerdeRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.schemas.EventClasses;

/**
 * Where a value's schema lives in the registry (its subject: Apicurio group and artifact id), decided by the topic,
 * so that producers, operators registering schemas ({@link SchemaRegistration}) and Confluent clients agree:
 *
 * <ul>
 *   <li>a topic of {@link Topics} that carries one record type: artifact {@code <topic>-value} in the default group,
 *       Confluent's TopicNameStrategy (ccompat subject {@code <topic>-value});</li>
 *   <li>the topic that carries several ({@code hospital-events}): {@code <topic>-<record full name>} in the default
 *       group, Confluent's TopicRecordNameStrategy (ccompat subject
 *       {@code hospital-events-org.medassist.events.Claim}), where a Confluent client registers it;</li>
 *   <li>any other topic (Streams' changelog and repartition topics, named after the application id): the record's
 *       name in its namespace group, so that an operator can register them without knowing application ids. These
 *       are the services' private state: outside the default group, the Confluent API does not list them.</li>
 * </ul>
 *
 * <p>Readers find the writer's schema by its id, whatever the subject. See docs/schema-registry.md and
 * docs/security.md "Auto-registration".
 */
public final class ContractSubjects implements ArtifactReferenceResolverStrategy<Schema, Object> {

    /** A registry subject: Apicurio group (null: the default group) and artifact id. */
    public record Subject(String groupId, String artifactId) {
        @Override
        public String toString() { return (groupId == null ? "default" : groupId) + "/" + artifactId; }
    }

    @Override
    @SuppressWarnings("unchecked")
    public ArtifactReference artifactReference(Record<Object> data, ParsedSchema<Schema> parsedSchema) {
        SerdeRecord<Object> record = (SerdeRecord<Object>) data;
        Schema schema = parsedSchema != null ? parsedSchema.getParsedSchema() : null;
        if (schema == null && record.payload() instanceof SpecificRecord r) schema = r.getSchema();
        Subject s = subjectFor(record.metadata().getTopic(), record.metadata().isKey(), schema);
        return ArtifactReference.builder().groupId(s.groupId()).artifactId(s.artifactId()).build();
    }

    /** The schema is needed for the record name on mixed and internal topics. */
    @Override
    public boolean loadSchema() { return true; }

    /** The subject of a value (or key) with {@code schema} written to {@code topic}. */
    public static Subject subjectFor(String topic, boolean isKey, Schema schema) {
        Topic<?> t = Topics.all().stream().filter(x -> x.name().equals(topic)).findFirst().orElse(null);
        if (t != null && !t.mixed()) return new Subject(null, topic + (isKey ? "-key" : "-value"));
        // a record, or a named type nested in one (Apicurio registers those as references of the record)
        if (schema == null || !(schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM
                || schema.getType() == Schema.Type.FIXED)) {
            throw new IllegalStateException("a named Avro schema is needed for the subject of " + topic);
        }
        if (t != null) return new Subject(null, topic + "-" + schema.getFullName());
        return recordSubject(schema);
    }

    /** The subject of a record on a topic outside {@link Topics} (Streams' internal topics): its own name. */
    public static Subject recordSubject(Schema schema) {
        return new Subject(schema.getNamespace(), schema.getName());
    }

    /** A topic name outside {@link Topics}, standing for Streams' internal topics in {@link #all()}. */
    public static final String INTERNAL_TOPIC = "medassist-streams-internal-changelog";

    /** One record type written to one topic, and the subject its schema is looked up under. */
    public record Use(String topic, Class<? extends SpecificRecord> type, Subject subject) {
        public Schema schema() { return SpecificData.get().getSchema(type); }
    }

    /**
     * Every subject a service may look up when it writes: each topic's value type (each record type a mixed topic
     * carries), then each of those record types under its own name, for Streams' internal topics ({@link
     * #INTERNAL_TOPIC}).
     */
    public static List<Use> all() {
        EventClasses.trust();
        List<Use> out = new ArrayList<>();
        List<Class<? extends SpecificRecord>> internal = new ArrayList<>();
        for (Topic<?> t : Topics.all()) {
            List<Class<? extends SpecificRecord>> types = new ArrayList<>();
            if (t.mixed()) {
                for (EventRoute<?> r : EventRoutes.inputs()) if (r.topic().equals(t)) types.add(r.recordType());
            } else {
                types.add(t.valueType());
            }
            for (Class<? extends SpecificRecord> type : types) {
                out.add(new Use(t.name(), type, subjectFor(t.name(), false, SpecificData.get().getSchema(type))));
                if (!internal.contains(type)) internal.add(type);
            }
        }
        for (Class<? extends SpecificRecord> type : internal) {
            out.add(new Use(INTERNAL_TOPIC, type, recordSubject(SpecificData.get().getSchema(type))));
        }
        return out;
    }
}
