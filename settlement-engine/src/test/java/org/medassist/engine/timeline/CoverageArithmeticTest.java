package org.medassist.engine.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.Timing;

/** Coverage decides in epoch days without building dates: the same days as LocalDate's own arithmetic. */
class CoverageArithmeticTest {
    @Test
    void lookBackStartsAreThoseOfLocalDate() {
        for (LocalDate d = LocalDate.of(1999, 1, 1); d.isBefore(LocalDate.of(2031, 1, 1)); d = d.plusDays(1)) {
            for (int back : new int[] {1, 3, 6, 11, 12, 13, 24, 25}) {
                assertEquals(d.minusMonths(back).toEpochDay(), Coverage.lookBackStartDay(d, Timing.LookBackFrom.RECOGNITION_DAY, back), d + " − " + back);
                assertEquals(d.withDayOfMonth(1).minusMonths(back).toEpochDay(),
                        Coverage.lookBackStartDay(d, Timing.LookBackFrom.MONTH_START, back), d + " month start − " + back);
            }
            assertEquals(d.toEpochDay(), Coverage.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
        }
    }
}
