package org.medassist.engine.timeline;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.CareKind;
import org.medassist.engine.policy.Timing;
import org.medassist.engine.timeline.Spell;

/** Applies a region's timing table to decide whether a spell covers a claim (DECISIONS R-table, E8). */
public final class Coverage {
    private Coverage() {}

    /** First covered day, including any look-back window the identity is granted. */
    public static LocalDate firstDay(Spell spell, Timing timing) {
        LocalDate start = timing.start() == Timing.Start.RECOGNITION_MONTH
                ? spell.recognized().withDayOfMonth(1) : spell.recognized();
        LocalDate lookBack = lookBackStart(spell, timing);
        return lookBack != null && lookBack.isBefore(start) ? lookBack : start;
    }

    /**
     * First day of the identity's look-back window, or null when it has none: N months before the recognition day,
     * or with {@code lookBackFrom: month_start} the 1st of the month N calendar months before the recognition month
     * (E14.2: recognition in month M opens the window on the 1st of month M − N).
     */
    public static LocalDate lookBackStart(Spell spell, Timing timing) {
        int back = timing.lookBackMonths(spell.identity());
        if (back <= 0) return null;
        LocalDate from = timing.lookBackFrom() == Timing.LookBackFrom.MONTH_START
                ? spell.recognized().withDayOfMonth(1) : spell.recognized();
        return from.minusMonths(back);
    }

    /** Last covered day, or null while the identity is held. */
    public static LocalDate lastDay(Spell spell, Timing timing) {
        if (spell.exit() == null) return null;
        return timing.end() == Timing.End.DAY_BEFORE_EXIT
                ? spell.exit().minusDays(1) : spell.exit().with(TemporalAdjusters.lastDayOfMonth());
    }

    public static boolean covers(Spell spell, Timing timing, MedicalClaim claim) {
        // the same rule as firstDay and lastDay, in epoch days: this runs for every spell of every claim
        long first = ordinaryStartDay(spell, timing);
        int back = timing.lookBackMonths(spell.identity());
        if (back > 0) first = Math.min(first, lookBackStartDay(spell.recognized(), timing.lookBackFrom(), back));
        long last = Long.MAX_VALUE;
        if (spell.exit() != null) {
            last = timing.end() == Timing.End.DAY_BEFORE_EXIT ? spell.exitDay - 1 : spell.exitMonthEndDay;
            if (last < first) return false;
        }
        long date = claim.date().toEpochDay();
        if (timing.stay() == Timing.Stay.WHOLE_STAY && claim.kind() == CareKind.INPATIENT) {
            // entry or exit during the stay covers the whole stay
            return date >= first && claim.firstDay().toEpochDay() <= last;
        }
        return date >= first && date <= last;
    }

    /** {@link #lookBackStart} as an epoch day, with the same month arithmetic as {@link LocalDate#minusMonths}. */
    static long lookBackStartDay(LocalDate recognized, Timing.LookBackFrom from, int back) {
        int day = from == Timing.LookBackFrom.MONTH_START ? 1 : recognized.getDayOfMonth();
        long months = recognized.getYear() * 12L + (recognized.getMonthValue() - 1) - back;
        int y = (int) Math.floorDiv(months, 12);
        int m = (int) Math.floorMod(months, 12) + 1;
        int d = Math.min(day, java.time.Month.of(m).length(java.time.Year.isLeap(y)));
        return epochDay(y, m, d);
    }

    /** The epoch day of a valid date, as {@link LocalDate#toEpochDay} computes it. */
    static long epochDay(long y, long m, int d) {
        long total = 365 * y;
        if (y >= 0) total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        else total -= y / -4 - y / -100 + y / -400;
        total += (367 * m - 362) / 12;
        total += d - 1;
        if (m > 2) {
            total--;
            if (!java.time.Year.isLeap(y)) total--;
        }
        return total - 719_528L; // days from 0000-01-01 to 1970-01-01
    }

    private static long ordinaryStartDay(Spell spell, Timing timing) {
        return timing.start() == Timing.Start.RECOGNITION_MONTH ? spell.recognizedMonthStartDay : spell.recognizedDay;
    }

    /** True when the claim is dated before the spell's ordinary start, so only a look-back window covers it. */
    public static boolean byLookBackOnly(Spell spell, Timing timing, MedicalClaim claim) {
        return claim.date().toEpochDay() < ordinaryStartDay(spell, timing);
    }
}
