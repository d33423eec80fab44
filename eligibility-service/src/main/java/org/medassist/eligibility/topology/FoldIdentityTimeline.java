package org.medassist.eligibility.topology;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.medassist.events.IdentityEvent;
import org.medassist.events.PersonEligibility;
import org.medassist.kit.deadletter.DeadLetters;
import org.medassist.schemas.PersonIdHash;
import org.medassist.schemas.IdentityEvents;
import org.medassist.schemas.json.EventJson;
import org.medassist.engine.timeline.IdentityChange;
import org.medassist.engine.timeline.IdentityTimeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds one identity event into its person's timeline. The record arrives as bytes and is decoded here, so that a
 * record that is not a valid identity event goes to dead-letters (with its topic, partition, offset and the reason)
 * and the stream goes on. A valid event is checked against the whole contract (the JSON codec's rules, including
 * which department certifies which identity) and must be keyed by its own personId. An event whose
 * department+eventId the timeline already holds is ignored when its content is the same, and dead-lettered with the
 * reason when it differs (E14.16); any other event changes the timeline, which is stored and published.
 *
 * <p>The registry being unreachable is not the record's fault: that exception propagates, the stream thread is
 * replaced and the record is retried.
 */
final class FoldIdentityTimeline implements Processor<byte[], byte[], Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(FoldIdentityTimeline.class);

    private final Deserializer<IdentityEvent> deserializer;
    private final boolean wireFormat;
    private final DeadLetters letters;
    private final PersonIdHash hash;
    private final FoldObserver observer;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, PersonEligibility> store;

    FoldIdentityTimeline(Deserializer<IdentityEvent> deserializer, boolean wireFormat, DeadLetters letters,
                         PersonIdHash hash, FoldObserver observer) {
        this.deserializer = deserializer;
        this.wireFormat = wireFormat;
        this.letters = letters;
        this.hash = hash;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(EligibilityTopology.STORE);
    }

    /** The record is not a valid identity event; the message is the dead letter's reason. */
    private static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        IdentityEvent event;
        PersonEligibility next;
        boolean duplicate;
        try {
            event = decode(record);
            PersonEligibility current = store.get(event.getPersonId());
            List<IdentityEvent> events = current == null ? new ArrayList<>() : new ArrayList<>(current.getEvents());
            IdentityTimeline timeline = IdentityEvents.timeline(events);
            IdentityChange change = IdentityEvents.change(event);
            IdentityTimeline.Applied applied = timeline.apply(change);
            // the fold compares what it uses; a field it does not use (birthDate) may still differ
            if (applied == IdentityTimeline.Applied.CONFLICT
                    || (applied == IdentityTimeline.Applied.DUPLICATE && !events.contains(event))) {
                throw new Rejected(IdentityTimeline.conflict(change));
            }
            duplicate = applied == IdentityTimeline.Applied.DUPLICATE;
            if (duplicate) {
                next = null;
            } else {
                events.add(event);
                next = IdentityEvents.eligibility(event.getPersonId(), events, timeline);
            }
        } catch (Rejected e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (duplicate) {
            observer.duplicate();
            if (LOG.isDebugEnabled()) {
                LOG.debug("Duplicate {} {} for person {} ignored", event.getDepartment(), event.getEventId(),
                        hash.of(event.getPersonId()));
            }
            return;
        }
        store.put(event.getPersonId(), next);
        context.forward(new Record<Object, Object>(event.getPersonId(), next, record.timestamp()),
                EligibilityTopology.OUTPUT_SINK);
        observer.folded();
        if (LOG.isDebugEnabled()) {
            LOG.debug("Person {}: {} {} {} {} folded; {} events, {} spells", hash.of(event.getPersonId()),
                    event.getDepartment(), event.getEventId(), event.getAction(), event.getIdentity(),
                    next.getEvents().size(), next.getSpells().size());
        }
    }

    private IdentityEvent decode(Record<byte[], byte[]> record) throws Rejected {
        if (record.value() == null) throw new Rejected("null value: identity-events carries no deletions");
        if (wireFormat && (record.value().length < 6 || record.value()[0] != 0)) {
            throw new Rejected("not in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary)");
        }
        Object value;
        try {
            value = deserializer.deserialize(topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            if (isInfrastructure(e)) throw e;
            throw new Rejected("cannot deserialize an IdentityEvent: " + DeadLetters.describe(e));
        }
        if (!(value instanceof IdentityEvent event)) {
            throw new Rejected("not an IdentityEvent: " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        String key = key(record.key());
        if (key == null || !key.equals(event.getPersonId())) {
            throw new Rejected("record key is not the event's personId (identity events are keyed by personId)");
        }
        try {
            // the whole contract, as for HTTP input: a record produced straight to Kafka gets the same checks
            EventJson.read(EventJson.write(event));
        } catch (RuntimeException e) {
            throw new Rejected("breaks the event contract: " + e.getMessage());
        }
        return event;
    }

    private static String key(byte[] key) {
        if (key == null) return null;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason) {
        RecordMetadata md = context.recordMetadata().orElse(null);
        String topic = md == null ? topic() : md.topic();
        int partition = md == null ? -1 : md.partition();
        long offset = md == null ? -1 : md.offset();
        context.forward(new Record<Object, Object>(record.key(),
                letters.letter(topic, partition, offset, record.key(), record.value(), reason), record.timestamp()),
                EligibilityTopology.DEAD_LETTER_SINK);
        observer.deadLettered();
        LOG.warn("Dead letter from {}[{}]@{}: {}", topic, partition, offset, reason);
    }

    private String topic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse("identity-events");
    }

    /** Whether the failure is the registry or the network, not the record: then the record must be retried. */
    static boolean isInfrastructure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t instanceof SocketException) {
                return true;
            }
            String name = t.getClass().getName();
            if (name.startsWith("io.vertx.") || name.startsWith("io.netty.channel.")) return true;
            String m = String.valueOf(t.getMessage());
            if (m.contains("Connection refused") || m.contains("Failed to resolve")) return true;
        }
        return false;
    }
}
