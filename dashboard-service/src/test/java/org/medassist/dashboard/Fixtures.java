package org.medassist.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.medassist.events.Alert;
import org.medassist.events.OtherPayers;
import org.medassist.events.Settlement;
import org.medassist.events.SettlementStatus;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.kit.auth.TokenAuthenticator;
import org.medassist.schemas.kafka.KafkaConnection;

/** What the dashboard tests share: the service's properties, tokens, records and HTTP. */
public final class Fixtures {
    private Fixtures() {}

    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String KEY = "dashboard-test-person-id-key-0123456789";

    /** The dashboard's properties on the test broker, with hashed tokens {@code token-<label>} for {@code principals}. */
    public static Map<String, Object> properties(KafkaTestEnvironment.Environment env, String settlementUrl) {
        Map<String, Object> p = new HashMap<>();
        // the services are on the test class path too: their beans stay off in the dashboard's context
        p.put("medassist.settlement.enabled", false);
        p.put("medassist.eligibility.enabled", false);
        p.put("micronaut.application.name", "dashboard-service");
        p.put("medassist.kafka.ensure-topics", false);
        p.put("micronaut.server.port", -1);
        p.put("micronaut.server.host", "127.0.0.1");
        p.put("medassist.kafka.bootstrap-servers", env.bootstrapServers());
        p.put("medassist.kafka.registry-url", env.registryUrl());
        p.put("medassist.log.person-id-key", KEY);
        p.put("medassist.dashboard.partition-lookup", "500ms");
        if (settlementUrl != null) p.put("medassist.dashboard.settlement-url", settlementUrl);
        return p;
    }

    public static void principal(Map<String, Object> p, String label, String kind, String name, String regions) {
        p.put("medassist.auth.principals.t-" + label + ".kind", kind);
        p.put("medassist.auth.principals.t-" + label + ".name", name);
        p.put("medassist.auth.principals.t-" + label + ".regions", regions);
        p.put("medassist.auth.principals.t-" + label + ".token-sha256", TokenAuthenticator.sha256("token-" + label));
    }

    public static String base(ApplicationContext ctx) { return "http://127.0.0.1:" + ctx.getBean(EmbeddedServer.class).getPort(); }

    public static HttpResponse<String> get(String url, String token, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode getJson(String url, String token) throws Exception {
        HttpResponse<String> r = get(url, token);
        if (r.statusCode() != 200) throw new AssertionError(url + " answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    public static void awaitHealthy(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get(base + "/health", null).statusCode() == 200) return;
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(base + " did not become healthy");
    }

    /** Waits until {@code check} holds, or fails naming {@code what}. */
    public static void await(String what, Duration within, java.util.concurrent.Callable<Boolean> check) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(check.call())) return;
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " within " + within + (last != null ? " (last: " + last + ")" : ""));
    }

    /** A producer of contract records through the test registry, as the settlement service writes them. */
    public static KafkaProducer<String, SpecificRecord> producer(KafkaTestEnvironment.Environment env) {
        KafkaConnection c = KafkaConnection.plain(env.bootstrapServers(), env.registryUrl());
        Map<String, Object> cfg = c.clientConfig();
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(cfg, new StringSerializer(), c.avroSerdes().value(SpecificRecord.class).serializer());
    }

    public static void send(KafkaProducer<String, SpecificRecord> producer, String topic, String key, SpecificRecord value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    public static Alert alert(String person, String region, int year, String month, String rule, String measure, long value,
                              long threshold, List<String> recipients) {
        return Alert.newBuilder().setAlertId(person + "/" + year + "/" + rule).setPersonId(person).setRegion(region).setYear(year)
                .setMonth(month).setRule(rule).setMeasure(measure).setValue(value).setThreshold(threshold)
                .setRecipients(new ArrayList<>(recipients)).setClaimId("C-" + person).setHospitalId("H01").build();
    }

    /** A settlement of a claim ({@code claimId} non-null) or of an application (null). */
    public static Settlement settlement(String id, String claimId, String person, String region, int year, SettlementStatus status,
                                        String tier, String identity, long assistance, long tilt, long remaining,
                                        String claimClass, String claimDate) {
        return Settlement.newBuilder().setSettlementId(id).setClaimId(claimId).setPersonId(person).setRegion(region).setYear(year)
                .setStatus(status).setTier(tier).setIdentity(identity).setEligible(0).setAssistance(assistance).setTilt(tilt)
                .setRemaining(remaining).setOtherPayers(new OtherPayers(0L, 0L)).setPolicy(region + "/doc")
                .setExplanation(List.of("test")).setReference(claimId == null ? "A-" + id : null).setReason(null)
                .setRecoveryDue(false).setKpiFlags(List.of()).setHospitalId(claimId == null ? null : "H01")
                .setClaimClass(claimClass).setClaimDate(claimDate == null ? null : LocalDate.parse(claimDate)).build();
    }
}
