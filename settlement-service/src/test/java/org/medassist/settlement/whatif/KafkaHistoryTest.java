package org.medassist.settlement.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.events.Claim;
import org.medassist.events.IdentityEvent;
import org.medassist.events.Parameter;
import org.medassist.events.PersonEligibility;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.kafka.AvroSerdes;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.whatif.PolicyRun.YearFacts;

/**
 * {@code --from-kafka}: the input topics on a real broker and registry, read from the beginning read_committed by a
 * consumer of no group. The hand-worked cap raise of {@link WhatIfTest} comes out the same from Kafka as from the file;
 * a claim in an aborted transaction and a claim under another person's key are not history; nothing is written and
 * no consumer group appears.
 */
@ExtendWith(KafkaTestEnvironment.class)
class KafkaHistoryTest {
    static final int PARTITIONS = 3;

    @Test
    void theInputTopicsAreReadCommittedWithoutAGroupAndGiveWhatTheFileGives(KafkaTestEnvironment.Environment env) throws Exception {
        env.deleteAllTopics(); // the broker is shared by this JVM's tests: start from empty topics
        try (Admin admin = Admin.create(env.clientProperties())) {
            Topics.ensure(admin, PARTITIONS, (short) 1);
        }
        AvroSerdes serdes = new AvroSerdes(env.registryUrl());
        Map<String, Object> pc = new HashMap<>(serdes.config());
        env.clientProperties().forEach((k, v) -> pc.put(k.toString(), v));
        pc.put(ProducerConfig.ACKS_CONFIG, "all");
        pc.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        List<String> lines = List.of(
                WhatIfTest.parameter(2022, "per_capita_disposable_income", "30000.00"),
                WhatIfTest.parameter(2023, "per_capita_disposable_income", "32000.00"),
                WhatIfTest.grant("JJ-CAP", "jj-e1"),
                WhatIfTest.grant("JJ-LOW", "jj-e2"),
                WhatIfTest.inpatient("JJ-CAP", "jj-c1", "2023-03-01", "2023-03-10", "60000.00"),
                WhatIfTest.inpatient("JJ-LOW", "jj-c2", "2023-04-01", "2023-04-05", "10000.00"),
                WhatIfTest.inpatient("JJ-CAP", "jj-c3", "2023-06-01", "2023-06-10", "20000.00"));
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(pc, new StringSerializer(), serdes.mixedValue().serializer())) {
            Map<String, List<IdentityEvent>> timelines = new HashMap<>();
            for (String line : lines) {
                SpecificRecord e = EventJson.read(line);
                if (e instanceof IdentityEvent i) {
                    List<IdentityEvent> events = timelines.computeIfAbsent(i.getPersonId(), k -> new ArrayList<>());
                    events.add(i);
                    producer.send(new ProducerRecord<>(Topics.PERSON_ELIGIBILITY.name(), i.getPersonId(),
                            PersonEligibility.newBuilder().setPersonId(i.getPersonId()).setEvents(new ArrayList<>(events)).build()));
                } else if (e instanceof Claim c) {
                    producer.send(new ProducerRecord<>(Topics.HOSPITAL_EVENTS.name(), c.getPersonId(), c));
                } else if (e instanceof Parameter p) {
                    producer.send(new ProducerRecord<>(Topics.POLICY_PARAMETERS.name(), p.getRegion() + "|" + p.getYear() + "|" + p.getName(), p));
                }
            }
            // under another person's key: the topology dead-letters it, so it is not history
            Claim wrongKey = (Claim) EventJson.read(WhatIfTest.inpatient("JJ-LOW", "jj-c9", "2023-07-01", "2023-07-05", "40000.00"));
            producer.send(new ProducerRecord<>(Topics.HOSPITAL_EVENTS.name(), "JJ-CAP", wrongKey));
            producer.flush();
        }
        Map<String, Object> tc = new HashMap<>(pc);
        tc.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "whatif-test-aborted");
        try (KafkaProducer<String, SpecificRecord> aborted = new KafkaProducer<>(tc, new StringSerializer(), serdes.mixedValue().serializer())) {
            aborted.initTransactions();
            aborted.beginTransaction();
            Claim c = (Claim) EventJson.read(WhatIfTest.inpatient("JJ-LOW", "jj-c8", "2023-08-01", "2023-08-05", "90000.00"));
            aborted.send(new ProducerRecord<>(Topics.HOSPITAL_EVENTS.name(), "JJ-LOW", c));
            aborted.flush();
            aborted.abortTransaction();
        }

        Set<String> groupsBefore = groups(env);
        Map<String, Object> client = new HashMap<>();
        env.clientProperties().forEach((k, v) -> client.put(k.toString(), v));
        KafkaHistory history = new KafkaHistory(client, serdes, "the test broker");
        PolicyPair pair = PolicyPair.of(null, null, List.of("jiujiang:tiers[class2].caps.annual.amount=60000.00"));
        Map<String, YearFacts[]> each = new HashMap<>();
        WhatIfReport report = WhatIf.run(history, pair, new WhatIf.Options(Scope.ALL, 10, 10, 10, Function.identity(), "raw"),
                Progress.NONE, () -> false, (p, b, c) -> each.put(p + "|" + (b != null ? b : c).year(), new YearFacts[] {b, c}));

        assertEquals(7, report.meta().events(), "parameters, two timelines, three claims");
        assertEquals(1, report.meta().skipped(), "the claim under another key (read_committed never delivers the aborted one)");
        assertEquals(5_000_000, each.get("JJ-CAP|2023")[0].assistance());
        assertEquals(6_000_000, each.get("JJ-CAP|2023")[1].assistance());
        assertEquals(750_000, each.get("JJ-LOW|2023")[0].assistance(), "neither the aborted claim nor the wrongly keyed one was applied");
        assertEquals(1_000_000, report.totals().difference());

        assertEquals(groupsBefore, groups(env), "no consumer group");
        try (Admin admin = Admin.create(env.clientProperties())) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (String t : List.of(Topics.SETTLEMENTS.name(), Topics.ALERTS.name(), Topics.DEAD_LETTERS.name())) {
                for (var p : admin.describeTopics(List.of(t)).allTopicNames().get(30, TimeUnit.SECONDS).get(t).partitions()) {
                    ends.put(new TopicPartition(t, p.partition()), OffsetSpec.latest());
                }
            }
            admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).forEach((tp, o) -> assertEquals(0, o.offset(), tp + " was written"));
        }
    }

    private static Set<String> groups(KafkaTestEnvironment.Environment env) throws Exception {
        try (Admin admin = Admin.create(env.clientProperties())) {
            Set<String> out = new java.util.TreeSet<>();
            admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).forEach(g -> out.add(g.groupId()));
            return out;
        }
    }
}
