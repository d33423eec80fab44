package org.medassist.eligibility.topology;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.medassist.kit.deadletter.DeadLetters;
import org.medassist.kit.ownership.OwnershipRegistry;
import org.medassist.kit.streams.PoisonRecords;
import org.medassist.schemas.PersonIdHash;
import org.medassist.schemas.kafka.Topics;

/**
 * The eligibility topology, every node named:
 *
 * <pre>
 * identity-events, identity-ownership-answers ──▶ [identity-inputs] (bytes: nothing can fail here)
 *                        │
 *                        ▼
 *                 [fold-identity-timeline] ◀──▶ person-timelines (person → PersonEligibility),
 *                    │         │        │         pending-identities (inputs waiting for an answer)
 *                    ▼         ▼        ▼
 *   person-eligibility   dead-letters   identity-ownership-requests ──▶ [register-identity-events] ◀──▶ identity-owners
 *   (compacted)                          (keyed by department+eventId)        │
 *                                                                              ▼
 *                                                              identity-ownership-answers (keyed by personId)
 * </pre>
 *
 * A department's eventId belongs to one person (E14.16): an event new to its person first asks the registry, which is
 * partitioned by department+eventId, and the person's later events wait behind it.
 */
public final class EligibilityTopology {
    private EligibilityTopology() {}

    public static final String SOURCE = "identity-inputs";
    public static final String PROCESSOR = "fold-identity-timeline";
    public static final String STORE = "person-timelines";
    public static final String PENDING = "pending-identities";
    public static final String OWNERS_STORE = "identity-owners";
    public static final String OUTPUT_SINK = "person-eligibility-sink";
    public static final String DEAD_LETTER_SINK = DeadLetters.SINK_NAME;
    public static final String OWNERSHIP_SINK = "identity-ownership-requests-sink";
    static final String ANSWERS_SINK = "identity-ownership-answers-sink";

    public static Topology build(TopologySerdes serdes, DeadLetters letters, PersonIdHash hash, FoldObserver observer) {
        return build(serdes, letters, hash, observer, new PoisonRecords(), null);
    }

    /**
     * @param policies the policy catalog: an event of a region it does not have is a dead letter with the reason
     *                 (null: region keys are checked by their form only)
     */
    public static Topology build(TopologySerdes serdes, DeadLetters letters, PersonIdHash hash, FoldObserver observer,
                                 PoisonRecords poison, org.medassist.engine.policy.PolicyCatalog policies) {
        Topology t = new Topology();
        t.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.IDENTITY_EVENTS.name(),
                Topics.IDENTITY_OWNERSHIP_ANSWERS.name());
        t.addProcessor(PROCESSOR, () -> new FoldIdentityTimeline(serdes, letters, hash, observer, poison, policies), SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                serdes.personEligibility()), PROCESSOR);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING), Serdes.String(),
                Serdes.ByteArray()).withCachingEnabled(), PROCESSOR);

        t.addSource("identity-ownership-requests-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.IDENTITY_OWNERSHIP_REQUESTS.name());
        t.addProcessor("register-identity-events", () -> new OwnershipRegistry(OWNERS_STORE, ANSWERS_SINK, DEAD_LETTER_SINK,
                serdes.ownershipRequests().deserializer(), letters), "identity-ownership-requests-source");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OWNERS_STORE), Serdes.String(),
                Serdes.String()).withCachingEnabled(), "register-identity-events");

        t.addSink(OUTPUT_SINK, Topics.PERSON_ELIGIBILITY.name(), new StringSerializer(),
                serdes.personEligibility().serializer(), PROCESSOR);
        t.addSink(OWNERSHIP_SINK, Topics.IDENTITY_OWNERSHIP_REQUESTS.name(), new StringSerializer(),
                serdes.ownershipRequests().serializer(), PROCESSOR);
        t.addSink(ANSWERS_SINK, Topics.IDENTITY_OWNERSHIP_ANSWERS.name(), new StringSerializer(),
                serdes.ownershipAnswers().serializer(), "register-identity-events");
        t.addSink(DEAD_LETTER_SINK, Topics.DEAD_LETTERS.name(), new ByteArraySerializer(), serdes.deadLetters().serializer(),
                PROCESSOR, "register-identity-events");
        return t;
    }
}
