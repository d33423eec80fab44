package org.medassist.settlement.whatif;

import java.util.List;
import java.util.Map;

/**
 * What a what-if found, baseline against change (docs/whatif.md, "The report"). Money is fen everywhere; the
 * renderers ({@link TextReport}, {@link CsvReport}, {@link HtmlReport}, {@link JsonReport}) format it with
 * {@code Money}. "Paid" is assistance plus tilt: conventional assistance, and tilt with the end items the contract
 * carries in {@code tilt} (Jiangyin's year-end top-up, Fangchenggang's one-time assistance); other payers
 * (local-finance relief, hospital-borne amounts) are never assistance (E12) and are not counted.
 */
public record WhatIfReport(
        Meta meta, List<PolicyDiff.RuleChange> policyChanges, Totals totals, List<Row> byCity, List<Row> byTier,
        List<Row> byClass, List<Row> byMonth, Persons persons, Burden burden, List<AlertRow> alerts,
        List<AlertChange> alertChanges, long alertChangesTotal) {

    /**
     * @param input     what was read ("events.jsonl", "Kafka at host:9092")
     * @param scope     regions and year reported
     * @param events    input events applied to both sides
     * @param skipped   input lines or records not applied: malformed or unreadable, or not input events
     * @param outOfScope valid input events of another region or year than the scope's, not applied
     * @param seconds   wall time of the run
     * @param personIds how persons are named: "keyed hash" or "raw personId"
     */
    public record Meta(String input, String scope, long events, long skipped, long outOfScope, int persons, double seconds, String personIds,
                       Side baseline, Side changed) {}

    /**
     * One side's run: its policies, what it published (settlement events by status, alerts), events that failed inside
     * the engine (0 on a clean run, with the first failure) and the bytes its stored ledgers took.
     */
    public record Side(String policies, Map<String, Long> settlements, long alerts, long failed, String firstFailure,
                       long storedBytes) {}

    /** Fund totals over the scope's person-years. */
    public record Totals(long baseAssistance, long baseTilt, long changedAssistance, long changedTilt, long personYears,
                         long basePaidPersonYears, long changedPaidPersonYears) {
        public long basePaid() { return baseAssistance + baseTilt; }

        public long changedPaid() { return changedAssistance + changedTilt; }

        public long difference() { return changedPaid() - basePaid(); }
    }

    /** One row of a breakdown table: a city, tier, claim class or month. */
    public record Row(String key, String region, String label, long baseAssistance, long baseTilt, long changedAssistance,
                      long changedTilt, long baseClaims, long changedClaims) {
        public long basePaid() { return baseAssistance + baseTilt; }

        public long changedPaid() { return changedAssistance + changedTilt; }

        public long difference() { return changedPaid() - basePaid(); }
    }

    /** A person-year whose payment changed. {@code person} is the keyed hash unless raw ids were asked for. */
    public record PersonRow(String person, String region, int year, String baseTier, String changedTier, long basePaid,
                            long changedPaid, long baseBurden, long changedBurden) {
        public long difference() { return changedPaid - basePaid; }
    }

    public record Persons(long personYears, long affected, long gainers, long gained, long losers, long lost,
                          List<PersonRow> topGains, List<PersonRow> topLosses) {}

    /**
     * The yearly out-of-pocket burden (E13: R + out-of-scope) of the scope's person-years. {@code quantiles} are the
     * 10th…90th percentiles and the maximum of each side; {@code groups} cut the person-years into tenths by their
     * baseline burden and show what the change does to each.
     */
    public record Burden(long[] baseQuantiles, long[] changedQuantiles, long baseMean, long changedMean, List<BurdenGroup> groups) {}

    public record BurdenGroup(int decile, long personYears, long fromBurden, long toBurden, long baseMean, long changedMean,
                              long gained, long gainers) {}

    /** A monitoring rule (E13) and the person-years it fired for on each side. */
    public record AlertRow(String region, String rule, String measure, String clause, long baseFired, long changedFired,
                           long stopped, long started) {}

    public record AlertChange(String person, String region, int year, String rule, boolean stopped) {}
}
