package org.medassist.settlement.stream;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.kit.deadletter.DeadLetters;
import org.medassist.kit.ownership.OwnershipRegistry;
import org.medassist.kit.streams.PoisonRecords;
import org.medassist.schemas.kafka.Topic;
import org.medassist.schemas.kafka.TopicSerdes;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.route.Limits;

/**
 * The settlement topology. Every source, processor, store and sink is named, so changing the topology never
 * renumbers them and loses state. Inputs are read as bytes and decoded in the processors (docs/architecture.md).
 *
 * <pre>
 * hospital-events, applications, year-closes,        ┌──────────────────────────────────┐ ─▶ settlements
 * person-eligibility, claim-ownership-answers ──────▶│ settle                           │ ─▶ alerts
 *   (co-partitioned by personId)                      │ person-ledgers, person-years,    │ ─▶ dead-letters
 *                                                     │ region-persons, pending-inputs,  │ ─▶ claim-ownership-requests
 *                                                     │ fan-outs, applied-parameters,    │
 *                                                     │ closed-years                     │
 * policy-parameters ─▶ global policy-parameters-store └──────────────────────────────────┘
 *
 * claim-ownership-requests ─▶ register-claims [claim-owners] ─▶ claim-ownership-answers, dead-letters
 *   (keyed by hospitalId + claimId)
 * </pre>
 */
public final class SettlementTopology {
    public static final String HEADER_STORE = SettleProcessor.HEADERS;
    public static final String YEAR_STORE = SettleProcessor.YEARS;
    public static final String CLAIM_OWNERS_STORE = "claim-owners";
    public static final String PARAMETER_STORE = SettleProcessor.PARAMETERS;

    private SettlementTopology() {}

    public static Topology build(PolicyCatalog catalog, TopicSerdes serdes) {
        return build(catalog, serdes, SettlementMetrics.NONE, new PoisonRecords(), Limits.DEFAULT);
    }

    public static Topology build(PolicyCatalog catalog, TopicSerdes serdes, SettlementMetrics metrics, PoisonRecords poison,
                                 Limits limits) {
        return build(catalog, serdes, metrics, poison, limits, SettleProcessor.FanOutPace.DEFAULT);
    }

    static Topology build(PolicyCatalog catalog, TopicSerdes serdes, SettlementMetrics metrics, PoisonRecords poison,
                          Limits limits, SettleProcessor.FanOutPace pace) {
        Topology t = new Topology();
        t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SettleProcessor.PARAMETERS),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                "policy-parameters-source", new StringDeserializer(), new ByteArrayDeserializer(),
                Topics.POLICY_PARAMETERS.name(), "policy-parameters-update", ParameterStoreUpdate::new);

        t.addSource("settlement-inputs", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.HOSPITAL_EVENTS.name(), Topics.APPLICATIONS.name(), Topics.YEAR_CLOSES.name(),
                Topics.PERSON_ELIGIBILITY.name(), Topics.CLAIM_OWNERSHIP_ANSWERS.name());
        t.addProcessor("settle", () -> new SettleProcessor(catalog, serdes, metrics, poison, limits, pace), "settlement-inputs");
        t.addStateStore(bytes(SettleProcessor.HEADERS), "settle");
        t.addStateStore(bytes(SettleProcessor.YEARS), "settle");
        t.addStateStore(bytes(SettleProcessor.INDEX), "settle");
        t.addStateStore(bytes(SettleProcessor.PENDING), "settle");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SettleProcessor.FAN_OUTS),
                Serdes.String(), Serdes.String()), "settle");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SettleProcessor.APPLIED_PARAMETERS),
                Serdes.String(), Serdes.Long()), "settle");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SettleProcessor.CLOSED_YEARS),
                Serdes.String(), Serdes.String()), "settle");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SettleProcessor.ANSWERED_PARAMETERS),
                Serdes.String(), Serdes.Long()), "settle");

        t.addSource("claim-ownership-requests-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.CLAIM_OWNERSHIP_REQUESTS.name());
        t.addProcessor("register-claims", () -> new OwnershipRegistry(CLAIM_OWNERS_STORE, "claim-ownership-answers-sink",
                SettleProcessor.DEAD_LETTERS_SINK, serdes.value(Topics.CLAIM_OWNERSHIP_REQUESTS).deserializer(),
                new DeadLetters("settlement-service")), "claim-ownership-requests-source");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLAIM_OWNERS_STORE),
                Serdes.String(), Serdes.String()).withCachingEnabled(), "register-claims");

        sink(t, SettleProcessor.SETTLEMENTS_SINK, Topics.SETTLEMENTS, serdes, "settle");
        sink(t, SettleProcessor.ALERTS_SINK, Topics.ALERTS, serdes, "settle");
        sink(t, SettleProcessor.OWNERSHIP_SINK, Topics.CLAIM_OWNERSHIP_REQUESTS, serdes, "settle");
        sink(t, "claim-ownership-answers-sink", Topics.CLAIM_OWNERSHIP_ANSWERS, serdes, "register-claims");
        // dead letters are keyed by the raw key bytes of the record they carry, whatever those bytes are
        t.addSink(SettleProcessor.DEAD_LETTERS_SINK, Topics.DEAD_LETTERS.name(), new org.apache.kafka.common.serialization.ByteArraySerializer(),
                serdes.value(Topics.DEAD_LETTERS).serializer(), "settle", "register-claims");
        return t;
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> bytes(String name) {
        // cached: a person's writes within one commit interval reach the changelog once
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void sink(Topology t, String name, Topic<?> topic, TopicSerdes serdes, String... parents) {
        t.addSink(name, topic.name(), new StringSerializer(), (org.apache.kafka.common.serialization.Serializer)
                serdes.value((Topic) topic).serializer(), parents);
    }

    /**
     * Keeps each key's last record of the policy-parameters topic in the global store, raw, with its source offset
     * ({@link ParameterRecords}): the settle processor decodes, checks and answers it. A tombstone is kept as such, so
     * it is answered too, and the value in force stays. A record without a key has no place in a table; it is counted
     * under the empty key, answered as unreadable.
     */
    private static final class ParameterStoreUpdate implements Processor<String, byte[], Void, Void> {
        private KeyValueStore<String, byte[]> store;
        private ProcessorContext<Void, Void> context;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            store = context.getStateStore(SettleProcessor.PARAMETERS);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            long offset = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
            store.put(record.key() == null ? "" : record.key(), ParameterRecords.write(offset, record.value()));
        }
    }
}
