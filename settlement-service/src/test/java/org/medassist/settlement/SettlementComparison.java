package org.medassist.settlement;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.events.Settlement;
import org.medassist.schemas.json.EventJson;
import org.medassist.settlement.replay.Replay;

/**
 * Comparing streamed settlements with replay's. Streaming receives timelines, parameters and applications on their
 * own topics, so their interleaving with claims differs from a file's; by DECISIONS E1 the final amounts do not.
 * Tilt may be attributed to another claim of the same person-year, so it is compared per person-year.
 */
public final class SettlementComparison {
    private SettlementComparison() {}

    /** The five example files of docs/examples, concatenated. */
    public static List<String> exampleLines() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("docs/examples"))) dir = dir.getParent();
        List<String> lines = new ArrayList<>();
        for (var city : PolicyLoader.bundled().all().stream().map(p -> p.region()).toList()) lines.addAll(Files.readAllLines(dir.resolve("docs/examples/" + city + ".jsonl")));
        return lines;
    }

    /** The settlements bin/settle replay writes for these lines. */
    public static List<Settlement> replay(List<String> lines) throws Exception {
        StringWriter out = new StringWriter();
        new Replay(PolicyLoader.bundled(), new PrintStream(new ByteArrayOutputStream()), false)
                .run(new BufferedReader(new StringReader(String.join("\n", lines))), out);
        List<Settlement> settlements = new ArrayList<>();
        for (String l : out.toString().split("\n")) if (EventJson.read(l) instanceof Settlement s) settlements.add(s);
        return settlements;
    }

    public static Map<String, Long> assistanceByClaim(List<Settlement> settlements) {
        Map<String, Long> out = new TreeMap<>();
        for (Settlement s : settlements) {
            if (s.getClaimId() != null && !s.getStatus().name().equals("rejected")) out.merge(s.getClaimId(), s.getAssistance(), Long::sum);
        }
        return out;
    }

    public static Map<String, Long> tiltByPersonYear(List<Settlement> settlements) {
        Map<String, Long> out = new TreeMap<>();
        for (Settlement s : settlements) out.merge(s.getPersonId() + "/" + s.getYear(), s.getTilt(), Long::sum);
        out.values().removeIf(v -> v == 0);
        return out;
    }

    public static boolean same(List<Settlement> expected, List<Settlement> actual) {
        return assistanceByClaim(expected).equals(assistanceByClaim(actual)) && tiltByPersonYear(expected).equals(tiltByPersonYear(actual));
    }
}
