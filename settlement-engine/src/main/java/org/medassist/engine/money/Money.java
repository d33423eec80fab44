package org.medassist.engine.money;

/**
 * Money is held as {@code long} fen everywhere (DECISIONS E4). This class is the only place that
 * converts between fen and the contract's yuan decimal strings ("1234.50").
 */
public final class Money {
    private Money() {}

    /** Largest amount accepted from input: 10^13 fen (100 billion yuan) keeps every product with a rate in range. */
    public static final long MAX_FEN = 10_000_000_000_000L;

    /**
     * Parses a yuan decimal string with at most two decimals into fen.
     *
     * @throws IllegalArgumentException with a reason naming what is wrong
     */
    public static long parseYuan(String text) {
        if (text == null) throw new IllegalArgumentException("is missing");
        int len = text.length();
        if (len == 0) throw new IllegalArgumentException("is empty");
        int i = 0;
        boolean negative = false;
        if (text.charAt(0) == '-') {
            negative = true;
            i = 1;
        }
        long yuan = 0;
        int intDigits = 0;
        while (i < len && text.charAt(i) != '.') {
            char c = text.charAt(i++);
            if (c < '0' || c > '9') throw notYuan(text);
            yuan = yuan * 10 + (c - '0');
            if (++intDigits > 12) throw new IllegalArgumentException("\"" + text + "\" is too large");
        }
        if (intDigits == 0) throw notYuan(text);
        long fen = 0;
        if (i < len) {
            i++; // the '.'
            int decimals = len - i;
            if (decimals == 0) throw notYuan(text);
            // digits first: "100.00 " is not a yuan amount, rather than one with three decimals
            for (int d = i; d < len; d++) if (text.charAt(d) < '0' || text.charAt(d) > '9') throw notYuan(text);
            if (decimals > 2) throw new IllegalArgumentException("\"" + text + "\" has more than two decimals");
            for (int d = 0; d < 2; d++) {
                fen *= 10;
                if (d < decimals) {
                    char c = text.charAt(i + d);
                    if (c < '0' || c > '9') throw notYuan(text);
                    fen += c - '0';
                }
            }
        }
        long total = yuan * 100 + fen;
        return negative ? -total : total;
    }

    /** Formats fen as a yuan string with exactly two decimals: 123450 becomes "1234.50", -5 becomes "-0.05". */
    public static String format(long fen) {
        StringBuilder sb = new StringBuilder(16);
        appendYuan(sb, fen);
        return sb.toString();
    }

    /** Appends fen as yuan to a builder, for callers composing longer text without intermediate strings. */
    public static StringBuilder appendYuan(StringBuilder sb, long fen) {
        if (fen < 0) {
            sb.append('-');
            if (fen == Long.MIN_VALUE) throw new ArithmeticException("amount out of range");
            fen = -fen;
        }
        long yuan = fen / 100;
        if (yuan <= Integer.MAX_VALUE) sb.append((int) yuan); else sb.append(yuan); // int digits are much cheaper
        int cents = (int) (fen % 100);
        return sb.append('.').append((char) ('0' + cents / 10)).append((char) ('0' + cents % 10));
    }

    private static IllegalArgumentException notYuan(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a yuan amount like \"1234.50\"");
    }
}
