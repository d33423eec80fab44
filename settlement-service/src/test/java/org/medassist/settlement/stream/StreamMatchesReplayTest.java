package org.medassist.settlement.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.IdentityEvent;
import org.medassist.events.Parameter;
import org.medassist.events.PersonEligibility;
import org.medassist.events.Settlement;
import org.medassist.events.YearClose;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.kafka.AvroSerdes;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.SettlementComparison;
import org.medassist.settlement.cases.CaseCheck;
import org.medassist.settlement.cases.CaseInputs;
import org.medassist.settlement.cases.WorkedCase;

/**
 * Every case of every region of the catalog (docs/engine.md, "Cases") as one input, produced as Avro through the
 * registry to a real broker, settled by the streaming topology with exactly_once_v2, read back read_committed: every
 * claim's final amounts equal bin/settle replay's, and meet the cases' expectations.
 */
@ExtendWith(KafkaTestEnvironment.class)
class StreamMatchesReplayTest {
    static final int PARTITIONS = 3;

    @Test
    void settlementsTopicEqualsReplayAmountForAmount_andMeetsTheCases(KafkaTestEnvironment.Environment env) throws Exception {
        List<PolicySource> sources = PolicyLoader.sources(null);
        PolicyCatalog catalog = PolicyLoader.load(sources);
        Map<String, List<WorkedCase>> cases = CaseInputs.cases(catalog, sources);
        List<String> lines = CaseInputs.combined(cases);
        List<Settlement> actual = settleThroughTheStream(env, catalog, lines, "settlement-it");
        assertEquals(List.of(), CaseCheck.checkCombined(cases, actual, List.of(), CaseCheck.Depth.AMOUNTS));
    }

    /**
     * Sends the lines through the topology on the test broker and returns the settlements topic once it equals
     * replay's amounts (or after 90 s), having asserted that it does.
     */
    static List<Settlement> settleThroughTheStream(KafkaTestEnvironment.Environment env, PolicyCatalog catalog, List<String> lines,
                                                   String name) throws Exception {
        List<Settlement> expected = SettlementComparison.replay(catalog, lines);
        AvroSerdes serdes = new AvroSerdes(env.registryUrl());
        try (KafkaStreams streams = RunningTopology.start(env, PARTITIONS, name, catalog)) {
            produce(env, serdes, lines);
            List<Settlement> actual = new ArrayList<>();
            Map<String, Object> cc = new HashMap<>(serdes.config());
            cc.putAll(toMap(env.clientProperties()));
            cc.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + System.nanoTime());
            cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (KafkaConsumer<String, Settlement> consumer = new KafkaConsumer<>(cc, new StringDeserializer(),
                    serdes.value(Settlement.class).deserializer())) {
                consumer.subscribe(List.of(Topics.SETTLEMENTS.name()));
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (System.nanoTime() < deadline && !SettlementComparison.same(expected, actual)) {
                    for (ConsumerRecord<String, Settlement> r : consumer.poll(Duration.ofMillis(500))) actual.add(r.value());
                }
            }
            assertEquals(SettlementComparison.assistanceByClaim(expected), SettlementComparison.assistanceByClaim(actual), "assistance per claim");
            assertEquals(SettlementComparison.tiltByPersonYear(expected), SettlementComparison.tiltByPersonYear(actual), "tilt per person-year");
            return actual;
        }
    }

    static Map<String, Object> toMap(Properties p) {
        Map<String, Object> m = new HashMap<>();
        p.forEach((k, v) -> m.put(k.toString(), v));
        return m;
    }

    /** Produces each line to its topic; identity events are folded into timelines as eligibility-service does. */
    static void produce(KafkaTestEnvironment.Environment env, AvroSerdes serdes, List<String> lines) {
        Map<String, Object> pc = new HashMap<>(serdes.config());
        pc.putAll(toMap(env.clientProperties()));
        pc.put(ProducerConfig.ACKS_CONFIG, "all");
        pc.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Map<String, List<IdentityEvent>> timelines = new HashMap<>();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(pc, new StringSerializer(), serdes.mixedValue().serializer())) {
            for (String line : lines) {
                SpecificRecord e = EventJson.read(line);
                if (e instanceof IdentityEvent i) {
                    List<IdentityEvent> events = timelines.computeIfAbsent(i.getPersonId(), k -> new ArrayList<>());
                    events.add(i);
                    producer.send(new ProducerRecord<>(Topics.PERSON_ELIGIBILITY.name(), i.getPersonId(),
                            PersonEligibility.newBuilder().setPersonId(i.getPersonId()).setEvents(new ArrayList<>(events)).build()));
                } else if (e instanceof Claim c) {
                    producer.send(new ProducerRecord<>(Topics.HOSPITAL_EVENTS.name(), c.getPersonId(), c));
                } else if (e instanceof ClaimReversal r) {
                    producer.send(new ProducerRecord<>(Topics.HOSPITAL_EVENTS.name(), r.getPersonId(), r));
                } else if (e instanceof Application a) {
                    producer.send(new ProducerRecord<>(Topics.APPLICATIONS.name(), a.getPersonId(), a));
                } else if (e instanceof Parameter p) {
                    producer.send(new ProducerRecord<>(Topics.POLICY_PARAMETERS.name(), p.getRegion() + "|" + p.getYear() + "|" + p.getName(), p));
                } else if (e instanceof YearClose y) {
                    for (int part = 0; part < PARTITIONS; part++) {
                        producer.send(new ProducerRecord<>(Topics.YEAR_CLOSES.name(), part, y.getRegion() + "|" + y.getYear(), y));
                    }
                }
            }
            producer.flush();
        }
    }
}
