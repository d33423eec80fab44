package org.medassist.kit.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipOutcome;
import org.medassist.events.OwnershipRequest;

/**
 * The person queue over a real in-memory Streams store: inputs of a person wait, in order, behind the one that asked
 * who owns its id; and a queue built over a store that already holds waiting inputs (a restart after a crash, a task
 * moved to another instance) knows those persons wait, although it keeps the waiting set in memory.
 */
class PersonQueueTest {
    private KeyValueStore<String, byte[]> store;
    private final List<String> applied = new ArrayList<>();
    private long offset;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("pending-inputs"), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    /** An input whose value names it; one starting with "ask" asks who owns its id before anything applies. */
    private PendingInputs.Input input(String person, String name) {
        return new PendingInputs.Input("hospital-events", 0, offset++, 0L, person.getBytes(StandardCharsets.UTF_8),
                name.getBytes(StandardCharsets.UTF_8), new RecordHeaders());
    }

    private final PersonQueue.Steps steps = new PersonQueue.Steps() {
        @Override
        public SpecificRecord decode(PendingInputs.Input in) {
            return OwnershipRequest.newBuilder().setId(new String(in.value(), StandardCharsets.UTF_8))
                    .setPersonId(new String(in.key(), StandardCharsets.UTF_8)).setWhere("").setRequestId(in.requestId()).build();
        }

        @Override
        public OwnershipRequest apply(String personId, PendingInputs.Input in, SpecificRecord event) {
            OwnershipRequest e = (OwnershipRequest) event;
            if (e.getId().startsWith("ask")) return e;
            applied.add(e.getId());
            return null;
        }

        @Override
        public void answered(String personId, PendingInputs.Input in, SpecificRecord event, OwnershipAnswer answer) {
            applied.add(((OwnershipRequest) event).getId() + " " + answer.getOutcome());
        }

        @Override
        public void guarded(PendingInputs.Input in, Runnable change) { change.run(); }
    };

    private void send(PersonQueue q, String person, String name) {
        PendingInputs.Input in = input(person, name);
        if (!q.enqueueIfWaiting(person, in)) q.offer(person, in, steps.decode(in), steps);
    }

    private static OwnershipAnswer granted(String person, String requestId) {
        return OwnershipAnswer.newBuilder().setId("x").setPersonId(person).setRequestId(requestId)
                .setOutcome(OwnershipOutcome.granted).build();
    }

    private String awaiting(String person) {
        byte[] b = store.get(person);
        return b == null ? null : PendingInputs.fromBytes(b).awaiting;
    }

    @Test
    void laterInputsWaitBehindTheQuestionAndApplyInOrderAfterTheAnswer() {
        PersonQueue q = new PersonQueue(store);
        send(q, "P", "a1");
        send(q, "P", "ask-c2");
        send(q, "P", "a3");
        send(q, "Q", "b1"); // another person does not wait
        assertEquals(List.of("a1", "b1"), applied);
        assertEquals(1, q.waitingPersons(), "one person waits, with two inputs");

        q.answer(granted("P", "wrong/0/99"), steps); // an answer to a question no longer asked changes nothing
        assertEquals(List.of("a1", "b1"), applied);

        q.answer(granted("P", awaiting("P")), steps);
        assertEquals(List.of("a1", "b1", "ask-c2 granted", "a3"), applied);
        assertNull(store.get("P"), "nothing of P waits any more");
        assertEquals(0, q.waitingPersons());
        send(q, "P", "a4");
        assertEquals("a4", applied.get(applied.size() - 1), "and P's next input applies at once");
    }

    @Test
    void aQueueBuiltOverWaitingInputsKnowsWhoWaits() {
        send(new PersonQueue(store), "P", "ask-c1");
        String question = awaiting("P");
        assertNotNull(question);

        PersonQueue restarted = new PersonQueue(store); // the task starts again over the same store
        send(restarted, "P", "a2");
        assertEquals(List.of(), applied, "a2 waits behind the question asked before the restart");
        restarted.answer(granted("P", question), steps);
        assertEquals(List.of("ask-c1 granted", "a2"), applied);
        assertNull(store.get("P"));
    }

    /**
     * More persons wait than the queue keeps in memory (an answer that does not come): those beyond are read from the
     * store, also after a restart over that backlog (which decodes only what the memory keeps), and every person's
     * inputs still wait and apply in order.
     */
    @Test
    void personsBeyondTheMemoryMirrorWaitThroughTheStore() {
        PersonQueue q = new PersonQueue(store);
        int persons = PersonQueue.MIRRORED + 3;
        for (int p = 0; p < persons; p++) send(q, "P" + p, "ask-" + p);
        for (int p = 0; p < persons; p++) send(q, "P" + p, "later-" + p);
        assertEquals(List.of(), applied, "every later input waits");
        assertEquals(persons, q.waitingPersons(), "the persons past the mirror are counted too");
        q = new PersonQueue(store); // a restart over that backlog: the persons past the mirror are known by key only
        assertEquals(persons, q.waitingPersons(), "and counted after the restart");
        send(q, "P1", "after-restart");
        assertEquals(List.of(), applied, "P1 still waits after the restart");
        for (int p = persons - 1; p >= 0; p--) {
            q.answer(granted("P" + p, awaiting("P" + p)), steps);
            List<String> expected = p == 1 ? List.of("ask-1 granted", "later-1", "after-restart")
                    : List.of("ask-" + p + " granted", "later-" + p);
            assertEquals(expected, applied.subList(applied.size() - expected.size(), applied.size()));
            assertNull(store.get("P" + p));
        }
        assertEquals(2 * persons + 1, applied.size());
        assertEquals(0, q.waitingPersons());
        send(q, "P0", "again");
        assertEquals("again", applied.get(applied.size() - 1), "a person answered applies at once");
    }
}
