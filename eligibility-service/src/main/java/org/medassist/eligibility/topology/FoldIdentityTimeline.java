package org.medassist.eligibility.topology;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.medassist.engine.timeline.IdentityChange;
import org.medassist.engine.timeline.IdentityTimeline;
import org.medassist.events.IdentityEvent;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipOutcome;
import org.medassist.events.OwnershipRequest;
import org.medassist.events.PersonEligibility;
import org.medassist.kit.deadletter.DeadLetters;
import org.medassist.kit.ownership.PendingInputs;
import org.medassist.kit.ownership.PersonQueue;
import org.medassist.kit.streams.Failures;
import org.medassist.kit.streams.InfrastructureException;
import org.medassist.kit.streams.PersonPartitions;
import org.medassist.kit.streams.PoisonRecords;
import org.medassist.schemas.IdentityEvents;
import org.medassist.schemas.PersonIdHash;
import org.medassist.schemas.json.EventRules;
import org.medassist.schemas.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds identity events into their person's timeline (docs/eligibility-service.md). What it guarantees:
 *
 * <ul>
 *   <li>A record that is not a valid identity event, is not keyed by its exact personId, or breaks the contract
 *       (the same rules as HTTP input, {@link EventRules}) goes to dead-letters with the reason; the stream goes on.</li>
 *   <li>A department's eventId belongs to one person (E14.16). An event whose department+eventId its person's timeline
 *       does not know first asks the registry of eventIds (another partition) and waits, with the person's later
 *       events behind it; taken by another person, it is dead-lettered with the reason and changes nothing.</li>
 *   <li>The same event again is ignored; the same department+eventId with other content is dead-lettered.</li>
 *   <li>The registry being unreachable is not the record's fault: the transaction aborts and the record is retried.
 *       A record that fails the same way three times is set aside whole ({@link PoisonRecords}).</li>
 * </ul>
 * The published timeline keeps the identity event's timestamp and headers (its sender).
 */
final class FoldIdentityTimeline implements Processor<byte[], byte[], Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(FoldIdentityTimeline.class);
    /** Identity events one timeline holds (docs/reliability.md, limits): the published record stays far under 1 MB. */
    static final int MAX_EVENTS_PER_PERSON = 1_000;

    private final Deserializer<IdentityEvent> deserializer;
    private final Deserializer<OwnershipAnswer> answers;
    private final boolean wireFormat;
    private final DeadLetters letters;
    private final PersonIdHash hash;
    private final FoldObserver observer;
    private Runnable stopCounting = () -> {};
    private final PoisonRecords poison;
    private ProcessorContext<Object, Object> context;
    private PersonPartitions partitions;
    private KeyValueStore<String, PersonEligibility> store;
    private PersonQueue queue;

    /** The policy catalog whose regions an event may name, or null to check region keys by their form only. */
    private final org.medassist.engine.policy.PolicyCatalog policies;

    FoldIdentityTimeline(TopologySerdes serdes, DeadLetters letters, PersonIdHash hash, FoldObserver observer,
                         PoisonRecords poison, org.medassist.engine.policy.PolicyCatalog policies) {
        this.policies = policies;
        this.deserializer = serdes.identityEvents().deserializer();
        this.answers = serdes.ownershipAnswers().deserializer();
        this.wireFormat = serdes.confluentWireFormat();
        this.letters = letters;
        this.hash = hash;
        this.observer = observer;
        this.poison = poison;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.partitions = PersonPartitions.of(context.appConfigs());
        this.store = context.getStateStore(EligibilityTopology.STORE);
        this.queue = new PersonQueue(context.getStateStore(EligibilityTopology.PENDING));
        this.stopCounting = observer.waiting(queue::waitingPersons);
    }

    @Override
    public void close() {
        stopCounting.run();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata md = context.recordMetadata().orElseThrow();
        PendingInputs.Input in = PendingInputs.Input.of(md, record);
        if (md.topic().equals(Topics.IDENTITY_OWNERSHIP_ANSWERS.name())) {
            onAnswer(in);
            return;
        }
        IdentityEvent event = (IdentityEvent) steps.decode(in);
        if (event == null) return;
        if (!queue.enqueueIfWaiting(event.getPersonId(), in)) queue.offer(event.getPersonId(), in, event, steps);
    }

    private void onAnswer(PendingInputs.Input in) {
        OwnershipAnswer a;
        try {
            a = in.value() == null ? null : answers.deserialize(in.topic(), in.value());
        } catch (RuntimeException e) {
            if (Failures.isInfrastructure(e)) throw new InfrastructureException("cannot read an ownership answer", e);
            a = null;
        }
        if (a == null) {
            deadLetter(in, "not an ownership answer");
            return;
        }
        queue.answer(a, steps);
    }

    private final PersonQueue.Steps steps = new PersonQueue.Steps() {
        @Override
        public SpecificRecord decode(PendingInputs.Input in) {
            String reason;
            try {
                return checked(in);
            } catch (Rejected r) {
                reason = r.getMessage();
            }
            deadLetter(in, reason);
            return null;
        }

        @Override
        public OwnershipRequest apply(String personId, PendingInputs.Input in, SpecificRecord event) {
            IdentityEvent e = (IdentityEvent) event;
            PersonEligibility current = store.get(personId);
            List<IdentityEvent> events = current == null ? new ArrayList<>() : new ArrayList<>(current.getEvents());
            IdentityTimeline timeline = IdentityEvents.timeline(events);
            if (!timeline.knows(e.getDepartment().name(), e.getEventId())) {
                OwnershipRequest q = OwnershipRequest.newBuilder()
                        .setId(e.getDepartment().name() + '\u001f' + e.getEventId()).setPersonId(personId).setWhere("")
                        .setRequestId(in.requestId()).build();
                context.forward(new Record<Object, Object>(q.getId(), q, in.timestamp(), in.headers()),
                        EligibilityTopology.OWNERSHIP_SINK);
                return q;
            }
            fold(in, e, events, timeline);
            return null;
        }

        @Override
        public void answered(String personId, PendingInputs.Input in, SpecificRecord event, OwnershipAnswer answer) {
            IdentityEvent e = (IdentityEvent) event;
            if (answer.getOutcome() == OwnershipOutcome.taken) {
                deadLetter(in, "identity event " + e.getEventId() + " of " + e.getDepartment()
                        + " was already received for another person; it changes nothing (E14.16): a department corrects a"
                        + " mistaken grant with a revoke and sends the right grant under a new eventId");
                return;
            }
            PersonEligibility current = store.get(personId);
            List<IdentityEvent> events = current == null ? new ArrayList<>() : new ArrayList<>(current.getEvents());
            fold(in, e, events, IdentityEvents.timeline(events));
        }

        @Override
        public void guarded(PendingInputs.Input in, Runnable change) {
            poison.guard(in.topic(), in.partition(), in.offset(), change, reason -> deadLetter(in, reason));
        }
    };

    /** Applies an event the timeline may take: a new one is stored and published, a repeat is ignored. */
    private void fold(PendingInputs.Input in, IdentityEvent event, List<IdentityEvent> events, IdentityTimeline timeline) {
        IdentityChange change = IdentityEvents.change(event);
        IdentityTimeline.Applied applied = timeline.apply(change);
        // the fold compares what it uses; a field it does not use (birthDate) may still differ
        if (applied == IdentityTimeline.Applied.CONFLICT
                || (applied == IdentityTimeline.Applied.DUPLICATE && !events.contains(event))) {
            deadLetter(in, IdentityTimeline.conflict(change));
            return;
        }
        if (applied == IdentityTimeline.Applied.DUPLICATE) {
            observer.duplicate();
            if (LOG.isDebugEnabled()) {
                LOG.debug("Duplicate {} {} for person {} ignored", event.getDepartment(), event.getEventId(), hash.of(event.getPersonId()));
            }
            return;
        }
        if (events.size() >= MAX_EVENTS_PER_PERSON) {
            deadLetter(in, "the person already has " + events.size() + " identity events, the most one timeline holds"
                    + " (docs/reliability.md, limits)");
            return;
        }
        events.add(event);
        PersonEligibility next = IdentityEvents.eligibility(event.getPersonId(), events, timeline);
        store.put(event.getPersonId(), next);
        context.forward(new Record<Object, Object>(event.getPersonId(), next, in.timestamp(), in.headers()),
                EligibilityTopology.OUTPUT_SINK);
        observer.folded();
        if (LOG.isDebugEnabled()) {
            LOG.debug("Person {}: {} {} {} {} folded; {} events, {} spells", hash.of(event.getPersonId()), event.getDepartment(),
                    event.getEventId(), event.getAction(), event.getIdentity(), next.getEvents().size(), next.getSpells().size());
        }
    }

    /** The record is not a valid identity event; the message is the dead letter's reason. */
    private static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private IdentityEvent checked(PendingInputs.Input in) throws Rejected {
        if (in.value() == null) throw new Rejected("null value: identity-events carries no deletions");
        if (wireFormat && (in.value().length < 6 || in.value()[0] != 0)) {
            throw new Rejected("not in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary)");
        }
        Object value;
        try {
            value = deserializer.deserialize(in.topic(), in.headers(), in.value());
        } catch (RuntimeException e) {
            if (Failures.isInfrastructure(e)) {
                throw new InfrastructureException("cannot read " + in.topic() + "[" + in.partition() + "]@" + in.offset()
                        + ": the schema registry is unreachable", e);
            }
            throw new Rejected("cannot deserialize an IdentityEvent: " + Failures.describe(e));
        }
        if (!(value instanceof IdentityEvent event)) {
            throw new Rejected("not an IdentityEvent: " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        String key = key(in.key());
        if (key == null || !key.equals(event.getPersonId())) {
            throw new Rejected("record key is not the event's personId (identity events are keyed by personId)");
        }
        String misplaced = partitions.problem(in.key(), in.partition());
        if (misplaced != null) throw new Rejected(misplaced);
        try {
            // the whole contract, as for HTTP input: a record produced straight to Kafka gets the same checks
            EventRules.check(event);
        } catch (RuntimeException e) {
            throw new Rejected("breaks the event contract: " + e.getMessage());
        }
        // folded, an identity of a region no policy has would never pay anything: answered as HTTP and replay answer it
        String unknown = policies == null ? null : policies.unknownRegion(event.getRegion());
        if (unknown != null) throw new Rejected(unknown);
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

    private void deadLetter(PendingInputs.Input in, String reason) {
        context.forward(new Record<Object, Object>(in.key(),
                letters.letter(in.topic(), in.partition(), in.offset(), in.key(), in.value(), reason), in.timestamp(), in.headers()),
                EligibilityTopology.DEAD_LETTER_SINK);
        observer.deadLettered();
        LOG.warn("Dead letter from {}[{}]@{}: {}", in.topic(), in.partition(), in.offset(), reason);
    }
}
