package org.medassist.kit.ownership;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipRequest;

/**
 * The person-side half of ownership (docs/architecture.md, ownership): when an input of a person needs to ask who owns
 * its id, it waits in the store ("pending-inputs") with the inputs of that person that arrive after it, in arrival
 * order, until the answer comes back through the person's own partition. Nothing of a waiting input is applied, and
 * no later input overtakes it (E2). Both services use it: claims (hospitalId + claimId) and identity events
 * (department + eventId).
 */
public final class PersonQueue {
    /** What the processor does with one input; its own decoding, application and poison rule. */
    public interface Steps {
        /** Reads an input; null when it was set aside (a dead letter). */
        SpecificRecord decode(PendingInputs.Input in);

        /** Applies an input, or asks first and applies nothing: returns the question when it asked. */
        OwnershipRequest apply(String personId, PendingInputs.Input in, SpecificRecord event);

        /** Applies an input whose question got this answer. */
        void answered(String personId, PendingInputs.Input in, SpecificRecord event, OwnershipAnswer answer);

        /** Runs one input's state change under the poison rule ({@code PoisonRecords#guard}). */
        void guarded(PendingInputs.Input in, Runnable change);
    }

    /**
     * How many persons' waiting inputs are also kept decoded in memory. Inputs wait a round trip (two commits) in the
     * normal case, so a few thousand persons per task; beyond this (an answer that does not come: the registry's task
     * is down) the rest are read from the store, so the heap does not grow with an outage.
     */
    static final int MIRRORED = 10_000;

    /** Marks a waiting person whose inputs only the store holds (more than {@link #MIRRORED} persons wait). */
    private static final PendingInputs IN_STORE = new PendingInputs("", List.of());

    private final KeyValueStore<String, byte[]> store;
    /**
     * Every person with inputs in the store, so that an input of a person with none (nearly every input) needs no
     * store look-up, which misses the record cache and reaches RocksDB (docs/performance.md). The value is the
     * person's waiting inputs as stored, or {@link #IN_STORE} past {@link #MIRRORED} persons: an answer then needs no
     * store read either. Read from the store when the task starts; a failed transaction discards the processor and
     * this with it, like the store's own uncommitted writes.
     */
    private final Map<String, PendingInputs> waiting = new HashMap<>();
    private int mirrored;

    public PersonQueue(KeyValueStore<String, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                // past the mirror's size only the key is kept: an outage's backlog is not decoded at start
                remember(kv.key, mirrored < MIRRORED ? PendingInputs.fromBytes(kv.value) : IN_STORE);
            }
        }
    }

    /**
     * Persons whose inputs wait for an answer. Read by the metrics from another thread: a plain read of the map's
     * size, at worst a moment old.
     */
    public int waitingPersons() {
        return waiting.size();
    }

    /** The person's waiting inputs, or null when nothing of the person waits. */
    private PendingInputs waitingOf(String personId) {
        PendingInputs q = waiting.get(personId);
        if (q != IN_STORE) return q;
        byte[] stored = store.get(personId);
        return stored == null ? null : PendingInputs.fromBytes(stored);
    }

    private void remember(String personId, PendingInputs q) {
        PendingInputs before = waiting.get(personId);
        boolean keep = q != IN_STORE && (before != null && before != IN_STORE || mirrored < MIRRORED);
        if (keep && (before == null || before == IN_STORE)) mirrored++;
        waiting.put(personId, keep ? q : IN_STORE);
    }

    private void forget(String personId) {
        PendingInputs before = waiting.remove(personId);
        if (before != null && before != IN_STORE) mirrored--;
    }

    /** Puts the input behind the person's waiting ones; false when nothing of the person waits. */
    public boolean enqueueIfWaiting(String personId, PendingInputs.Input in) {
        PendingInputs q = waitingOf(personId);
        if (q == null) return false;
        q.inputs.add(in);
        put(personId, q);
        return true;
    }

    /** Applies a new input now, or makes it wait for the answer to its question. */
    public void offer(String personId, PendingInputs.Input in, SpecificRecord event, Steps steps) {
        OwnershipRequest[] asked = new OwnershipRequest[1];
        steps.guarded(in, () -> asked[0] = steps.apply(personId, in, event));
        if (asked[0] != null) put(personId, new PendingInputs(asked[0].getRequestId(), new ArrayList<>(List.of(in))));
    }

    private void put(String personId, PendingInputs q) {
        store.put(personId, q.toBytes());
        remember(personId, q);
    }

    /**
     * Applies the input an answer is for, then the inputs that waited behind it until one must ask again. An answer to
     * a question no longer asked (after a retry) changes nothing.
     */
    public void answer(OwnershipAnswer a, Steps steps) {
        PendingInputs q = waitingOf(a.getPersonId());
        if (q == null || !q.awaiting.equals(a.getRequestId())) return;
        PendingInputs.Input head = q.inputs.get(0);
        SpecificRecord event = steps.decode(head);
        if (event != null) steps.guarded(head, () -> steps.answered(a.getPersonId(), head, event, a));
        List<PendingInputs.Input> rest = q.inputs.subList(1, q.inputs.size());
        for (int i = 0; i < rest.size(); i++) {
            PendingInputs.Input in = rest.get(i);
            SpecificRecord next = steps.decode(in);
            if (next == null) continue;
            OwnershipRequest[] asked = new OwnershipRequest[1];
            steps.guarded(in, () -> asked[0] = steps.apply(a.getPersonId(), in, next));
            if (asked[0] != null) {
                put(a.getPersonId(), new PendingInputs(asked[0].getRequestId(), new ArrayList<>(rest.subList(i, rest.size()))));
                return;
            }
        }
        store.delete(a.getPersonId());
        forget(a.getPersonId());
    }
}
