package org.medassist.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medassist.eligibility.Events.grant;
import static org.medassist.eligibility.Events.identity;
import static org.medassist.eligibility.Events.json;
import static org.medassist.eligibility.Events.revoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.eligibility.topology.EligibilityTopology;
import org.medassist.events.DeadLetter;
import org.medassist.events.Department;
import org.medassist.events.IdentityAction;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentityType;
import org.medassist.events.PersonEligibility;
import org.medassist.kit.audit.AuditLog;
import org.medassist.kit.query.InteractiveQueries;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.schemas.kafka.AvroSerdes;
import org.medassist.schemas.kafka.Topics;

/**
 * The service end to end on a real broker and registry: events POSTed over HTTP come out of person-eligibility
 * (Confluent wire format, read back through the registry) and GET answers them; a record that is not an event goes
 * to dead-letters and the stream goes on; with a second instance, each GET is answered by the key's owner.
 */
@ExtendWith(KafkaTestEnvironment.class)
class EligibilityIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void postedEventsBecomeTimelinesThatGetAnswersFromTheOwner(KafkaTestEnvironment.Environment env) throws Exception {
        long t0 = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String app = "eligibility-it-" + run;
        String id = run.toUpperCase(java.util.Locale.ROOT); // personIds are upper-case (docs/contract.md)
        String a = "P-A-" + id;
        String b = "P-B-" + id;
        AvroSerdes serdes = new AvroSerdes(env.registryUrl());
        try (RunningService one = RunningService.start(env, app)) {
            long started = System.nanoTime();
            // civil affairs: a grant and its revoke for a, a revoke then a late, earlier grant for b, and a repeat
            HttpResponse<String> civil = one.post("/v1/identity-events", RunningService.CIVIL, json(
                    grant("mz-1", a, "2023-04-20"), revoke("mz-2", a, "2023-09-01"),
                    revoke("mz-3", b, "2023-12-31"), grant("mz-4", b, "2023-01-01"), grant("mz-1", a, "2023-04-20")));
            assertEquals(202, civil.statusCode(), civil.body());
            assertEquals(5, JSON.readTree(civil.body()).get("accepted").asInt());
            assertEquals(1, JSON.readTree(civil.body()).get("duplicates").asInt(), "mz-1 twice in the request");

            // a record produced straight to the topic that is not an event at all
            try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", env.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(Topics.IDENTITY_EVENTS.name(), a.getBytes(StandardCharsets.UTF_8),
                        "not avro".getBytes(StandardCharsets.UTF_8))).get();
            }

            // person-eligibility: the last timeline of each person, through the registry's deserializer
            Map<String, PersonEligibility> latest = new HashMap<>();
            List<DeadLetter> letters = new java.util.ArrayList<>();
            try (KafkaConsumer<String, PersonEligibility> out = consumer(env, serdes.value(PersonEligibility.class).deserializer());
                 KafkaConsumer<String, DeadLetter> dead = consumer(env, serdes.value(DeadLetter.class).deserializer())) {
                out.subscribe(List.of(Topics.PERSON_ELIGIBILITY.name()));
                dead.subscribe(List.of(Topics.DEAD_LETTERS.name()));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline && !(done(latest.get(a), 2) && done(latest.get(b), 2) && !letters.isEmpty())) {
                    for (ConsumerRecord<String, PersonEligibility> r : out.poll(Duration.ofMillis(100))) latest.put(r.key(), r.value());
                    for (ConsumerRecord<String, DeadLetter> r : dead.poll(Duration.ofMillis(10))) {
                        if (r.value().getService().equals("eligibility-service")
                                && r.value().getSourceTopic().equals(Topics.IDENTITY_EVENTS.name())
                                && "not avro".equals(StandardCharsets.UTF_8.decode(r.value().getValue()).toString())) {
                            letters.add(r.value());
                        }
                    }
                }
            }
            long folded = System.nanoTime();
            PersonEligibility pa = latest.get(a);
            assertEquals(List.of("mz-1", "mz-2"), pa.getEvents().stream().map(IdentityEvent::getEventId).toList());
            assertEquals(1, pa.getSpells().size());
            assertEquals("2023-09-01", pa.getSpells().get(0).getExit().toString());
            PersonEligibility pb = latest.get(b);
            assertEquals(List.of("mz-4", "mz-3"), pb.getEvents().stream().map(IdentityEvent::getEventId).toList(),
                    "the late grant comes first");
            assertEquals("2023-01-01", pb.getSpells().get(0).getRecognized().toString());
            assertEquals("2023-12-31", pb.getSpells().get(0).getExit().toString());
            assertEquals(1, letters.size(), "the bad record is dead-lettered");
            assertTrue(letters.get(0).getReason().startsWith("not in the Confluent wire format"), letters.get(0).getReason());
            assertEquals(KafkaStreams.State.RUNNING, one.streamsState(), "a bad record does not stop the stream");

            // GET: contract JSON events and spells
            HttpResponse<String> g = one.get("/v1/persons/" + a + "/eligibility", RunningService.READER);
            assertEquals(200, g.statusCode(), g.body());
            JsonNode body = JSON.readTree(g.body());
            assertEquals(a, body.get("personId").asText());
            assertEquals("identity", body.get("events").get(0).get("type").asText());
            assertEquals("mz-1", body.get("events").get(0).get("eventId").asText());
            assertEquals("2023-04-20", body.get("events").get(0).get("effectiveDate").asText());
            JsonNode spell = body.get("spells").get(0);
            assertEquals("nanjing", spell.get("region").asText());
            assertEquals("minimum_living", spell.get("identity").asText());
            assertEquals("civil_affairs", spell.get("department").asText());
            assertEquals("2023-04-20", spell.get("recognized").asText());
            assertEquals("2023-09-01", spell.get("exit").asText());
            assertEquals(404, one.get("/v1/persons/P-NOBODY-" + id + "/eligibility", RunningService.READER).statusCode());

            // a second instance of the same application: the partitions are shared, each GET is answered by the owner
            List<String> persons = new java.util.ArrayList<>(List.of(a, b));
            for (int i = 0; i < 10; i++) persons.add("P-" + i + "-" + id);
            // one person at least on every partition, so that each instance owns some whichever partitions it got (the
            // ids are random per run: ten of them all on one instance's two partitions of three failed a CI run)
            for (int i = 10; persons.stream().map(EligibilityIntegrationTest::partition).distinct().count() < RunningService.PARTITIONS; i++) {
                persons.add("P-" + i + "-" + id);
            }
            IdentityEvent[] grants = persons.subList(2, persons.size()).stream()
                    .map(p -> identity("tu-" + p, p, Department.trade_union, IdentityType.hardship_worker,
                            IdentityAction.grant, "2023-03-01"))
                    .toArray(IdentityEvent[]::new);
            HttpResponse<String> union = one.post("/v1/identity-events", RunningService.UNION, json(grants));
            assertEquals(202, union.statusCode(), union.body());
            long scaled;
            try (RunningService two = RunningService.start(env, app)) {
                awaitBalanced(one, two);
                scaled = System.nanoTime();
                Set<String> servedBy = new HashSet<>();
                for (String p : persons) {
                    for (RunningService s : List.of(one, two)) {
                        HttpResponse<String> r = s.getUntil("/v1/persons/" + p + "/eligibility", RunningService.READER,
                                x -> x.statusCode() == 200, Duration.ofSeconds(30));
                        assertEquals(200, r.statusCode(), p + " via " + s.baseUrl + ": " + r.body());
                        assertEquals(p, JSON.readTree(r.body()).get("personId").asText());
                        servedBy.add(r.headers().firstValue(InteractiveQueries.SERVED_BY_HEADER).orElseThrow());
                    }
                }
                assertEquals(2, servedBy.size(), "both instances own some persons: " + servedBy);
                // the same person through both instances: the same owner answers
                HttpResponse<String> viaOne = one.get("/v1/persons/" + a + "/eligibility", RunningService.READER);
                HttpResponse<String> viaTwo = two.get("/v1/persons/" + a + "/eligibility", RunningService.READER);
                assertEquals(viaOne.body(), viaTwo.body());
                assertEquals(viaOne.headers().firstValue(InteractiveQueries.SERVED_BY_HEADER),
                        viaTwo.headers().firstValue(InteractiveQueries.SERVED_BY_HEADER));
                assertNotEquals(one.baseUrl, two.baseUrl);
                // a forwarded request is authenticated again by the owner
                assertEquals(401, two.get("/v1/persons/" + a + "/eligibility", null).statusCode());
                // and audited by both instances under the same request id (docs/security.md, "Audit")
                List<String> auditOne = new java.util.concurrent.CopyOnWriteArrayList<>();
                List<String> auditTwo = new java.util.concurrent.CopyOnWriteArrayList<>();
                one.context().getBean(AuditLog.class).addListener(auditOne::add);
                two.context().getBean(AuditLog.class).addListener(auditTwo::add);
                one.get("/v1/persons/" + a + "/eligibility", RunningService.READER, "fwd-one-" + id);
                two.get("/v1/persons/" + a + "/eligibility", RunningService.READER, "fwd-two-" + id);
                long inBoth = java.util.stream.Stream.of("fwd-one-" + id, "fwd-two-" + id)
                        .filter(r -> auditOne.stream().anyMatch(l -> l.contains("\"requestId\":\"" + r + "\""))
                                && auditTwo.stream().anyMatch(l -> l.contains("\"requestId\":\"" + r + "\"")))
                        .count();
                assertEquals(1, inBoth, "the forwarded one of the two reads: " + auditOne + " " + auditTwo);
            }
            System.out.printf("[EligibilityIntegrationTest] start=%d ms, post→folded=%d ms, second instance balanced=%d ms, "
                            + "total=%d ms%n", (started - t0) / 1_000_000, (folded - started) / 1_000_000,
                    (scaled - folded) / 1_000_000, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private static boolean done(PersonEligibility pe, int events) {
        return pe != null && pe.getEvents().size() == events;
    }

    /**
     * Waits until both instances are RUNNING and each holds the active copy of some partition of the timelines' store,
     * as both see it: the state the GETs below need. (A count of active tasks can match mid-rebalance, and a newly
     * joined instance may at first get only the registry's tasks.)
     */
    /** The partition of a person's records, as Kafka's default partitioner places them by key. */
    private static int partition(String personId) {
        return org.medassist.kit.streams.PersonPartitions.of(personId.getBytes(java.nio.charset.StandardCharsets.UTF_8), RunningService.PARTITIONS);
    }

    private static void awaitBalanced(RunningService one, RunningService two) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (one.streamsState() == KafkaStreams.State.RUNNING && two.streamsState() == KafkaStreams.State.RUNNING
                    && storeSplit(one) && storeSplit(two)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the two instances did not share the partitions of " + EligibilityTopology.STORE + ": "
                + one.streams().streamsMetadataForStore(EligibilityTopology.STORE));
    }

    /** Whether, as this instance sees it, two hosts hold active partitions of the timelines' store, all of them between them. */
    private static boolean storeSplit(RunningService s) {
        var hosts = s.streams().streamsMetadataForStore(EligibilityTopology.STORE);
        Set<Integer> partitions = new HashSet<>();
        long holding = hosts.stream().filter(m -> !m.topicPartitions().isEmpty()).count();
        hosts.forEach(m -> m.topicPartitions().forEach(tp -> partitions.add(tp.partition())));
        return holding == 2 && partitions.size() == RunningService.PARTITIONS;
    }

    private static <V> KafkaConsumer<String, V> consumer(KafkaTestEnvironment.Environment env, Deserializer<V> values) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(c, new StringDeserializer(), values);
    }
}
