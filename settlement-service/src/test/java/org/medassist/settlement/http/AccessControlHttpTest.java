package org.medassist.settlement.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.kit.audit.Audit;
import org.medassist.kit.audit.AuditLog;
import org.medassist.kit.auth.TokenAuthenticator;
import org.medassist.kit.metrics.PrometheusText;
import org.medassist.schemas.PersonIdHash;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.SettlementApplication;

/**
 * The scopes of settlement-service (docs/security.md, "Principals and scopes"), each with a request that is taken
 * and one that is refused with 403 (or 400) and a reason, and nothing of a refused request on Kafka; the principal
 * on every produced record; the audit record of writes and reads, persons hashed.
 */
@ExtendWith(KafkaTestEnvironment.class)
class AccessControlHttpTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L);
    static final String KEY = "access-test-person-id-key-0123456789abcdef";
    static final String NJ_PERSON = "NJ-ACL-" + RUN;
    static final String FCG_PERSON = "FCG-ACL-" + RUN;
    static final String CLAIM = "NJ-H01-ACL-" + RUN;

    static KafkaTestEnvironment.Environment env;
    static ApplicationContext service;
    static String base;
    static final List<String> audit = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(KafkaTestEnvironment.Environment environment) throws Exception {
        env = environment;
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.application.name", "settlement-access-test");
        p.put("micronaut.server.port", -1);
        p.put("micronaut.server.host", "localhost");
        p.put("medassist.eligibility.enabled", false);
        p.put("medassist.kafka.bootstrap-servers", env.bootstrapServers());
        p.put("medassist.kafka.registry-url", env.registryUrl());
        p.put("medassist.kafka.person-partitions", HttpStreamMatchesReplayTest.PARTITIONS);
        p.put("medassist.kafka.application-id", "settlement-access-" + RUN);
        p.put("medassist.kafka.state-dir", Files.createTempDirectory("settlement-access").toString());
        p.put("medassist.kafka.streams.commit.interval.ms", "100");
        p.put("medassist.log.person-id-key", KEY);
        // one transactional producer: concurrent requests wait for it and share its transactions (group commit)
        p.put("medassist.settlement.producers", 1);
        principal(p, "h-nj", "hospital", "NJ-H01", "nanjing");
        principal(p, "h-jj", "hospital", "JJ-H01", "jiujiang");
        principal(p, "agency-nj", "agency", "nanjing-office", "nanjing,fangchenggang");
        principal(p, "admin-nj", "admin", "nanjing-admin", "nanjing");
        principal(p, "reader-nj", "reader", "nanjing-monitoring", "nanjing");
        principal(p, "reader-jj", "reader", "jiujiang-monitoring", "jiujiang");
        principal(p, "dept", "department", "civil_affairs", "*");
        service = SettlementApplication.start(p);
        service.getBean(AuditLog.class).addListener(audit::add);
        base = HttpStreamMatchesReplayTest.base(service);
        HttpStreamMatchesReplayTest.awaitUp(base);
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    static void principal(Map<String, Object> p, String label, String kind, String name, String regions) {
        String prefix = "medassist.auth.principals." + label + ".";
        p.put(prefix + "kind", kind);
        p.put(prefix + "name", name);
        p.put(prefix + "regions", regions);
        p.put(prefix + "token-sha256", TokenAuthenticator.sha256("token-" + label));
    }

    static HttpResponse<String> post(String path, String principal, String requestId, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer token-" + principal)
                .header(Audit.REQUEST_ID_HEADER, requestId).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path, String principal) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (principal != null) b.header("Authorization", "Bearer token-" + principal);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> getUntil(String path, String principal, Predicate<HttpResponse<String>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> r = get(path, principal);
        while (!done.test(r) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = get(path, principal);
        }
        return r;
    }

    static String claim(String claimId, String personId, String region, String hospitalId) {
        return ("{\"type\":\"claim\",\"claimId\":\"%s\",\"personId\":\"%s\",\"region\":\"%s\",\"hospitalId\":\"%s\","
                + "\"hospitalLevel\":\"tertiary\",\"kind\":\"inpatient\",\"admissionDate\":\"2023-05-10\",\"dischargeDate\":\"2023-05-25\","
                + "\"location\":\"in_city\",\"referred\":true,\"hardship\":false,\"diseaseGroup\":null,\"specialDiseaseRegistered\":false,"
                + "\"amounts\":{\"total\":\"60000.00\",\"outOfScope\":\"7000.00\",\"policyScope\":\"53000.00\",\"basicInsurance\":\"30000.00\","
                + "\"criticalIllness\":\"4400.00\",\"otherInsurance\":\"0.00\"}}").formatted(claimId, personId, region, hospitalId);
    }

    static String reversal(String reversalId, String claimId, String hospitalId) {
        return "{\"type\":\"claim_reversal\",\"reversalId\":\"%s\",\"claimId\":\"%s\",\"personId\":\"%s\",\"region\":\"nanjing\",\"reason\":\"test\"%s}"
                .formatted(reversalId, claimId, NJ_PERSON, hospitalId == null ? "" : ",\"hospitalId\":\"" + hospitalId + "\"");
    }

    static String application(String id, String personId, String region, String kind, String decision) {
        return "{\"type\":\"application\",\"applicationId\":\"%s\",\"personId\":\"%s\",\"region\":\"%s\",\"year\":2023,\"kind\":\"%s\",\"filedDate\":\"2023-11-01\",\"decision\":%s}"
                .formatted(id, personId, region, kind, decision);
    }

    static String yearClose(String region) {
        return "{\"type\":\"year_close\",\"region\":\"%s\",\"year\":2023}".formatted(region);
    }

    static String parameter(String region) {
        return "{\"type\":\"parameter\",\"region\":\"%s\",\"year\":2023,\"name\":\"per_capita_disposable_income\",\"value\":\"70000.00\"}".formatted(region);
    }

    static String assertRefused(HttpResponse<String> r, int status, String reason) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(status == 403 ? "forbidden" : "invalid", body.get("error").asText(), r.body());
        assertTrue(r.body().contains(reason), "reason \"" + reason + "\" in " + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no stack trace: " + r.body());
        return r.body();
    }

    /** Every write scope: one taken, one refused; then nothing refused is on Kafka, and what was taken names its sender. */
    @Test
    void writesAreScopedAndRefusedOnesProduceNothing() throws Exception {
        // hospital: own hospitalId, own regions
        assertEquals(202, post("/v1/claims", "h-nj", "acl-claim-" + RUN, "[" + claim(CLAIM, NJ_PERSON, "nanjing", "NJ-H01") + "]").statusCode());
        assertRefused(post("/v1/claims", "h-nj", "acl-refused-claim-" + RUN, "[" + claim("REFUSED-C1-" + RUN, NJ_PERSON, "nanjing", "JJ-H01") + "]"),
                403, "this token is for hospital NJ-H01 and cannot send claims of hospital JJ-H01");
        assertRefused(post("/v1/claims", "h-nj", "acl-r2-" + RUN, "[" + claim("REFUSED-C2-" + RUN, NJ_PERSON, "jiujiang", "NJ-H01") + "]"),
                403, "this token acts for [nanjing] and cannot send events of region jiujiang");
        assertRefused(post("/v1/claims", "reader-nj", "acl-r3-" + RUN, "[" + claim("REFUSED-C3-" + RUN, NJ_PERSON, "nanjing", "NJ-H01") + "]"),
                403, "only hospital tokens may send claim events; this one is a reader's");

        // a reversal names the caller's own hospital
        assertEquals(202, post("/v1/claim-reversals", "h-nj", "acl-rev-" + RUN, "[" + reversal("NJ-REV-" + RUN, "NJ-OTHER-" + RUN, "NJ-H01") + "]").statusCode());
        assertRefused(post("/v1/claim-reversals", "h-nj", "acl-r4-" + RUN, "[" + reversal("REFUSED-R1-" + RUN, CLAIM, "JJ-H01") + "]"),
                403, "this token is for hospital NJ-H01 and cannot send reversals of hospital JJ-H01");
        String missing = assertRefused(post("/v1/claim-reversals", "h-nj", "acl-r5-" + RUN, "[" + reversal("REFUSED-R2-" + RUN, CLAIM, null) + "]"),
                400, "hospitalId is missing; a reversal sent over HTTP names the hospital of the claim it reverses, which must be this token's (NJ-H01)");
        // the endpoint's own rules name the event and the field, as the contract's do
        assertTrue(missing.contains("\"eventId\":\"REFUSED-R2-" + RUN + "\",\"field\":\"hospitalId\""), missing);

        // agency: applications and year closes of its regions; a county decision within the policy's bounds
        assertEquals(202, post("/v1/applications", "agency-nj", "acl-app-" + RUN, "[" + application("NJ-APP-" + RUN, NJ_PERSON, "nanjing", "tilt", "{}") + "]").statusCode());
        assertEquals(202, post("/v1/applications", "agency-nj", "acl-app2-" + RUN, "[" + application("FCG-APP-" + RUN, FCG_PERSON, "fangchenggang", "one_time",
                "{\"deductible\":\"10000.00\",\"rate\":\"0.65\",\"cap\":\"100000.00\"}") + "]").statusCode());
        assertRefused(post("/v1/applications", "agency-nj", "acl-r6-" + RUN, "[" + application("REFUSED-A1-" + RUN, NJ_PERSON, "jiujiang", "tilt", "{}") + "]"),
                403, "this token acts for [fangchenggang, nanjing] and cannot send events of region jiujiang");
        String outside = assertRefused(post("/v1/applications", "agency-nj", "acl-r7-" + RUN, "[" + application("REFUSED-A2-" + RUN, FCG_PERSON, "fangchenggang", "one_time",
                "{\"deductible\":\"8000.00\",\"rate\":null,\"cap\":null}") + "]"),
                400, "decision.deductible 8000.00 is below the policy's bound: at least 10000.00");
        assertTrue(outside.contains("\"eventId\":\"REFUSED-A2-" + RUN + "\",\"field\":\"decision\""), outside);
        assertRefused(post("/v1/applications", "agency-nj", "acl-r8-" + RUN, "[" + application("REFUSED-A3-" + RUN, FCG_PERSON, "fangchenggang", "one_time",
                "{\"deductible\":null,\"rate\":null,\"cap\":\"150000.00\"}") + "]"),
                400, "decision.cap 150000.00 is above the policy's bound: at most 100000.00");
        assertEquals(202, post("/v1/year-closes", "agency-nj", "acl-yc-" + RUN, "[" + yearClose("nanjing") + "]").statusCode());
        assertRefused(post("/v1/year-closes", "agency-nj", "acl-r9-" + RUN, "[" + yearClose("jiangyin") + "]"),
                403, "cannot send events of region jiangyin");

        // admin: parameters of its regions
        assertEquals(202, post("/v1/parameters", "admin-nj", "acl-par-" + RUN, "[" + parameter("nanjing") + "]").statusCode());
        assertRefused(post("/v1/parameters", "admin-nj", "acl-r10-" + RUN, "[" + parameter("jiujiang") + "]"),
                403, "this token acts for [nanjing] and cannot send events of region jiujiang");
        assertRefused(post("/v1/parameters", "h-nj", "acl-r11-" + RUN, "[" + parameter("nanjing") + "]"),
                403, "only admin tokens may send parameter events");

        // Kafka: every accepted event, none refused; each record names its sender and the request
        List<ConsumerRecord<byte[], byte[]>> records = readAll(List.of(Topics.HOSPITAL_EVENTS.name(), Topics.APPLICATIONS.name(),
                Topics.YEAR_CLOSES.name(), Topics.POLICY_PARAMETERS.name()), List.of(CLAIM, "NJ-REV-" + RUN, "NJ-APP-" + RUN, "FCG-APP-" + RUN));
        java.util.Set<String> requests = new java.util.HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String value = new String(r.value(), StandardCharsets.ISO_8859_1);
            assertFalse(value.contains("REFUSED-") && value.contains(RUN), "a refused event reached " + r.topic());
            Header h = r.headers().lastHeader(Audit.REQUEST_ID_KAFKA_HEADER);
            if (h != null) requests.add(new String(h.value(), StandardCharsets.UTF_8));
        }
        for (String taken : List.of("claim", "rev", "app", "app2", "yc", "par")) {
            assertTrue(requests.contains("acl-" + taken + "-" + RUN), "request acl-" + taken + " produced its events");
        }
        for (int i = 2; i <= 11; i++) assertFalse(requests.contains("acl-r" + i + "-" + RUN), "refused request acl-r" + i + " produced an event");
        assertFalse(requests.contains("acl-refused-claim-" + RUN));
        ConsumerRecord<byte[], byte[]> claim = find(records, CLAIM);
        assertEquals("hospital:NJ-H01", header(claim, Audit.PRINCIPAL_HEADER));
        assertEquals("h-nj", header(claim, Audit.PRINCIPAL_LABEL_HEADER));
        assertEquals("acl-claim-" + RUN, header(claim, Audit.REQUEST_ID_KAFKA_HEADER));
        assertEquals("agency:nanjing-office", header(find(records, "FCG-APP-" + RUN), Audit.PRINCIPAL_HEADER));
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (Topics.POLICY_PARAMETERS.name().equals(r.topic()) && new String(r.key(), StandardCharsets.UTF_8).startsWith("nanjing|2023|")
                    && ("acl-par-" + RUN).equals(header(r, Audit.REQUEST_ID_KAFKA_HEADER))) {
                assertEquals("admin:nanjing-admin", header(r, Audit.PRINCIPAL_HEADER));
            }
        }

        // the audit record of a refused write: principal, request, hashed person, outcome and reason
        JsonNode refused = auditRecord("acl-refused-claim-" + RUN);
        assertEquals("h-nj", refused.at("/principal/label").asText());
        assertEquals("hospital", refused.at("/principal/kind").asText());
        assertEquals("POST", refused.get("method").asText());
        assertEquals("/v1/claims", refused.get("path").asText());
        assertEquals(403, refused.get("status").asInt());
        assertEquals("refused", refused.get("outcome").asText());
        assertTrue(refused.get("reason").asText().contains("cannot send claims of hospital JJ-H01"), refused.toString());
        assertEquals(List.of(PersonIdHash.withKey(KEY).of(NJ_PERSON)), List.of(JSON.treeToValue(refused.get("persons"), String[].class)));
        JsonNode taken = auditRecord("acl-claim-" + RUN);
        assertEquals(202, taken.get("status").asInt());
        assertEquals("allowed", taken.get("outcome").asText());
        for (String line : audit) assertFalse(line.contains(NJ_PERSON) || line.contains(FCG_PERSON), "a raw personId in " + line);
    }

    /**
     * Group commit does not mix parties: requests of two hospitals sent at once, some refused, share the one
     * producer's transactions, and every record on Kafka still names its own sender and request; nothing refused is
     * written.
     */
    @Test
    void requestsSharingATransactionEachKeepTheirSender() throws Exception {
        int per = 12;
        List<java.util.concurrent.Callable<Integer>> calls = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < per; i++) {
            String nj = "NJ-H01-GROUP-" + i + "-" + RUN, jj = "JJ-H01-GROUP-" + i + "-" + RUN;
            taken.add(nj);
            taken.add(jj);
            calls.add(() -> post("/v1/claims", "h-nj", "grp-" + nj, "[" + claim(nj, NJ_PERSON, "nanjing", "NJ-H01") + "]").statusCode());
            calls.add(() -> post("/v1/claims", "h-jj", "grp-" + jj, "[" + claim(jj, "JJ-ACL-" + RUN, "jiujiang", "JJ-H01") + "]").statusCode());
            // Nanjing's token sending Jiujiang's hospital's claim: refused before it reaches the queue
            String forged = "REFUSED-GROUP-" + i + "-" + RUN;
            calls.add(() -> post("/v1/claims", "h-nj", "grp-" + forged, "[" + claim(forged, "JJ-ACL-" + RUN, "jiujiang", "JJ-H01") + "]").statusCode());
        }
        double[] before = ingestCounters();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(calls.size());
        List<Integer> statuses = new ArrayList<>();
        try {
            for (var f : pool.invokeAll(calls)) statuses.add(f.get());
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < statuses.size(); i++) assertEquals(i % 3 == 2 ? 403 : 202, statuses.get(i), "request " + i);
        double[] after = ingestCounters();
        double requests = after[0] - before[0], transactions = after[1] - before[1];
        assertEquals(2 * per, requests, 0.0, "every accepted request went to the pool, no refused one");
        assertTrue(transactions < requests, "requests waiting for the one producer shared its transactions: "
                + transactions + " transactions for " + requests + " requests");

        List<ConsumerRecord<byte[], byte[]>> records = readAll(List.of(Topics.HOSPITAL_EVENTS.name()), taken);
        for (String id : taken) {
            ConsumerRecord<byte[], byte[]> r = find(records, id);
            boolean nanjing = id.startsWith("NJ-");
            assertEquals(nanjing ? "hospital:NJ-H01" : "hospital:JJ-H01", header(r, Audit.PRINCIPAL_HEADER), id);
            assertEquals(nanjing ? "h-nj" : "h-jj", header(r, Audit.PRINCIPAL_LABEL_HEADER), id);
            assertEquals("grp-" + id, header(r, Audit.REQUEST_ID_KAFKA_HEADER), id);
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String value = new String(r.value(), StandardCharsets.ISO_8859_1);
            assertFalse(value.contains("REFUSED-GROUP-") && value.contains(RUN), "a refused request reached Kafka");
        }
    }

    /**
     * A person known only by an identity timeline (no claim yet) has data in the timeline's regions: a reader of one
     * of them is told there is nothing in the year (404), a reader of another region is refused (403). It was a 403
     * for every token, an all-regions one included, naming no region of the person's.
     */
    @Test
    void aPersonWithOnlyATimelineIsNotFoundInTheirRegionAndForbiddenElsewhere() throws Exception {
        String person = "NJ-TIMELINE-" + RUN;
        var serdes = new org.medassist.schemas.kafka.AvroSerdes(env.registryUrl());
        Map<String, Object> pc = new HashMap<>();
        env.clientProperties().forEach((k, v) -> pc.put(k.toString(), v));
        pc.putAll(serdes.config());
        var event = (org.medassist.events.IdentityEvent) org.medassist.schemas.json.EventJson.read(("{\"type\":\"identity\","
                + "\"eventId\":\"tl-1\",\"personId\":\"%s\",\"region\":\"nanjing\",\"department\":\"civil_affairs\","
                + "\"identity\":\"minimum_living\",\"action\":\"grant\",\"effectiveDate\":\"2023-01-01\"}").formatted(person));
        try (var timelines = new org.apache.kafka.clients.producer.KafkaProducer<String, org.medassist.events.PersonEligibility>(pc,
                new org.apache.kafka.common.serialization.StringSerializer(),
                serdes.value(org.medassist.events.PersonEligibility.class).serializer())) {
            timelines.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.PERSON_ELIGIBILITY.name(), person,
                    org.medassist.events.PersonEligibility.newBuilder().setPersonId(person).setEvents(List.of(event)).build())).get();
        }
        String path = "/v1/persons/" + person + "/years/2023";
        HttpResponse<String> inRegion = getUntil(path, "reader-nj", r -> r.body().contains("nothing in 2023"));
        assertEquals(404, inRegion.statusCode(), inRegion.body());
        assertEquals("not_found", JSON.readTree(inRegion.body()).get("error").asText(), inRegion.body());
        assertRefused(get(path, "reader-jj"), 403, "this person has no data in the regions this token may read ([jiujiang])");
    }

    /** The service's ingestion counters from /prometheus: requests written, transactions. */
    static double[] ingestCounters() throws Exception {
        String scrape = get("/prometheus", null).body();
        double requests = PrometheusText.sum(scrape, "medassist_ingest_requests_total");
        double transactions = PrometheusText.sum(scrape, "medassist_ingest_transactions_total");
        // before the first request the pool, and so its counters, may not exist yet
        return new double[] {Double.isNaN(requests) ? 0 : requests, Double.isNaN(transactions) ? 0 : transactions};
    }

    /** Reads: a person by region, a claim by its own hospital or by region; every read audited with the person hashed. */
    @Test
    void readsAreScoped() throws Exception {
        String claimId = "NJ-H01-READ-" + RUN;
        String person = "NJ-READ-" + RUN;
        assertEquals(202, post("/v1/claims", "h-nj", "acl-read-claim-" + RUN, "[" + claim(claimId, person, "nanjing", "NJ-H01") + "]").statusCode());

        String personPath = "/v1/persons/" + person + "/years/2023";
        HttpResponse<String> ok = getUntil(personPath, "reader-nj", r -> r.statusCode() == 200);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("nanjing", JSON.readTree(ok.body()).at("/regions/0/region").asText());
        assertRefused(get(personPath, "reader-jj"), 403, "this person has no data in the regions this token may read ([jiujiang])");
        assertRefused(get(personPath, "h-nj"), 403, "hospital tokens may not read persons");
        assertRefused(get(personPath, "dept"), 403, "department tokens may not read persons");
        assertEquals(200, get(personPath, "agency-nj").statusCode(), "an agency reads its regions");
        assertEquals(200, get(personPath, "admin-nj").statusCode(), "an administrator reads its regions");

        String claimPath = "/v1/hospitals/NJ-H01/claims/" + claimId;
        HttpResponse<String> own = getUntil(claimPath, "h-nj", r -> r.statusCode() == 200);
        assertEquals(200, own.statusCode(), own.body());
        assertEquals(person, JSON.readTree(own.body()).get("personId").asText(), own.body());
        String claimLink = JSON.readTree(own.body()).get("claim").asText();
        HttpResponse<String> state = getUntil(claimLink, "h-nj", r -> r.statusCode() == 200);
        assertEquals("NJ-H01", JSON.readTree(state.body()).get("hospitalId").asText(), state.body());
        assertRefused(get(claimLink.replace("/NJ-H01/", "/JJ-H01/"), "h-nj"), 403,
                "this token is for hospital NJ-H01 and cannot read claims of hospital JJ-H01");
        assertRefused(get(claimPath, "h-jj"), 403, "this token is for hospital JJ-H01 and cannot read claims of hospital NJ-H01");
        assertEquals(200, get(claimPath, "reader-nj").statusCode());
        assertRefused(get(claimPath, "reader-jj"), 403, "this claim is of a region this token may not read");
        assertRefused(get(claimPath, "dept"), 403, "department tokens may not read claims");
        assertEquals(404, get("/v1/hospitals/JJ-H01/claims/" + claimId, "reader-nj").statusCode(), "a claim is its hospital's and its id");
        assertEquals(401, get(personPath, null).statusCode());

        // audit: the path without the personId, the person hashed, also for a 401
        String hash = PersonIdHash.withKey(KEY).of(person);
        List<JsonNode> reads = new ArrayList<>();
        for (String line : audit) {
            JsonNode r = JSON.readTree(line);
            if (r.get("path").asText().equals("/v1/persons/{personId}/years/2023") && r.get("persons").toString().contains(hash)) reads.add(r);
        }
        assertTrue(reads.stream().anyMatch(r -> r.get("status").asInt() == 200 && r.at("/principal/label").asText().equals("reader-nj")), reads.toString());
        assertTrue(reads.stream().anyMatch(r -> r.get("status").asInt() == 403 && r.at("/principal/label").asText().equals("reader-jj")
                && r.get("reason").asText().contains("no data in the regions")), reads.toString());
        assertTrue(reads.stream().anyMatch(r -> r.get("status").asInt() == 401 && r.get("principal").isNull()), reads.toString());
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"path\":\"/v1/hospitals/NJ-H01/claims/" + claimId + "\"") && l.contains(hash)),
                "a claim read names the claim's person, hashed");
        for (String line : audit) assertFalse(line.contains(person), "a raw personId in " + line);
        HttpResponse<String> any = get(personPath, "reader-nj");
        assertTrue(any.headers().firstValue(Audit.REQUEST_ID_HEADER).isPresent(), "every answer names its request id");
    }

    static JsonNode auditRecord(String requestId) throws Exception {
        for (String line : audit) {
            JsonNode r = JSON.readTree(line);
            if (requestId.equals(r.get("requestId").asText())) return r;
        }
        throw new AssertionError("no audit record of request " + requestId + " in " + audit);
    }

    static ConsumerRecord<byte[], byte[]> find(List<ConsumerRecord<byte[], byte[]>> records, String id) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (new String(r.value(), StandardCharsets.ISO_8859_1).contains(id)) return r;
        }
        throw new AssertionError(id + " is not on Kafka");
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        assertNotNull(h, name + " on " + r.topic());
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every committed record of the topics, read until each of {@code expected} ids is seen. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(List<String> topics, List<String> expected) {
        Map<String, Object> cc = new HashMap<>();
        env.clientProperties().forEach((k, v) -> cc.put(k.toString(), v));
        cc.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        cc.put(ConsumerConfig.GROUP_ID_CONFIG, "acl-check-" + System.nanoTime());
        cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(cc, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long quietUntil = 0;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) out.add(r);
                boolean all = expected.stream().allMatch(id -> out.stream().anyMatch(r -> new String(r.value(), StandardCharsets.ISO_8859_1).contains(id)));
                if (all && quietUntil == 0) quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos(); // and a little more
                if (quietUntil != 0 && System.nanoTime() > quietUntil) break;
            }
        }
        return out;
    }
}
