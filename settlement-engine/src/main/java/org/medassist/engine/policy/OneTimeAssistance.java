package org.medassist.engine.policy;

/**
 * Fangchenggang's one-time assistance for 因病支出型 families: one deductible, rate and cap over the residual of
 * the 12 months before recognition, decided by the county within the document's {@code bounds} (null when the file
 * sets none), the defaults applying without a decision; paid in the application's year.
 */
public record OneTimeAssistance(
        String identity, int lookBackMonths, long defaultDeductibleFen, int defaultRatePpm, long defaultCapFen,
        boolean inProvinceOnly, Source source, Source standardSource, DecisionBounds bounds) {
}
