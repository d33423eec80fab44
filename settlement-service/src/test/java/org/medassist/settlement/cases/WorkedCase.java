package org.medassist.settlement.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One named case of a region's {@code cases.yaml} (docs/engine.md, "Cases"): the contract events it sends, in order,
 * with checkpoints between them, and what must come out, to the fen.
 *
 * @param where the file and key path, for messages: {@code classpath:policies/nanjing/cases.yaml: cases[3]}
 */
public record WorkedCase(String region, String name, String cites, String where, List<Step> steps, Expectation expect) {

    /** An input event or a checkpoint. */
    public sealed interface Step permits Event, Checkpoint {}

    /** A complete contract event (defaults filled in), as the JSON object a JSON Lines file would hold. */
    public record Event(String type, ObjectNode json) implements Step {
        public String line() { return json.toString(); }

        /** The person it concerns; null for region-wide events (parameter, year_close). */
        public String personId() { return json.hasNonNull("personId") ? json.get("personId").asText() : null; }

        public boolean regionWide() { return type.equals("parameter") || type.equals("year_close"); }
    }

    /** Expectations that hold after the events before it (the engine's state at that point). */
    public record Checkpoint(Expectation expect, String where) implements Step {}

    /**
     * What the case's settlements and alerts must show. A null field is not checked; {@code alerts}, when given, is
     * the complete list of the case's alerts.
     */
    public record Expectation(Map<String, ClaimExpectation> claims, Map<String, Long> referenceTilt, Long totalTilt,
                              List<AlertExpectation> alerts) {}

    /** Sums over all of a claim's settlement events (assistance, tilt), and fields of its latest one. */
    public record ClaimExpectation(Long assistance, Long tilt, String status, String tier, String identity,
                                   Long localFinanceRelief, Long hospitalBorne, List<String> kpiFlags) {}

    /** An alert the case raises; null fields are not checked. */
    public record AlertExpectation(String rule, String month, String personId, String claimId, Long value, Long threshold) {}

    public List<Event> events() {
        return steps.stream().filter(s -> s instanceof Event).map(s -> (Event) s).toList();
    }

    /** The people the case's events concern. */
    public Set<String> persons() {
        Set<String> out = new LinkedHashSet<>();
        for (Event e : events()) if (e.personId() != null) out.add(e.personId());
        return out;
    }

    /** "nanjing: ex18 tier D …" for messages. */
    public String label() { return region + ": " + name; }
}
