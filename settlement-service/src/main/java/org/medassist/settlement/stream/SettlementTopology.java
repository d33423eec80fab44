package org.medassist.settlement.stream;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.events.Alert;
import org.medassist.events.DeadLetter;
import org.medassist.events.Parameter;
import org.medassist.events.Settlement;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.kafka.Topics;

/**
 * The settlement topology. Every processor, store and internal topic is named, so changing the topology never
 * renumbers them and loses state.
 *
 * <pre>
 * hospital-events, applications, year-closes, person-eligibility ─▶ settle ─┬▶ settlements
 *        (co-partitioned by personId)   [person-ledgers, closed-years,    ├▶ alerts
 *                                        applied-parameters]               └▶ dead-letters
 * policy-parameters ─▶ GlobalKTable [policy-parameters-store] (read by settle's punctuator)
 * settlements ─▶ key-by-claim ─▶ [settlements-by-claim] (GET /v1/claims/{claimId})
 * </pre>
 */
public final class SettlementTopology {
    public static final String LEDGER_STORE = SettleProcessor.LEDGERS;
    public static final String CLAIM_STORE = "settlements-by-claim";

    private SettlementTopology() {}

    public static Topology build(PolicyCatalog catalog, SettlementSerdes serdes) {
        return build(catalog, serdes, SettlementMetrics.NONE);
    }

    public static Topology build(PolicyCatalog catalog, SettlementSerdes serdes, SettlementMetrics metrics) {
        StreamsBuilder b = new StreamsBuilder();
        b.globalTable(Topics.POLICY_PARAMETERS.name(),
                Consumed.with(Serdes.String(), serdes.parameters()).withName("policy-parameters-source"),
                Materialized.<String, Parameter, KeyValueStore<Bytes, byte[]>>as(SettleProcessor.PARAMETERS)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.parameters()));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SettleProcessor.LEDGERS),
                Serdes.String(), Serdes.ByteArray()));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SettleProcessor.CLOSED_YEARS),
                Serdes.String(), Serdes.String()));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SettleProcessor.APPLIED_PARAMETERS),
                Serdes.String(), Serdes.Long()));

        KStream<String, SpecificRecord> out = b.stream(
                        List.of(Topics.HOSPITAL_EVENTS.name(), Topics.APPLICATIONS.name(), Topics.YEAR_CLOSES.name(),
                                Topics.PERSON_ELIGIBILITY.name()),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("settlement-inputs"))
                .process(() -> new SettleProcessor(catalog, serdes.input(), metrics), Named.as("settle"),
                        SettleProcessor.LEDGERS, SettleProcessor.CLOSED_YEARS, SettleProcessor.APPLIED_PARAMETERS);
        out.split(Named.as("route-"))
                .branch((k, v) -> v instanceof Settlement, Branched.withConsumer(s -> s
                        .mapValues(v -> (Settlement) v, Named.as("as-settlement"))
                        .to(Topics.SETTLEMENTS.name(), Produced.with(Serdes.String(), serdes.settlements()).withName("settlements-sink")), "settlements"))
                .branch((k, v) -> v instanceof Alert, Branched.withConsumer(s -> s
                        .mapValues(v -> (Alert) v, Named.as("as-alert"))
                        .to(Topics.ALERTS.name(), Produced.with(Serdes.String(), serdes.alerts()).withName("alerts-sink")), "alerts"))
                .branch((k, v) -> v instanceof DeadLetter, Branched.withConsumer(s -> s
                        .mapValues(v -> (DeadLetter) v, Named.as("as-dead-letter"))
                        .to(Topics.DEAD_LETTERS.name(), Produced.with(Serdes.String(), serdes.deadLetters()).withName("dead-letters-sink")), "dead-letters"));

        b.stream(Topics.SETTLEMENTS.name(), Consumed.with(Serdes.String(), serdes.settlements()).withName("settlements-source"))
                .filter((k, s) -> s.getClaimId() != null, Named.as("claim-settlements-only"))
                .selectKey((k, s) -> s.getClaimId(), Named.as("key-by-claim"))
                .groupByKey(Grouped.with("settlements-by-claim", Serdes.String(), serdes.settlements()))
                .aggregate(() -> "", (claimId, s, lines) -> lines + EventJson.write(s) + "\n", Named.as("collect-claim-settlements"),
                        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(CLAIM_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        return b.build();
    }
}
