package org.medassist.eligibility.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medassist.eligibility.Events.grant;
import static org.medassist.eligibility.Events.identity;
import static org.medassist.eligibility.Events.json;

import org.medassist.events.IdentityEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.eligibility.RunningService;
import org.medassist.events.Department;
import org.medassist.events.IdentityAction;
import org.medassist.events.IdentityType;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.kit.audit.Audit;
import org.medassist.kit.audit.AuditLog;
import org.medassist.schemas.PersonIdHash;
import org.medassist.schemas.kafka.Topics;

/**
 * POST /v1/identity-events against a running service (real broker and registry): 401, 403, 400, 202; and the open
 * health and Prometheus endpoints.
 */
@ExtendWith(KafkaTestEnvironment.class)
class IdentityEventsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static RunningService service;
    private static KafkaTestEnvironment.Environment env;

    @BeforeAll
    static void start(KafkaTestEnvironment.Environment environment) throws Exception {
        env = environment;
        service = RunningService.start(env, "eligibility-http-test-" + RUN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) service.close();
    }

    private static String person(String name) {
        return ("P-" + name + "-" + RUN).toUpperCase(java.util.Locale.ROOT); // personIds are upper-case (docs/contract.md)
    }

    private static JsonNode body(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void aMissingOrUnknownTokenIs401() throws Exception {
        String events = json(grant("mz-401-" + RUN, person("401"), "2023-04-20"));
        for (String token : new String[] {null, "no-such-token"}) {
            HttpResponse<String> r = service.post("/v1/identity-events", token, events);
            assertEquals(401, r.statusCode(), r.body());
            assertEquals("unauthorized", body(r).get("error").asText());
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        }
        assertEquals(401, service.get("/v1/persons/" + person("401") + "/eligibility", null).statusCode());
        assertNothingProducedFor(person("401"));
    }

    @Test
    void anIdentityTheDepartmentDoesNotCertifyIs403NamingIt() throws Exception {
        String p = person("403");
        String events = json(grant("mz-ok-" + RUN, p, "2023-04-20"),
                identity("mz-bad-" + RUN, p, Department.civil_affairs, IdentityType.severe_disability, IdentityAction.grant, "2023-04-20"));
        HttpResponse<String> r = service.post("/v1/identity-events", RunningService.CIVIL, events);
        assertEquals(403, r.statusCode(), r.body());
        JsonNode b = body(r);
        assertEquals("forbidden", b.get("error").asText());
        assertTrue(b.get("message").asText().contains("severe_disability"), b.toString());
        assertEquals(1, b.get("events").size());
        assertEquals(1, b.get("events").get(0).get("index").asInt());
        assertEquals("mz-bad-" + RUN, b.get("events").get(0).get("eventId").asText());

        // another department's event, even of an identity that department certifies
        HttpResponse<String> other = service.post("/v1/identity-events", RunningService.RURAL, json(grant("mz-x-" + RUN, p, "2023-04-20")));
        assertEquals(403, other.statusCode(), other.body());
        assertTrue(body(other).get("message").asText().contains("civil_affairs"), other.body());

        // a hospital token may not send identities at all
        HttpResponse<String> hospital = service.post("/v1/identity-events", RunningService.HOSPITAL, json(grant("mz-y-" + RUN, p, "2023-04-20")));
        assertEquals(403, hospital.statusCode(), hospital.body());
        assertNothingProducedFor(p);
    }

    @Test
    void invalidEventsAre400WithAReasonEachAndNothingIsProduced() throws Exception {
        String p = person("400");
        String good = json(grant("mz-good-" + RUN, p, "2023-04-20"));
        String body = "[" + good.substring(1, good.length() - 1) + ","
                + "{\"type\":\"identity\",\"eventId\":\"mz-nodate\",\"personId\":\"" + p + "\",\"region\":\"nanjing\","
                + "\"department\":\"civil_affairs\",\"identity\":\"minimum_living\",\"action\":\"grant\"},"
                + "{\"type\":\"identity\",\"eventId\":\"mz-baddate\",\"personId\":\"" + p + "\",\"region\":\"nanjing\","
                + "\"department\":\"civil_affairs\",\"identity\":\"minimum_living\",\"action\":\"grant\","
                + "\"effectiveDate\":\"2023-02-30\"},"
                + "42]";
        HttpResponse<String> r = service.post("/v1/identity-events", RunningService.CIVIL, body);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode b = body(r);
        assertEquals("invalid", b.get("error").asText());
        JsonNode events = b.get("events");
        assertEquals(3, events.size(), b.toString());
        assertEquals(1, events.get(0).get("index").asInt());
        assertEquals("mz-nodate", events.get(0).get("eventId").asText());
        assertEquals("effectiveDate", events.get(0).get("field").asText());
        assertTrue(events.get(0).get("reason").asText().contains("effectiveDate"), events.toString());
        assertEquals(2, events.get(1).get("index").asInt());
        assertTrue(events.get(1).get("reason").asText().contains("2023-02-30"), events.toString());
        assertEquals(3, events.get(2).get("index").asInt());
        assertTrue(events.get(2).get("eventId").isNull());

        for (String malformed : new String[] {"{\"type\":\"identity\"}", "not json", ""}) {
            HttpResponse<String> m = service.post("/v1/identity-events", RunningService.CIVIL, malformed);
            assertEquals(400, m.statusCode(), malformed + " -> " + m.body());
            assertEquals("invalid", body(m).get("error").asText());
        }
        assertNothingProducedFor(p);
    }

    @Test
    void validEventsAre202AndARepeatIsCountedAsDuplicate() throws Exception {
        String p = person("202");
        String events = json(grant("mz-1-" + RUN, p, "2023-04-20"), Events2.revoke("mz-2-" + RUN, p, "2023-09-01"));
        HttpResponse<String> r = service.post("/v1/identity-events", RunningService.CIVIL, events);
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(2, body(r).get("accepted").asInt());
        assertEquals(0, body(r).get("duplicates").asInt());

        HttpResponse<String> g = service.getUntil("/v1/persons/" + p + "/eligibility", RunningService.READER,
                x -> x.statusCode() == 200 && x.body().contains("mz-2"), Duration.ofSeconds(30));
        assertEquals(200, g.statusCode(), g.body());

        HttpResponse<String> again = service.post("/v1/identity-events", RunningService.CIVIL, events);
        assertEquals(202, again.statusCode(), again.body());
        assertEquals(2, body(again).get("accepted").asInt());
        assertEquals(2, body(again).get("duplicates").asInt(), "both are in this instance's store already");

        // the same eventId with other content: refused now, where the fold would set it aside after a 202
        String changed = json(Events2.revoke("mz-1-" + RUN, p, "2023-05-01"));
        HttpResponse<String> conflict = service.post("/v1/identity-events", RunningService.CIVIL, changed);
        assertEquals(400, conflict.statusCode(), conflict.body());
        assertTrue(conflict.body().contains("an event with this eventId and other content was already received"), conflict.body());
        assertTrue(conflict.body().contains("\"field\":\"eventId\""), conflict.body());
        String twice = json(grant("mz-3-" + RUN, p, "2023-04-20"), grant("mz-3-" + RUN, p, "2023-06-20"));
        HttpResponse<String> inOne = service.post("/v1/identity-events", RunningService.CIVIL, twice);
        assertEquals(400, inOne.statusCode(), inOne.body());
        assertTrue(inOne.body().contains("event 0 of this request has the same eventId with other content"), inOne.body());
        // the identity is the department's eventId within the person's timeline: another person may reuse it
        String other = person("202b");
        HttpResponse<String> twoPersons = service.post("/v1/identity-events", RunningService.CIVIL,
                json(grant("mz-4-" + RUN, p, "2023-04-20"), grant("mz-4-" + RUN, other, "2023-04-20")));
        assertEquals(202, twoPersons.statusCode(), twoPersons.body());
        assertEquals(0, body(twoPersons).get("duplicates").asInt(), twoPersons.body());

        // a region no policy has: folded it would never pay anything, so it is refused even for an all-regions token
        IdentityEvent unknown = grant("mz-5-" + RUN, p, "2023-04-20");
        unknown.setRegion("Nanjing");
        HttpResponse<String> nowhere = service.post("/v1/identity-events", RunningService.CIVIL, json(unknown));
        assertEquals(400, nowhere.statusCode(), nowhere.body());
        assertTrue(nowhere.body().contains("region \\\"Nanjing\\\" has no policy; known regions: fangchenggang, jiangyin, jiujiang, jiyuan, nanjing"),
                nowhere.body());
    }

    @Test
    void aDepartmentSendsOnlyInItsRegionsAndItsEventsNameIt() throws Exception {
        String p = person("regions");
        String jiujiang = json(grant("mz-jj-" + RUN, p, "2023-04-20")).replace("\"region\":\"nanjing\"", "\"region\":\"jiujiang\"");
        HttpResponse<String> refused = service.post("/v1/identity-events", RunningService.CIVIL_NANJING, jiujiang);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("forbidden", body(refused).get("error").asText());
        assertTrue(body(refused).get("message").asText().contains("this token acts for [nanjing] and cannot send events of region jiujiang"), refused.body());
        assertEquals("region", body(refused).get("events").get(0).get("field").asText());
        assertNothingProducedFor(p);

        HttpResponse<String> taken = service.post("/v1/identity-events", RunningService.CIVIL_NANJING, json(grant("mz-nj-" + RUN, p, "2023-04-20")));
        assertEquals(202, taken.statusCode(), taken.body());
        String requestId = taken.headers().firstValue(Audit.REQUEST_ID_HEADER).orElseThrow();
        ConsumerRecord<String, byte[]> record = recordsOfAtLeast(p, 1).get(0);
        assertEquals("department:civil_affairs", header(record, Audit.PRINCIPAL_HEADER));
        assertEquals("test-civil-nanjing", header(record, Audit.PRINCIPAL_LABEL_HEADER));
        assertEquals(requestId, header(record, Audit.REQUEST_ID_KAFKA_HEADER));
    }

    @Test
    void personsAreReadByRegion() throws Exception {
        List<String> audit = new java.util.concurrent.CopyOnWriteArrayList<>();
        service.context().getBean(AuditLog.class).addListener(audit::add);
        String p = person("reads");
        String path = "/v1/persons/" + p + "/eligibility";
        String jiangyin = json(grant("mz-jy-" + RUN, p, "2023-05-01")).replace("\"region\":\"nanjing\"", "\"region\":\"jiangyin\"");
        assertEquals(202, service.post("/v1/identity-events", RunningService.CIVIL, json(grant("mz-r1-" + RUN, p, "2023-04-20"))).statusCode());
        assertEquals(202, service.post("/v1/identity-events", RunningService.CIVIL, jiangyin).statusCode());
        HttpResponse<String> all = service.getUntil(path, RunningService.READER, x -> x.statusCode() == 200 && x.body().contains("mz-jy"),
                Duration.ofSeconds(30));
        assertEquals(200, all.statusCode(), all.body());
        assertEquals(2, body(all).get("events").size());

        HttpResponse<String> outOfRegion = service.get(path, RunningService.READER_JIUJIANG);
        assertEquals(403, outOfRegion.statusCode(), outOfRegion.body());
        assertTrue(body(outOfRegion).get("message").asText().contains("this person has no data in the regions this token may read ([jiujiang])"));
        for (String token : List.of(RunningService.HOSPITAL, RunningService.CIVIL)) {
            HttpResponse<String> r = service.get(path, token);
            assertEquals(403, r.statusCode(), r.body());
            assertTrue(body(r).get("message").asText().contains("tokens may not read persons"), r.body());
        }
        HttpResponse<String> agency = service.get(path, RunningService.AGENCY_NANJING);
        assertEquals(200, agency.statusCode(), agency.body());
        assertEquals(2, body(agency).get("events").size(), "an agency of Nanjing and Jiangyin sees both");

        // audit: the person hashed, never raw; the path without it
        String hash = PersonIdHash.withKey(RunningService.KEY).of(p);
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"label\":\"test-reader-jiujiang\"") && l.contains("\"status\":403")
                && l.contains("\"path\":\"/v1/persons/{personId}/eligibility\"") && l.contains("[\"" + hash + "\"]")), audit.toString());
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"path\":\"/v1/identity-events\"") && l.contains("\"status\":202")
                && l.contains(hash)), "writes are audited with their persons");
        assertTrue(audit.stream().noneMatch(l -> l.contains(p)), "no raw personId in the audit records");
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        org.apache.kafka.common.header.Header h = r.headers().lastHeader(name);
        assertNotNull(h, name);
        return new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void healthAndMetricsAreOpen() throws Exception {
        service.awaitRunning(Duration.ofSeconds(60));
        HttpResponse<String> h = service.get("/health", null);
        assertEquals(200, h.statusCode(), h.body());
        JsonNode health = body(h);
        assertEquals("UP", health.get("status").asText());
        JsonNode streams = health.get("details").get("kafkaStreams");
        assertNotNull(streams, h.body());
        assertEquals("UP", streams.get("status").asText());
        assertEquals("RUNNING", streams.get("details").get("state").asText());

        service.post("/v1/identity-events", "no-such-token", "[]");
        HttpResponse<String> m = service.get("/prometheus", null);
        assertEquals(200, m.statusCode());
        assertTrue(m.body().contains("medassist_streams_state"), "custom gauge");
        assertTrue(m.body().contains("kafka_stream_"), "Kafka Streams' own metrics");
        assertTrue(m.body().contains("http_server_requests_seconds"), "HTTP metrics");
        assertFalse(m.body().contains(person("202")), "no personId in metrics");
    }

    /** Reads identity-events up to its end (read_committed) and checks that no record is keyed by the person. */
    private static void assertNothingProducedFor(String personId) {
        assertEquals(List.of(), recordsOf(personId), "a refused request produced a record for " + personId);
    }

    /**
     * The person's records once there are at least {@code n}: a read_committed reader sees a committed transaction only
     * once its markers are written, a moment after the commit returned (and the request was answered 202).
     */
    private static List<ConsumerRecord<String, byte[]>> recordsOfAtLeast(String personId, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<ConsumerRecord<String, byte[]>> out = recordsOf(personId);
        while (out.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
            out = recordsOf(personId);
        }
        return out;
    }

    /** The records of identity-events keyed by the person, read up to the topic's end (read_committed). */
    private static List<ConsumerRecord<String, byte[]>> recordsOf(String personId) {
        List<ConsumerRecord<String, byte[]>> out = new java.util.ArrayList<>();
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.IDENTITY_EVENTS.name()).stream()
                    .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(100))) {
                    if (personId.equals(rec.key())) out.add(rec);
                }
            }
        }
        return out;
    }

    /** revoke() without a static-import clash. */
    private static final class Events2 {
        static org.medassist.events.IdentityEvent revoke(String id, String p, String d) {
            return org.medassist.eligibility.Events.revoke(id, p, d);
        }
    }
}
