package org.medassist.engine.policy;

import java.util.List;
import java.util.Set;

/**
 * A monitoring rule (DECISIONS E13): fires once per person-year when the measure reaches the threshold, inclusive
 * for "以上", exclusive for "超过". The population is identities, or residents: people with no assistance identity.
 */
public record AlertRule(
        String key, Measure measure, AmountRef threshold, boolean inclusive, Set<String> identities,
        boolean residents, List<String> recipients, Source source) {

    public enum Measure {
        S("S"), R("R"), BURDEN("burden");

        private final String symbol;

        Measure(String symbol) { this.symbol = symbol; }

        public String symbol() { return symbol; }
    }

    public boolean crossed(long value, long thresholdFen) {
        return inclusive ? value >= thresholdFen : value > thresholdFen;
    }
}
