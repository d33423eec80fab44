package org.medassist.settlement.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.kit.auth.PrincipalKind;
import org.medassist.schemas.PersonIdHash;
import org.medassist.settlement.whatif.History;
import org.medassist.settlement.whatif.JsonLinesHistory;
import org.medassist.settlement.whatif.Simulations;

/**
 * {@code POST /v1/simulations} and {@code GET /v1/simulations/{id}}: administrators of the region only, one simulation
 * at a time (409 for a second), progress then the report, whose fund difference is the hand-worked cap raise.
 */
class SimulationControllerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ApiPrincipal ADMIN = new ApiPrincipal(PrincipalKind.ADMIN, "jj-admin", "admin:jj-admin", Set.of("jiujiang"));
    static final ApiPrincipal OTHER_ADMIN = new ApiPrincipal(PrincipalKind.ADMIN, "nj-admin", "admin:nj-admin", Set.of("nanjing"));
    static final ApiPrincipal READER = new ApiPrincipal(PrincipalKind.READER, "jj-reader", "reader:jj-reader", Set.of("jiujiang"));
    static final String BODY = "{\"region\": \"jiujiang\", \"year\": 2023, \"set\": [\"jiujiang:tiers[class2].caps.annual.amount=60000.00\"]}";

    static final String EVENTS = String.join("\n",
            "{\"type\":\"parameter\",\"region\":\"jiujiang\",\"year\":2022,\"name\":\"per_capita_disposable_income\",\"value\":\"30000.00\"}",
            "{\"type\":\"identity\",\"eventId\":\"jj-e1\",\"personId\":\"JJ-CAP\",\"region\":\"jiujiang\",\"department\":\"civil_affairs\",\"identity\":\"minimum_living\",\"action\":\"grant\",\"effectiveDate\":\"2023-01-01\",\"attributes\":{}}",
            claim("jj-c1", "2023-03-10", "60000.00"), claim("jj-c3", "2023-06-10", "20000.00")) + "\n";

    static String claim(String id, String discharge, String scope) {
        return "{\"type\":\"claim\",\"claimId\":\"" + id + "\",\"personId\":\"JJ-CAP\",\"region\":\"jiujiang\",\"hospitalId\":\"H01\",\"hospitalLevel\":\"tertiary\","
                + "\"kind\":\"inpatient\",\"admissionDate\":\"2023-03-01\",\"dischargeDate\":\"" + discharge + "\",\"location\":\"in_city\",\"referred\":true,"
                + "\"hardship\":false,\"diseaseGroup\":null,\"specialDiseaseRegistered\":false,\"amounts\":{\"total\":\"" + scope + "\",\"outOfScope\":\"0.00\","
                + "\"policyScope\":\"" + scope + "\",\"basicInsurance\":\"0.00\",\"criticalIllness\":\"0.00\",\"otherInsurance\":\"0.00\"}}";
    }

    static JsonNode body(HttpResponse<?> r) throws Exception { return JSON.readTree(String.valueOf(r.body())); }

    @Test
    void anAdministratorOfTheRegionSimulatesOneAtATime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Simulations simulations = new Simulations(scope -> {
            History file = new JsonLinesHistory(null, new ByteArrayInputStream(EVENTS.getBytes(StandardCharsets.UTF_8)), new PrintStream(new ByteArrayOutputStream()));
            return new History() { // held until released: a long simulation
                @Override
                public String describe() { return "test events"; }

                @Override
                public Counts read(org.medassist.settlement.whatif.Scope s, java.util.function.Consumer<org.apache.avro.specific.SpecificRecord> sink,
                                   org.medassist.settlement.whatif.Progress progress) throws java.io.IOException {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    return file.read(s, sink, progress);
                }
            };
        });
        SimulationController c = new SimulationController(PolicyLoader.sources(null), PersonIdHash.withKey("k".repeat(32)), simulations, "shipped");

        assertEquals(401, start(c, null, BODY).getStatus().getCode());
        assertEquals(403, start(c, READER, BODY).getStatus().getCode());
        assertEquals(403, start(c, OTHER_ADMIN, BODY).getStatus().getCode(), "an administrator of another region");
        assertEquals(400, start(c, ADMIN, "{\"region\": \"jiujiang\", \"year\": 2023}").getStatus().getCode(), "no change");
        assertEquals(400, start(c, ADMIN, "{\"region\": \"jiujiang\", \"year\": 2023, \"set\": [\"nanjing:tilt.rate=0.7\"]}").getStatus().getCode());
        HttpResponse<?> bad = start(c, ADMIN, "{\"region\": \"jiujiang\", \"year\": 2023, \"set\": [\"jiujiang:tiers[class9].caps.annual.amount=1\"]}");
        assertEquals(400, bad.getStatus().getCode());
        assertTrue(body(bad).path("message").asText().contains("has no item [class9]"), String.valueOf(bad.body()));

        HttpResponse<?> started = start(c, ADMIN, BODY);
        assertEquals(202, started.getStatus().getCode(), String.valueOf(started.body()));
        String id = body(started).path("id").asText();
        HttpResponse<?> second = start(c, ADMIN, BODY);
        assertEquals(409, second.getStatus().getCode(), "one simulation at a time");
        assertEquals(id, body(second).path("running").asText());
        JsonNode running = body(c.get(ADMIN, id));
        assertEquals("running", running.path("state").asText());
        assertEquals(404, c.get(OTHER_ADMIN, id).getStatus().getCode(), "another region's simulation is not shown");
        assertEquals(403, c.get(READER, id).getStatus().getCode());

        release.countDown();
        JsonNode done = running;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (done.path("state").asText().equals("running") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            done = body(c.get(ADMIN, id));
        }
        assertEquals("done", done.path("state").asText(), done.toString());
        assertEquals("10000.00", done.path("report").path("fund").path("difference").asText(), done.toString());
        assertTrue(!done.toString().contains("JJ-CAP"), "personIds are hashed");
        assertEquals(202, start(c, ADMIN, BODY).getStatus().getCode(), "the next one may start");
        simulations.close();
    }

    /** Posts {@code body} as the service would get it: UTF-8 bytes, declared as JSON. */
    private static HttpResponse<?> start(SimulationController c, ApiPrincipal principal, String body) {
        byte[] bytes = body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var request = io.micronaut.http.HttpRequest.POST("/v1/simulations", bytes).contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE);
        return c.start(request, principal, bytes);
    }
}
