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

    /** Values by region, then name; each a small table of years (a book holds a few years per figure). */
    private final Map<String, Map<String, Yearly>> values = new HashMap<>();

    private static final long ABSENT = Long.MIN_VALUE;

    private static final class Yearly {
        private int[] years = new int[4];
        private long[] fen = new long[4];
        private int n;

        long get(int year) {
            for (int i = 0; i < n; i++) if (years[i] == year) return fen[i];
            return ABSENT;
        }

        /** Sets the year's value; returns the previous one or ABSENT. */
        long put(int year, long value) {
            for (int i = 0; i < n; i++) {
                if (years[i] == year) {
                    long previous = fen[i];
                    fen[i] = value;
                    return previous;
                }
            }
            if (n == years.length) {
                years = java.util.Arrays.copyOf(years, 2 * n);
                fen = java.util.Arrays.copyOf(fen, 2 * n);
            }
            years[n] = year;
            fen[n++] = value;
            return ABSENT;
        }
    }

    /** Sets a value; returns false when it is already set to the same value (so nothing needs recomputing). */
    public boolean put(String region, int year, String name, long fen) {
        long previous = values.computeIfAbsent(region, r -> new HashMap<>()).computeIfAbsent(name, k -> new Yearly()).put(year, fen);
        return previous == ABSENT || previous != fen;
    }

    public Long get(String region, int year, String name) {
        long v = find(region, year, name);
        return v == ABSENT ? null : v;
    }

    private long find(String region, int year, String name) {
        Map<String, Yearly> byName = values.get(region);
        Yearly y = byName == null ? null : byName.get(name);
        return y == null ? ABSENT : y.get(year);
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
        long published = find(policy.region(), year, ref.name());
        if (published != ABSENT) return published;
        Long shipped = amount.published().isEmpty() ? null : amount.published().get(year);
        if (shipped != null) return shipped;
        if (amount.fixedFen() >= 0) return amount.fixedFen();
        if (amount.percentOfIncomePpm() > 0) {
            long income = find(policy.region(), year, INCOME);
            if (income != ABSENT) return Rates.apply(amount.percentOfIncomePpm(), income);
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

    /** Every value, keyed "region|year|name". */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new HashMap<>();
        values.forEach((region, byName) -> byName.forEach((name, y) -> {
            for (int i = 0; i < y.n; i++) out.put(region + '|' + y.years[i] + '|' + name, y.fen[i]);
        }));
        return Map.copyOf(out);
    }
}
