package org.medassist.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.money.Money;
import org.medassist.settlement.replay.Replay;

/**
 * {@code bin/simulate … | bin/settle replay}: the stream goes through the engine with no failure, and the only
 * rejections are the breaches the generator meant, each answered once.
 */
class StreamThroughReplayTest {

    /** What replay made of a stream: its settlements as JSON (a rejection's year may be 0, which EventJson.read refuses). */
    record Outcome(long failed, String messages, List<JsonNode> settlements, int alerts) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Outcome replay(PolicyCatalog catalog, SyntheticStream stream, StringBuilder lines) throws Exception {
        for (StreamEvent e : stream) lines.append(e.json()).append('\n');
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        long failed = new Replay(catalog, new PrintStream(messages, true, StandardCharsets.UTF_8), false)
                .run(new BufferedReader(new StringReader(lines.toString())), out);
        List<JsonNode> settlements = new ArrayList<>();
        int alerts = 0;
        for (String line : out.toString().split("\n")) {
            JsonNode r = JSON.readTree(line);
            if (r.get("type").asText().equals("settlement")) settlements.add(r);
            if (r.get("type").asText().equals("alert")) alerts++;
        }
        return new Outcome(failed, messages.toString(StandardCharsets.UTF_8), settlements, alerts);
    }

    /** What a rejection answers: the claim, or the id at the end of its reference ({@code identity:<eventId>}). */
    private static String subject(JsonNode s) {
        String ref = text(s, "reference");
        return ref == null ? text(s, "claimId") : ref.substring(ref.lastIndexOf(':') + 1);
    }

    private static String text(JsonNode s, String field) {
        JsonNode v = s.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String status(JsonNode s) {
        return s.get("status").asText();
    }

    private static long fen(JsonNode s, String field) {
        return Money.parseYuan(s.get(field).asText());
    }

    private static Map<String, Integer> count(List<String> ids) {
        Map<String, Integer> m = new TreeMap<>();
        for (String id : ids) m.merge(id, 1, Integer::sum);
        return m;
    }

    @Test
    void theFiveCitiesSettleWithNoFailureAndExactlyTheBreachesRejected() throws Exception {
        PolicyCatalog catalog = PolicyLoader.bundled();
        SyntheticStream stream = new SyntheticStream(catalog, SimulationConfig.of(11, 700, 2).withInvalidShare(0.01));
        List<StreamEvent> events = SyntheticStreamTest.list(stream);
        assertTrue(events.size() > 5_000, events.size() + " events");
        Outcome o = replay(catalog, stream, new StringBuilder());
        assertEquals(0, o.failed(), o.messages());

        List<String> meant = events.stream().filter(e -> !e.valid()).map(StreamEvent::id).toList();
        List<String> rejected = o.settlements().stream().filter(s -> status(s).equals("rejected"))
                .map(StreamThroughReplayTest::subject).toList();
        assertTrue(meant.size() >= 20, meant.size() + " breaches");
        assertEquals(count(meant), count(rejected));
        for (JsonNode s : o.settlements()) {
            if (status(s).equals("rejected")) assertTrue(text(s, "reason") != null && !text(s, "reason").isBlank());
        }

        // the adversarial part of the mix reaches the engine's paths
        Map<String, Integer> byStatus = new HashMap<>();
        for (JsonNode s : o.settlements()) byStatus.merge(status(s), 1, Integer::sum);
        assertTrue(byStatus.getOrDefault("adjustment", 0) > 50, "late records and reversals recompute: " + byStatus);
        assertTrue(byStatus.getOrDefault("reversed", 0) > 50, byStatus.toString());
        assertTrue(byStatus.getOrDefault("parked", 0) > 0, "a figure published in March parks early claims: " + byStatus);
        assertTrue(o.settlements().stream().anyMatch(s -> s.get("recoveryDue").asBoolean()), "a recovery (追回) somewhere");
        assertTrue(o.settlements().stream().anyMatch(s -> text(s, "claimId") == null && fen(s, "tilt") > 0), "tilt paid on application");
        assertTrue(o.settlements().stream().anyMatch(s -> String.valueOf(text(s, "reference")).startsWith("year_close")), "a year-end top-up");
        assertTrue(o.alerts() > 0);
        // every parked claim settles once its year's figure is published
        Map<String, String> last = new HashMap<>();
        for (JsonNode s : o.settlements()) if (text(s, "claimId") != null && !status(s).equals("rejected")) last.put(text(s, "claimId"), status(s));
        assertTrue(last.values().stream().noneMatch(st -> st.equals("parked")), "nothing stays parked");
    }

    @Test
    void aFictionalCityFromAnOperatorsDirectoryGoesThroughToo(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("atlantis"));
        Files.writeString(dir.resolve("atlantis/policy.yaml"), CityTest.ATLANTIS);
        PolicyCatalog catalog = PolicyLoader.catalog(dir);
        SyntheticStream stream = new SyntheticStream(catalog, SimulationConfig.of(4, 1_500, 1)
                .withRegions(List.of("atlantis")).withInvalidShare(0.01));
        Outcome o = replay(catalog, stream, new StringBuilder());
        assertEquals(0, o.failed(), o.messages());
        List<String> meant = SyntheticStreamTest.list(stream).stream().filter(e -> !e.valid()).map(StreamEvent::id).toList();
        List<String> rejected = o.settlements().stream().filter(s -> status(s).equals("rejected"))
                .map(StreamThroughReplayTest::subject).toList();
        assertEquals(count(meant), count(rejected));
        long paid = o.settlements().stream().filter(s -> text(s, "region").equals("atlantis")).mapToLong(s -> fen(s, "assistance") + fen(s, "tilt")).sum();
        assertTrue(paid > 0, "its policy pays");
        assertTrue(o.settlements().stream().anyMatch(s -> String.valueOf(text(s, "policy")).startsWith("atlantis/")));
    }
}
