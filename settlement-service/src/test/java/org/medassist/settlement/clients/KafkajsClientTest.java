package org.medassist.settlement.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.eligibility.EligibilityApplication;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.schemas.kafka.ContractSubjects;
import org.medassist.settlement.SettlementApplication;
import org.medassist.settlement.http.ServicesForTests;

/**
 * A non-JVM Confluent client (docs/clients.md): {@code tools/clients/node/claim-roundtrip.js} runs kafkajs and
 * {@code @kafkajs/confluent-schema-registry}, as pinned by its package-lock.json, with their default options against
 * this JVM's broker and registry, both services running. It registers the contract's schemas through the registry's
 * Confluent API, publishes an identity to {@code identity-events} and a claim to {@code hospital-events}, both keyed
 * by the personId, and decodes the claim's settlements from {@code settlements}. Then the registry lists only the
 * subjects a Confluent user expects.
 *
 * <p>The events are Jiangyin's worked example Ex 22's identity and inpatient claim (docs/examples/jiangyin.jsonl,
 * JIANGYIN-1-c4): a 低保 recipient's 10,000.00 in-city stay, nothing paid before. Jiangyin has no deductible and pays
 * 70% of the personal burden of a stay (第五条（二）1), far under the 300,000 annual cap: 1,000,000 fen × 0.70 =
 * 700,000 fen.
 *
 * <p>Needs Node.js 18+ on the PATH and the package installed: {@code npm ci} in tools/clients/node, which
 * {@code .ci/run} does. Without either the test fails, naming what is missing; {@code -Dmedassist.node-client=skip}
 * skips it on a machine without Node.
 */
@ExtendWith(KafkaTestEnvironment.class)
class KafkajsClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Ex 22's inpatient claim: 70% of 10,000.00, in fen. */
    private static final long EX22_C4_FEN = 700_000;

    @Test
    void aKafkajsClientPublishesAnIdentityAndAClaimAndReadsTheSettlementBack(KafkaTestEnvironment.Environment env) throws Exception {
        Assumptions.assumeFalse("skip".equals(System.getProperty("medassist.node-client")),
                "-Dmedassist.node-client=skip: the kafkajs client test is skipped");
        String node = nodeVersion();
        assertTrue(node != null, "node is not on the PATH: install Node.js 18+, then run npm ci in tools/clients/node "
                + "(.ci/run does both checks), or skip this test with -Dmedassist.node-client=skip");
        Path client = clientDir();
        for (String module : List.of("kafkajs", "@kafkajs/confluent-schema-registry")) {
            assertTrue(Files.isRegularFile(client.resolve("node_modules").resolve(module).resolve("package.json")),
                    module + " is not installed: run npm ci in " + client + " (.ci/run does)");
        }

        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String personId = "KAFKAJS-" + run; // upper-case ASCII letters, digits and '-' (docs/contract.md)
        String hospitalId = "H-NODE";
        String claimId = "NODE-" + run + "-c4";

        Map<String, Object> ep = ServicesForTests.common(env, "eligibility-kafkajs", Set.of(hospitalId));
        ep.put("medassist.settlement.enabled", false);
        Map<String, Object> sp = ServicesForTests.common(env, "settlement-kafkajs", Set.of(hospitalId));
        sp.put("medassist.eligibility.enabled", false);
        try (ApplicationContext eligibility = EligibilityApplication.start(ep);
             ApplicationContext settlement = SettlementApplication.start(sp)) {
            ServicesForTests.awaitUp(ServicesForTests.base(eligibility));
            ServicesForTests.awaitUp(ServicesForTests.base(settlement));
            // the global level the client compares with its own default before it registers
            assertEquals("BACKWARD", JSON.readTree(get(env.ccompatUrl() + "/config")).get("compatibilityLevel").asText());

            long t0 = System.nanoTime();
            Run roundTrip = run(client, 150, "node", "claim-roundtrip.js", env.bootstrapServers(), env.ccompatUrl(),
                    avroDir().toString(), personId, hospitalId, claimId, Long.toString(EX22_C4_FEN), "120000");
            long millis = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("[KafkajsClientTest] node %s, claim-roundtrip.js exited %d in %d ms%n", node, roundTrip.exit, millis);
            assertEquals(0, roundTrip.exit, "node claim-roundtrip.js failed:\n" + roundTrip.output);

            List<JsonNode> steps = new ArrayList<>();
            for (String line : roundTrip.output.split("\n")) {
                if (!line.startsWith("{")) continue;
                JsonNode n = JSON.readTree(line);
                if (n.has("step")) steps.add(n); // kafkajs writes its log lines as JSON too
            }
            JsonNode registered = steps.stream().filter(s -> s.get("step").asText().equals("registered")).findFirst()
                    .orElseThrow(() -> new AssertionError("no registered step:\n" + roundTrip.output));
            JsonNode paid = steps.get(steps.size() - 1);
            assertEquals("paid", paid.get("step").asText(), roundTrip.output);
            assertEquals(EX22_C4_FEN, paid.get("paid").asLong(), "70% of 10,000.00 for a Jiangyin 低保 inpatient stay");
            List<JsonNode> settlements = steps.stream().filter(s -> s.get("step").asText().equals("settlement")).toList();
            assertFalse(settlements.isEmpty(), roundTrip.output);
            for (JsonNode s : settlements) {
                assertEquals(personId, s.get("key").asText(), "keyed by the exact personId");
                assertEquals(personId, s.get("personId").asText());
                assertEquals("jiangyin", s.get("region").asText());
                assertEquals(2023, s.get("year").asInt());
            }
            // settled once; when the claim was read before the identity, settled at 0 and then adjusted (E1)
            assertEquals("settled", settlements.get(0).get("status").asText(), roundTrip.output);
            for (JsonNode s : settlements.subList(1, settlements.size())) assertEquals("adjustment", s.get("status").asText());
            assertEquals("recipient", settlements.get(settlements.size() - 1).get("tier").asText(), roundTrip.output);
            // what the client registered is what the Confluent API shows under the contract's subjects
            assertEquals(registered.get("identityId").asInt(), JSON.readTree(get(env.ccompatUrl()
                    + "/subjects/identity-events-value/versions/latest")).get("id").asInt());
            assertEquals(registered.get("claimId").asInt(), JSON.readTree(get(env.ccompatUrl()
                    + "/subjects/hospital-events-org.medassist.events.Claim/versions/latest")).get("id").asInt());
        }

        // only the subjects a Confluent user expects (docs/schema-registry.md): <topic>-value, and
        // hospital-events-<record full name> on the mixed topic; Streams' internal subjects live outside the default
        // group, which the Confluent API does not list; nested types are never subjects
        Set<String> expected = new TreeSet<>();
        for (ContractSubjects.Use use : ContractSubjects.all()) {
            if (use.subject().groupId() == null) expected.add(use.subject().artifactId());
        }
        Set<String> subjects = new TreeSet<>();
        JSON.readTree(get(env.ccompatUrl() + "/subjects")).forEach(s -> subjects.add(s.asText()));
        Set<String> unexpected = new TreeSet<>(subjects);
        unexpected.removeAll(expected);
        assertEquals(Set.of(), unexpected, "subjects a Confluent user would not expect: " + subjects);
        assertTrue(subjects.containsAll(Set.of("identity-events-value", "settlements-value",
                "hospital-events-org.medassist.events.Claim")), "the topics' subjects: " + subjects);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + " -> " + r.body());
        return r.body();
    }

    /** {@code node --version}, or null when there is no node on the PATH. */
    static String nodeVersion() throws InterruptedException {
        try {
            Run v = run(Path.of("."), 30, "node", "--version");
            return v.exit == 0 ? v.output.trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tools/clients/node/package.json"))) return dir;
        }
        throw new IllegalStateException("tools/clients/node/package.json not found above " + Path.of("").toAbsolutePath());
    }

    static Path clientDir() { return repositoryRoot().resolve("tools/clients/node"); }

    /** The contract's schema files, as a third party holds them. */
    static Path avroDir() { return repositoryRoot().resolve("schemas/src/main/avro"); }

    record Run(int exit, String output) {}

    static Run run(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        File log = Files.createTempFile("kafkajs-client-", ".log").toFile();
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Run(-1, "timed out after " + timeoutSeconds + " s:\n" + Files.readString(log.toPath(), StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
        } finally {
            log.delete();
        }
    }
}
