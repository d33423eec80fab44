package org.medassist.engine.policy;

/** Rates are held as parts per million so that products with fen stay in {@code long} and round exactly. */
public final class Rates {
    private Rates() {}

    public static final int ONE = 1_000_000;

    /** Bases up to this size multiply by any rate within {@code long}; larger ones take the exact wide path. */
    private static final long FAST_LIMIT = (Long.MAX_VALUE - ONE) / ONE;

    /**
     * rate × base, rounded half-up to the fen (E4). Negative bases round half away from zero. Exact for every base:
     * a year's running totals can exceed what a plain {@code long} product holds, and then the product is computed in
     * 128 bits rather than wrapping around.
     */
    public static long apply(int ppm, long fen) {
        if (fen >= 0) return fen <= FAST_LIMIT ? (fen * ppm + ONE / 2) / ONE : wide(ppm, fen);
        return fen >= -FAST_LIMIT ? -((-fen * ppm + ONE / 2) / ONE) : -wide(ppm, -fen);
    }

    private static long wide(int ppm, long fen) {
        return java.math.BigInteger.valueOf(fen).multiply(java.math.BigInteger.valueOf(ppm))
                .add(java.math.BigInteger.valueOf(ONE / 2)).divide(java.math.BigInteger.valueOf(ONE)).longValueExact();
    }

    /** Parses "0.65" (a decimal fraction, at most 6 decimals) into ppm. */
    public static int parse(String text) {
        java.math.BigDecimal d;
        try {
            d = new java.math.BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a rate like \"0.65\"");
        }
        if (d.signum() < 0 || d.compareTo(java.math.BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("rate \"" + text + "\" is not between 0 and 1");
        }
        if (d.scale() > 6) throw new IllegalArgumentException("rate \"" + text + "\" has more than 6 decimals");
        return d.movePointRight(6).intValueExact();
    }

    /** 750000 becomes "75%", 25000 becomes "2.5%". Explanations quote a handful of rates, so each text is built once. */
    public static String percent(int ppm) {
        int slot = ppm & (PERCENT_CACHE.length - 1);
        Percent hit = PERCENT_CACHE[slot]; // one read of an immutable pair: safe without locks
        if (hit != null && hit.ppm == ppm) return hit.text;
        String made = percentText(ppm);
        PERCENT_CACHE[slot] = new Percent(ppm, made);
        return made;
    }

    private record Percent(int ppm, String text) {}

    private static final Percent[] PERCENT_CACHE = new Percent[1024];

    private static String percentText(int ppm) {
        return java.math.BigDecimal.valueOf(ppm, 4).stripTrailingZeros().toPlainString() + "%";
    }
}
