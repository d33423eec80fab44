package org.medassist.engine.policy;

import java.time.LocalDate;
import org.medassist.engine.money.Money;

/**
 * A flat rate, or bands over the year's cumulative eligible amount of a claim class (Nanjing's 85% on the first
 * 2,000 then 80%; Jiangyin's 80% on the first 1,000 then nothing). Each band's product is rounded on its own.
 * A rate may have dated values (docs/engine.md, "Dated values"): this schedule is then in force from
 * {@code validFrom}, and {@link #at} finds the one in force on a claim's date.
 */
public final class RateSchedule {
    private final long[] upTo;   // exclusive upper bound of each band's cumulative position, Long.MAX_VALUE last
    private final int[] ppm;
    private final Source source;
    private final LocalDate validFrom;   // null: undated
    private final RateSchedule before;   // the schedule in force before validFrom, null for the first

    public RateSchedule(long[] upTo, int[] ppm, Source source) { this(upTo, ppm, source, null, null); }

    private RateSchedule(long[] upTo, int[] ppm, Source source, LocalDate validFrom, RateSchedule before) {
        this.upTo = upTo;
        this.ppm = ppm;
        this.source = source;
        this.validFrom = validFrom;
        this.before = before;
    }

    /** This schedule, in force from {@code day} on, with {@code earlier} in force before it. */
    public RateSchedule from(LocalDate day, RateSchedule earlier) { return new RateSchedule(upTo, ppm, source, day, earlier); }

    public boolean dated() { return validFrom != null; }

    public LocalDate validFrom() { return validFrom; }

    /** The schedule in force on {@code day}; a day before the first value's validFrom gets the first value. */
    public RateSchedule at(LocalDate day) {
        RateSchedule r = this;
        while (r.before != null && day.isBefore(r.validFrom)) r = r.before;
        return r;
    }

    public static RateSchedule flat(int ppm, Source source) {
        return new RateSchedule(new long[] {Long.MAX_VALUE}, new int[] {ppm}, source);
    }

    public Source source() { return source; }

    public boolean banded() { return ppm.length > 1; }

    /**
     * Assistance for {@code amount} fen placed after {@code position} fen already counted this year, with every
     * band's rate lowered by {@code reductionPpm} (floored at zero).
     */
    public long apply(long position, long amount, int reductionPpm) {
        long total = 0;
        long start = position;
        long end = position + amount;
        for (int i = 0; i < ppm.length && start < end; i++) {
            long hi = upTo[i];
            if (start < hi) {
                long segment = Math.min(end, hi) - start;
                total += Rates.apply(Math.max(0, ppm[i] - reductionPpm), segment);
                start += segment;
            }
        }
        return total;
    }

    private String described; // describe(0), built once (benign race: every thread builds the same text)

    /** "90%" or "85% up to 2000.00, then 80%". */
    public String describe(int reductionPpm) {
        if (reductionPpm == 0) {
            String d = described;
            return d != null ? d : (described = describeText(0));
        }
        return describeText(reductionPpm);
    }

    private String describeText(int reductionPpm) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ppm.length; i++) {
            if (i > 0) sb.append(", then ");
            sb.append(Rates.percent(Math.max(0, ppm[i] - reductionPpm)));
            if (upTo[i] != Long.MAX_VALUE) Money.appendYuan(sb.append(" up to "), upTo[i]);
        }
        return sb.toString();
    }
}
