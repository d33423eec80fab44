package org.medassist.settlement.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.load.PolicySource;
import org.medassist.settlement.replay.RandomEvents;
import org.medassist.settlement.whatif.PolicyRun.YearFacts;

/**
 * Monotonic changes over random histories of every region: raising a cap or a rate (a tier's rate, a band's rate, the
 * tilt's rate or cap) never lowers any person-year's assistance, and a change that touches nothing changes nothing.
 */
class WhatIfProperties {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DECIMAL = Pattern.compile("\\d+\\.\\d+");
    private static final BigDecimal ONE = new BigDecimal("1.00");

    /** A value that may be raised: its --set path, its value, and whether it is a rate (at most 1.00). */
    record Raisable(String path, BigDecimal value, boolean rate) {}

    /** Every cap amount and rate of the region's policy file that is written as a number. */
    static List<Raisable> raisable(String region) {
        PolicySource source = WhatIfTest.SOURCES.stream().filter(s -> s.region().equals(region)).findFirst().orElseThrow();
        JsonNode root;
        try {
            root = YAML.readTree(source.policy());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        List<Raisable> out = new ArrayList<>();
        for (JsonNode tier : root.path("tiers")) {
            String t = "tiers[" + tier.path("key").asText() + "]";
            for (Iterator<Map.Entry<String, JsonNode>> it = tier.path("caps").fields(); it.hasNext(); ) {
                var cap = it.next();
                number(out, t + ".caps." + cap.getKey() + ".amount", cap.getValue().path("amount"), false);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = tier.path("rates").fields(); it.hasNext(); ) {
                var rate = it.next();
                String r = t + ".rates." + rate.getKey();
                number(out, r + ".rate", rate.getValue().path("rate"), true);
                JsonNode bands = rate.getValue().path("bands");
                for (int i = 0; i < bands.size(); i++) number(out, r + ".bands[" + i + "].rate", bands.get(i).path("rate"), true);
            }
        }
        number(out, "tilt.rate", root.path("tilt").path("rate"), true);
        number(out, "tilt.cap.amount", root.path("tilt").path("cap").path("amount"), false);
        return out;
    }

    private static void number(List<Raisable> out, String path, JsonNode node, boolean rate) {
        if (node.isTextual() && DECIMAL.matcher(node.asText()).matches()) out.add(new Raisable(path, new BigDecimal(node.asText()), rate));
    }

    @Property(tries = 60)
    void raisingACapOrARateNeverLowersAnyonesAssistance(@ForAll long seed, @ForAll @IntRange(min = 0, max = 63) int regionIndex,
                                                       @ForAll @IntRange(min = 1, max = 3) int changes,
                                                       @ForAll @IntRange(min = 1, max = 50) int cachedPersons) {
        List<RegionPolicy> regions = List.copyOf(WhatIfTest.CATALOG.all());
        RegionPolicy policy = regions.get(regionIndex % regions.size());
        Random rnd = new Random(seed);
        List<Raisable> candidates = new ArrayList<>(raisable(policy.region()));
        assertTrue(!candidates.isEmpty(), policy.region() + " has caps or rates");
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < changes && !candidates.isEmpty(); i++) {
            Raisable r = candidates.remove(rnd.nextInt(candidates.size()));
            BigDecimal raised = r.rate()
                    ? r.value().add(new BigDecimal(1 + rnd.nextInt(30)).movePointLeft(2)).min(ONE)
                    : r.value().add(new BigDecimal(1 + rnd.nextInt(5_000_000)).movePointLeft(2));
            sets.add(policy.region() + ":" + r.path() + "=" + raised.setScale(2).toPlainString());
        }
        PolicyPair pair = PolicyPair.of(null, null, sets);
        List<String> lines = new RandomEvents(seed, policy).generate(40 + rnd.nextInt(120), rnd.nextBoolean());
        WhatIfTest.Run run = WhatIfTest.run(lines, pair, Scope.ALL, cachedPersons);
        long lowered = 0;
        StringBuilder which = new StringBuilder();
        for (var e : run.personYears().entrySet()) {
            YearFacts b = e.getValue()[0], c = e.getValue()[1];
            long before = b == null ? 0 : b.assistance();
            long after = c == null ? 0 : c.assistance();
            if (after < before) {
                lowered++;
                which.append("\n  ").append(e.getKey()).append(": ").append(before).append(" → ").append(after);
            }
        }
        assertEquals(0, lowered, sets + " lowered assistance of" + which);
        assertTrue(run.report().totals().changedAssistance() >= run.report().totals().baseAssistance(), sets + " lowered the fund's assistance");
    }
}
