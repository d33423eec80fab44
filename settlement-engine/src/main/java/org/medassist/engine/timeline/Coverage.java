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
        int back = timing.lookBackMonths(spell.identity());
        if (back > 0) {
            LocalDate lookBack = spell.recognized().minusMonths(back);
            if (lookBack.isBefore(start)) start = lookBack;
        }
        return start;
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
