package org.medassist.eligibility.topology;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.medassist.kit.deadletter.DeadLetters;
import org.medassist.schemas.PersonIdHash;
import org.medassist.schemas.kafka.Topics;

/**
 * The eligibility topology, every node named:
 *
 * <pre>
 * identity-events ──▶ [identity-events-source]  (bytes: nothing can fail here)
 *                        │
 *                        ▼
 *                 [fold-identity-timeline] ◀──▶ (person-timelines: persistent RocksDB, String → PersonEligibility)
 *                    │                 │
 *                    ▼                 ▼
 *     [person-eligibility-sink]   [dead-letters-sink]
 *        person-eligibility          dead-letters
 *        (compacted, by personId)    (raw key, DeadLetter)
 * </pre>
 */
public final class EligibilityTopology {
    private EligibilityTopology() {}

    public static final String SOURCE = "identity-events-source";
    public static final String PROCESSOR = "fold-identity-timeline";
    public static final String STORE = "person-timelines";
    public static final String OUTPUT_SINK = "person-eligibility-sink";
    public static final String DEAD_LETTER_SINK = DeadLetters.SINK_NAME;

    public static Topology build(TopologySerdes serdes, DeadLetters letters, PersonIdHash hash, FoldObserver observer) {
        Topology t = new Topology();
        t.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.IDENTITY_EVENTS.name());
        t.addProcessor(PROCESSOR,
                () -> new FoldIdentityTimeline(serdes.identityEvents().deserializer(), serdes.confluentWireFormat(), letters,
                        hash, observer), SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                serdes.personEligibility()), PROCESSOR);
        t.addSink(OUTPUT_SINK, Topics.PERSON_ELIGIBILITY.name(), new StringSerializer(),
                serdes.personEligibility().serializer(), PROCESSOR);
        t.addSink(DEAD_LETTER_SINK, DeadLetters.TOPIC, new ByteArraySerializer(), serdes.deadLetters().serializer(),
                PROCESSOR);
        return t;
    }
}
