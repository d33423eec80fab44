package org.medassist.engine.model;

import java.time.LocalDate;

/**
 * An application for on-application assistance. For a one-time application the county decision may set the
 * deductible and cap (fen, -1 when absent) and the rate (parts per million, -1 when absent).
 */
public record AidApplication(
        String applicationId, String personId, String region, int year, boolean oneTime, LocalDate filedDate,
        long decisionDeductible, long decisionCap, int decisionRatePpm) {
}
