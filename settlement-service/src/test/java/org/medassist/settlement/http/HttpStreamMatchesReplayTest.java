package org.medassist.settlement.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.eligibility.EligibilityApplication;
import org.medassist.engine.money.Money;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;
import org.medassist.events.Settlement;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.kit.auth.TokenAuthenticator;
import org.medassist.schemas.kafka.AvroSerdes;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.SettlementApplication;
import org.medassist.settlement.SettlementComparison;
import org.medassist.settlement.cases.CaseInputs;
import org.medassist.settlement.cases.CaseCheck;
import org.medassist.settlement.cases.WorkedCase;

/**
 * The check: a mixed, multi-city input (every case of every region of the catalog, docs/engine.md "Cases")
 * sent through HTTP into Kafka and both services; the settlements topic, read committed, equals
 * {@code bin/settle replay} on the same input amount for amount, and meets the cases' amounts. Then the read
 * endpoints answer from the stores.
 */
@ExtendWith(KafkaTestEnvironment.class)
class HttpStreamMatchesReplayTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final int PARTITIONS = 3;
    static final String KEY = "settlement-test-person-id-key-0123456789";

    static Map<String, Object> common(KafkaTestEnvironment.Environment env, String name, Set<String> hospitals) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.application.name", name);
        p.put("micronaut.server.port", -1);
        p.put("micronaut.server.host", "localhost");
        p.put("medassist.kafka.bootstrap-servers", env.bootstrapServers());
        p.put("medassist.kafka.registry-url", env.registryUrl());
        p.put("medassist.kafka.person-partitions", PARTITIONS);
        p.put("medassist.kafka.application-id", name + "-" + System.nanoTime());
        p.put("medassist.kafka.state-dir", Files.createTempDirectory(name).toString());
        p.put("medassist.kafka.streams.commit.interval.ms", "100");
        p.put("medassist.log.person-id-key", KEY);
        for (String dept : List.of("civil_affairs", "rural_revitalization", "veterans_affairs", "trade_union", "disabled_persons_federation")) {
            principal(p, dept, "department", dept);
        }
        for (String hospital : hospitals) principal(p, hospital, "hospital", hospital);
        principal(p, "agency", "agency", "office");
        principal(p, "admin", "admin", "admin");
        return p;
    }

    static void principal(Map<String, Object> p, String label, String kind, String name) {
        p.put("medassist.auth.principals.t-" + label + ".kind", kind);
        p.put("medassist.auth.principals.t-" + label + ".name", name);
        p.put("medassist.auth.principals.t-" + label + ".regions", "*");
        p.put("medassist.auth.principals.t-" + label + ".token-sha256", TokenAuthenticator.sha256("token-" + label));
    }

    static String base(ApplicationContext ctx) { return "http://localhost:" + ctx.getBean(EmbeddedServer.class).getPort(); }

    static HttpResponse<String> post(String url, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void awaitUp(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return;
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(base + " did not become healthy");
    }

    /**
     * Over HTTP a reversal names its hospital, the caller's own (docs/security.md): a case's reversal that does not
     * gets the hospital of the claim it reverses (the same person's earlier claim with that claimId).
     */
    static List<String> withReversalHospitals(List<String> lines) throws Exception {
        Map<String, String> hospitalOfClaim = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line);
            String type = event.get("type").asText();
            if (type.equals("claim")) {
                hospitalOfClaim.put(event.get("personId").asText() + "|" + event.get("claimId").asText(), event.get("hospitalId").asText());
            } else if (type.equals("claim_reversal") && (!event.hasNonNull("hospitalId"))) {
                String hospital = hospitalOfClaim.get(event.get("personId").asText() + "|" + event.get("claimId").asText());
                if (hospital != null) {
                    event.put("hospitalId", hospital);
                    line = JSON.writeValueAsString(event);
                }
            }
            out.add(line);
        }
        return out;
    }

    @Test
    void settlementsThroughHttpAndKafkaEqualReplay(KafkaTestEnvironment.Environment env) throws Exception {
        List<PolicySource> sources = PolicyLoader.sources(null);
        PolicyCatalog catalog = PolicyLoader.load(sources);
        Map<String, List<WorkedCase>> cases = CaseInputs.cases(catalog, sources);
        List<String> lines = withReversalHospitals(CaseInputs.combined(cases));
        List<Settlement> expected = SettlementComparison.replay(catalog, lines);
        Set<String> hospitals = new TreeSet<>();
        JsonNode someClaim = null;
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            if (!event.get("type").asText().equals("claim")) continue;
            hospitals.add(event.get("hospitalId").asText());
            if (someClaim == null) someClaim = event;
        }
        String claimId = someClaim.get("claimId").asText();
        String claimHospital = someClaim.get("hospitalId").asText();
        String personId = someClaim.get("personId").asText();
        String region = someClaim.get("region").asText();
        int year = Integer.parseInt(someClaim.get("dischargeDate").asText().substring(0, 4));
        long personYearPaid = expected.stream().filter(x -> x.getPersonId().equals(personId) && x.getYear() == year
                && x.getRegion().equals(region)).mapToLong(Settlement::getAssistance).sum();

        env.deleteAllTopics(); // the broker is shared by this JVM's tests: start from empty topics
        Map<String, Object> ep = common(env, "eligibility-it", hospitals);
        ep.put("medassist.settlement.enabled", false);
        Map<String, Object> sp = common(env, "settlement-it", hospitals);
        sp.put("medassist.eligibility.enabled", false);
        try (ApplicationContext eligibility = EligibilityApplication.start(ep);
             ApplicationContext settlement = SettlementApplication.start(sp)) {
            String e = base(eligibility);
            String s = base(settlement);
            awaitUp(e);
            awaitUp(s);
            for (String line : lines) {
                JsonNode event = JSON.readTree(line);
                String type = event.get("type").asText();
                HttpResponse<String> r = switch (type) {
                    case "identity" -> post(e + "/v1/identity-events", "token-" + event.get("department").asText(), "[" + line + "]");
                    case "claim" -> post(s + "/v1/claims", "token-" + event.get("hospitalId").asText(), "[" + line + "]");
                    case "claim_reversal" -> post(s + "/v1/claim-reversals", "token-" + event.get("hospitalId").asText(), "[" + line + "]");
                    case "application" -> post(s + "/v1/applications", "token-agency", "[" + line + "]");
                    case "year_close" -> post(s + "/v1/year-closes", "token-agency", "[" + line + "]");
                    case "parameter" -> post(s + "/v1/parameters", "token-admin", "[" + line + "]");
                    default -> throw new AssertionError(type);
                };
                assertEquals(202, r.statusCode(), type + ": " + r.body());
            }

            AvroSerdes serdes = new AvroSerdes(env.registryUrl());
            Map<String, Object> cc = new HashMap<>(serdes.config());
            env.clientProperties().forEach((k, v) -> cc.put(k.toString(), v));
            cc.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + System.nanoTime());
            cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            List<Settlement> actual = new ArrayList<>();
            try (var consumer = new KafkaConsumer<String, Settlement>(cc, new StringDeserializer(), serdes.value(Settlement.class).deserializer())) {
                consumer.subscribe(List.of(Topics.SETTLEMENTS.name()));
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (System.nanoTime() < deadline && !SettlementComparison.same(expected, actual)) {
                    for (ConsumerRecord<String, Settlement> r : consumer.poll(Duration.ofMillis(500))) actual.add(r.value());
                }
            }
            assertEquals(SettlementComparison.assistanceByClaim(expected), SettlementComparison.assistanceByClaim(actual), "assistance per claim");
            assertEquals(SettlementComparison.tiltByPersonYear(expected), SettlementComparison.tiltByPersonYear(actual), "tilt per person-year");
            assertEquals(List.of(), CaseCheck.checkCombined(cases, actual, List.of(), CaseCheck.Depth.AMOUNTS));

            // a claim is found by hospital and claimId: first its person (the owners' registry), then its state
            HttpResponse<String> owner = get(s + "/v1/hospitals/" + claimHospital + "/claims/" + claimId, "token-agency");
            assertEquals(200, owner.statusCode(), owner.body());
            assertEquals(personId, JSON.readTree(owner.body()).get("personId").asText(), owner.body());
            HttpResponse<String> claim = get(s + JSON.readTree(owner.body()).get("claim").asText(), "token-agency");
            assertEquals(200, claim.statusCode(), claim.body());
            assertEquals(claimId, JSON.readTree(claim.body()).get("claimId").asText(), claim.body());
            long claimPaid = expected.stream().filter(x -> claimId.equals(x.getClaimId())).mapToLong(Settlement::getAssistance).sum();
            assertEquals(Money.format(claimPaid), JSON.readTree(claim.body()).get("assistancePaid").asText(), claim.body());
            assertEquals(404, get(s + "/v1/hospitals/" + claimHospital + "/claims/nope", "token-agency").statusCode());
            HttpResponse<String> py = get(s + "/v1/persons/" + personId + "/years/" + year, "token-agency");
            assertEquals(200, py.statusCode(), py.body());
            assertEquals(Money.format(personYearPaid), JSON.readTree(py.body()).at("/regions/0/totals/assistancePaid").asText(), py.body());
            assertEquals(404, get(s + "/v1/persons/nobody/years/" + year, "token-agency").statusCode());
            assertEquals(401, get(s + "/v1/persons/" + personId + "/years/" + year, "wrong").statusCode());
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(s + "/prometheus")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String m : List.of("medassist_settlements_total{region=\"" + region + "\",status=\"settled\"}", "medassist_assistance_paid_fen_total",
                    "medassist_settle_processing_seconds_count", "medassist_ingest_events_total", "medassist_streams_state")) {
                assertTrue(metrics.contains(m), m + " missing from /prometheus");
            }
        }
    }
}
