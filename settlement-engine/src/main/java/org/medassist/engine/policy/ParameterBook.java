package org.medassist.engine.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * Yearly parameters by region, year and name (DECISIONS E9), from parameter events. Named amounts resolve to the
 * year's published figure (event first, then the policy file), else to their percentage of I, else are missing.
 */
public final class ParameterBook {
    public static final String INCOME = "per_capita_disposable_income";
    /** Returned by {@link #resolve} when a figure cannot be had; amounts themselves are never negative. */
    public static final long MISSING = -1;

    private final Map<String, Long> values = new HashMap<>();

    private static String key(String region, int year, String name) {
        return region + '|' + year + '|' + name;
    }

    /** Sets a value; returns false when it is already set to the same value (so nothing needs recomputing). */
    public boolean put(String region, int year, String name, long fen) {
        Long previous = values.put(key(region, year, name), fen);
        return previous == null || previous != fen;
    }

    public Long get(String region, int year, String name) {
        return values.get(key(region, year, name));
    }

    /** The amount in fen for the year, or {@link #MISSING}. */
    public long resolve(RegionPolicy policy, AmountRef ref, int year) {
        if (!ref.isNamed()) return ref.fixedFen();
        NamedAmount amount = policy.namedAmounts().get(ref.name());
        Long published = get(policy.region(), year, ref.name());
        if (published != null) return published;
        Long shipped = amount.published().get(year);
        if (shipped != null) return shipped;
        if (amount.percentOfIncomePpm() > 0) {
            Long income = get(policy.region(), year, INCOME);
            if (income != null) return Rates.apply(amount.percentOfIncomePpm(), income);
        }
        return MISSING;
    }

    /** Human-readable statement of what is missing for a named amount, for the parked reason. */
    public static String missingReason(RegionPolicy policy, AmountRef ref, int year) {
        NamedAmount amount = policy.namedAmounts().get(ref.name());
        String what = amount.percentOfIncomePpm() > 0
                ? "parameter " + INCOME + " (or a published " + ref.name() + ")"
                : "parameter " + ref.name();
        return what + " for " + policy.region() + " " + year + " is missing";
    }

    public Map<String, Long> snapshot() { return Map.copyOf(values); }
}
