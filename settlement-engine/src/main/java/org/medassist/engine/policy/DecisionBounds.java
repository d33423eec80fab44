package org.medassist.engine.policy;

import org.medassist.engine.money.Money;

/**
 * The limits a document sets on a county's decision (Fangchenggang's one-time assistance, FCG-A10 in
 * docs/readings.md): each of the deductible, rate and cap may have a lower bound ({@code atLeast}) and an upper bound
 * ({@code atMost}), as the text words it. A decision outside them is refused with the clause.
 */
public record DecisionBounds(Range deductible, Range rate, Range cap, Source source) {

    /** Inclusive bounds; null where the text sets none. Money in fen, rates in parts per million. */
    public record Range(Long atLeast, Long atMost) {
        public static final Range NONE = new Range(null, null);
    }

    /**
     * Why a decided value is outside the bounds, or null. {@code value} is negative when the decision leaves it
     * out (the policy's default applies, which the loader keeps within the bounds).
     */
    public String refusal(long deductibleFen, int ratePpm, long capFen) {
        String r = check("deductible", deductibleFen, deductible, false);
        if (r == null) r = check("rate", ratePpm, rate, true);
        if (r == null) r = check("cap", capFen, cap, false);
        return r;
    }

    private String check(String name, long value, Range range, boolean isRate) {
        if (value < 0 || range == null) return null;
        if (range.atLeast() != null && value < range.atLeast()) {
            return "decision." + name + " " + show(value, isRate) + " is below the policy's bound: at least "
                    + show(range.atLeast(), isRate) + " " + source.cite();
        }
        if (range.atMost() != null && value > range.atMost()) {
            return "decision." + name + " " + show(value, isRate) + " is above the policy's bound: at most "
                    + show(range.atMost(), isRate) + " " + source.cite();
        }
        return null;
    }

    private static String show(long value, boolean isRate) {
        return isRate ? Rates.percent((int) value) : Money.format(value);
    }
}
