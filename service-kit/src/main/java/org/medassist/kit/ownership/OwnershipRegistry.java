package org.medassist.kit.ownership;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipOutcome;
import org.medassist.events.OwnershipRequest;
import org.medassist.kit.deadletter.DeadLetters;
import org.medassist.kit.streams.Failures;
import org.medassist.kit.streams.InfrastructureException;

/**
 * The registry of owned ids, partitioned by id: answers each {@link OwnershipRequest} with {@link Ownership#decide}
 * and records a grant in its store, in the same exactly-once transaction as the answer. The answer goes to the asking
 * person's task (keyed by personId). A request that cannot be read goes to dead-letters; an unreachable registry
 * of schemas aborts the transaction so the request is retried.
 */
public final class OwnershipRegistry implements Processor<byte[], byte[], Object, Object> {
    private final String storeName;
    private final String answersSink;
    private final String deadLetterSink;
    private final Deserializer<OwnershipRequest> requests;
    private final DeadLetters letters;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, String> owners;

    public OwnershipRegistry(String storeName, String answersSink, String deadLetterSink,
                             Deserializer<OwnershipRequest> requests, DeadLetters letters) {
        this.storeName = storeName;
        this.answersSink = answersSink;
        this.deadLetterSink = deadLetterSink;
        this.requests = requests;
        this.letters = letters;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.owners = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata md = context.recordMetadata().orElse(null);
        String topic = md == null ? "?" : md.topic();
        OwnershipRequest r;
        try {
            r = record.value() == null ? null : requests.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            if (Failures.isInfrastructure(e)) throw new InfrastructureException("cannot read an ownership request", e);
            r = null;
        }
        if (r == null || r.getId().isEmpty() || r.getPersonId().isEmpty()) {
            context.forward(new Record<Object, Object>(record.key(), letters.letter(topic, md == null ? -1 : md.partition(),
                    md == null ? -1 : md.offset(), record.key(), record.value(), "not an ownership request"), record.timestamp()),
                    deadLetterSink);
            return;
        }
        String stored = owners.get(r.getId());
        OwnershipAnswer answer = Ownership.decide(stored, r);
        if (answer.getOutcome() == OwnershipOutcome.granted) owners.put(r.getId(), Ownership.stored(r.getPersonId(), r.getWhere()));
        context.forward(new Record<Object, Object>(r.getPersonId(), answer, record.timestamp()), answersSink);
    }
}
