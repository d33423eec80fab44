package org.medassist.engine.policy;

import java.time.LocalDate;
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

    /**
     * The amount in fen in force on {@code day} (the claim's date, E3), or {@link #MISSING}: the value of a dated
     * figure in force that day; for a named amount, the published figure for the day's year (event first, then the
     * policy file), else the named amount's value in force that day (a yuan figure, or its share of the year's I).
     */
    public long resolve(RegionPolicy policy, AmountRef dated, LocalDate day) {
        AmountRef ref = dated.at(day);
        if (!ref.isNamed()) return ref.fixedFen();
        int year = day.getYear();
        NamedAmount amount = policy.namedAmounts().get(ref.name()).at(day);
        Long published = get(policy.region(), year, ref.name());
        if (published != null) return published;
        Long shipped = amount.published().get(year);
        if (shipped != null) return shipped;
        if (amount.fixedFen() >= 0) return amount.fixedFen();
        if (amount.percentOfIncomePpm() > 0) {
            Long income = get(policy.region(), year, INCOME);
            if (income != null) return Rates.apply(amount.percentOfIncomePpm(), income);
        }
        return MISSING;
    }

    /** Human-readable statement of what is missing for a named amount, for the parked reason. */
    public static String missingReason(RegionPolicy policy, AmountRef dated, LocalDate day) {
        AmountRef ref = dated.at(day);
        int year = day.getYear();
        NamedAmount amount = policy.namedAmounts().get(ref.name()).at(day);
        String what = amount.percentOfIncomePpm() > 0
                ? "parameter " + INCOME + " (or a published " + ref.name() + ")"
                : "parameter " + ref.name();
        return what + " for " + policy.region() + " " + year + " is missing";
    }

    /**
     * The citation of a figure's value in force on {@code day}, and when it names an amount with dated values, the
     * citation of that amount's value too: explanation lines cite the value actually used.
     */
    public static String cite(RegionPolicy policy, AmountRef dated, LocalDate day) {
        AmountRef ref = dated.at(day);
        String cite = ref.source().cite();
        if (ref.isNamed()) {
            NamedAmount amount = policy.namedAmounts().get(ref.name());
            if (amount.dated()) cite += " " + amount.at(day).source().cite();
        }
        return cite;
    }

    /**
     * For lines that cite their rule's own clause: the extra citation of a figure's value in force on {@code day}
     * when the figure, or the amount it names, has dated values; "" for an undated figure.
     */
    public static String citeDated(RegionPolicy policy, AmountRef dated, LocalDate day) {
        AmountRef ref = dated.at(day);
        String cite = ref.dated() ? " " + ref.source().cite() : "";
        if (ref.isNamed()) {
            NamedAmount amount = policy.namedAmounts().get(ref.name());
            if (amount.dated()) cite += " " + amount.at(day).source().cite();
        }
        return cite;
    }

    public Map<String, Long> snapshot() { return Map.copyOf(values); }
}
