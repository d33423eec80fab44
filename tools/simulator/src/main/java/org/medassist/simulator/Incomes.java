package org.medassist.simulator;

/**
 * The per-capita disposable income (I) a simulated city publishes for a year: one generic level for every city, the
 * previous year's national figure (36,883 yuan used in 2023) grown 5 % a year, times a factor between 0.80 and 1.40
 * drawn from the region key, so that cities differ without a table of cities. Rounded to 100 yuan; fen, in integer
 * arithmetic.
 */
final class Incomes {
    private Incomes() {}

    static final int BASE_YEAR = 2023;
    static final long BASE_FEN = 3_688_300L;
    /** Yearly growth, in percent. */
    static final int GROWTH_PERCENT = 5;

    /** I used in {@code year} by {@code region}, in fen. */
    static long perCapita(String region, int year) {
        int factorPercent = 80 + (int) Long.remainderUnsigned(Seeds.mix(region.hashCode() * 0x9E3779B97F4A7C15L), 61);
        return grown(BASE_FEN * factorPercent / 100, BASE_YEAR, year);
    }

    /** A figure grown (or shrunk, for earlier years) from {@code fromYear} to {@code year}, rounded to 100 yuan. */
    static long grown(long fen, int fromYear, int year) {
        long v = fen;
        for (int y = fromYear; y < year; y++) v = v * (100 + GROWTH_PERCENT) / 100;
        for (int y = fromYear; y > year; y--) v = v * 100 / (100 + GROWTH_PERCENT);
        return (v + 5_000) / 10_000 * 10_000;
    }
}
