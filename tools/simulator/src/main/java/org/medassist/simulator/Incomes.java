package org.medassist.simulator;

/**
 * The per-capita disposable income (I) a simulated city publishes for a year: one generic level for every city, the
 * previous year's national figure (36,883 yuan used in 2023) grown 5 % a year, times a factor between 0.8 and 1.4
 * drawn from the region key, so that cities differ without a table of cities. Rounded to 100 yuan; fen.
 */
final class Incomes {
    private Incomes() {}

    static final int BASE_YEAR = 2023;
    static final long BASE_FEN = 3_688_300L;
    static final double GROWTH = 1.05;

    /** I used in {@code year} by {@code region}, in fen. */
    static long perCapita(String region, int year) {
        double factor = 0.8 + 0.6 * Seeds.unit(Seeds.mix(region.hashCode() * 0x9E3779B97F4A7C15L));
        return roundTo100Yuan(BASE_FEN * factor * Math.pow(GROWTH, year - BASE_YEAR));
    }

    /** A figure grown from {@code fromYear} to {@code year} at the income's growth. */
    static long grown(long fen, int fromYear, int year) {
        return roundTo100Yuan(fen * Math.pow(GROWTH, year - fromYear));
    }

    private static long roundTo100Yuan(double fen) {
        return Math.round(fen / 10_000.0) * 10_000L;
    }
}
