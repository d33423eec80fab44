package org.medassist.engine.timeline;

import java.time.LocalDate;

/**
 * A department's grant or revoke of an identity. For a grant the date is the recognition date, for a revoke the
 * exit date. Disability grade is 0 when absent.
 */
public record IdentityChange(
        String eventId, String personId, String region, String department, String identity, boolean grant,
        LocalDate effectiveDate, int disabilityGrade, String disabilityKind, String group) {
}
