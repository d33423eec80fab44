package org.medassist.engine.policy;

import java.time.LocalDate;
import java.util.List;

/**
 * A benefit tier: who qualifies, and per claim class the rate; per deductible pool the deductible; per cap pool
 * the annual cap. A null rate means the class is not covered; a null deductible or cap means none.
 */
public record Tier(
        String key, String label, List<Qualifier> qualifiers, LocalDate validFrom, LocalDate validUntil,
        RateSchedule[] rates, AmountRef[] deductibles, AmountRef[] caps, int outOfScopeReliefPpm,
        Source outOfScopeReliefSource, Source source) {

    public boolean validOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validUntil == null || !day.isAfter(validUntil));
    }

    public boolean covers(int classIndex) { return classIndex >= 0 && rates[classIndex] != null; }
}
