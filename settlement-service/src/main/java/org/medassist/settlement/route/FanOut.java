package org.medassist.settlement.route;

/**
 * A region-wide change that every person with a year in the region-year must hear: a new parameter value (their
 * years are recomputed: parked claims settle) or a year close (the year-end items are paid). Replay runs a fan-out to
 * the end at once; the stream runs it a chunk of persons at a time, with its cursor stored, so a fan-out never has
 * to fit in one transaction and survives a crash between chunks (docs/reliability.md).
 */
public record FanOut(Kind kind, String region, int year, String detail) {
    public enum Kind { RECOMPUTE, CLOSE_YEAR }

    /** A stable id, the key of its cursor: {@code recompute|nanjing|2023|per_capita_disposable_income=...}. */
    public String id() { return kind.name().toLowerCase(java.util.Locale.ROOT) + "|" + region + "|" + year + "|" + detail; }

    public static FanOut parse(String id) {
        String[] p = id.split("\\|", 4);
        return new FanOut(Kind.valueOf(p[0].toUpperCase(java.util.Locale.ROOT)), p[1], Integer.parseInt(p[2]), p[3]);
    }
}
