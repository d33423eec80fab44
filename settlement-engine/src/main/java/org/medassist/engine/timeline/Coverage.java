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
        LocalDate first = firstDay(spell, timing);
        LocalDate last = lastDay(spell, timing);
        if (last != null && last.isBefore(first)) return false;
        LocalDate date = claim.date();
        if (timing.stay() == Timing.Stay.WHOLE_STAY && claim.kind() == CareKind.INPATIENT) {
            // entry or exit during the stay covers the whole stay
            return !date.isBefore(first) && (last == null || !claim.firstDay().isAfter(last));
        }
        return !date.isBefore(first) && (last == null || !date.isAfter(last));
    }

    /** True when the claim is dated before the spell's ordinary start, so only a look-back window covers it. */
    public static boolean byLookBackOnly(Spell spell, Timing timing, MedicalClaim claim) {
        LocalDate ordinaryStart = timing.start() == Timing.Start.RECOGNITION_MONTH
                ? spell.recognized().withDayOfMonth(1) : spell.recognized();
        return claim.date().isBefore(ordinaryStart);
    }
}
