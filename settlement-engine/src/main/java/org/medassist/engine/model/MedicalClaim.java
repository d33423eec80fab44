package org.medassist.engine.model;

import java.time.LocalDate;

/**
 * A hospital's claim after basic and critical-illness insurance. Amounts are fen. Record equality is content
 * equality, which is what claim idempotency compares.
 */
public record MedicalClaim(
        String claimId, String personId, String region, String hospitalId, HospitalGrade hospitalLevel,
        CareKind kind, LocalDate admissionDate, LocalDate dischargeDate, CareLocation location,
        boolean referred, boolean hardship, String diseaseGroup, boolean specialDiseaseRegistered,
        long total, long outOfScope, long policyScope, long basicInsurance, long criticalIllness,
        long otherInsurance) {

    /** S = policyScope − basicInsurance − criticalIllness − otherInsurance (DECISIONS E5). */
    public long selfPay() { return policyScope - basicInsurance - criticalIllness - otherInsurance; }

    /** The claim's date: discharge date for inpatient, service date for outpatient (DECISIONS E3). */
    public LocalDate date() { return dischargeDate; }

    public int year() { return dischargeDate.getYear(); }

    /** First day of care: admission for inpatient, the service date otherwise. */
    public LocalDate firstDay() { return admissionDate != null ? admissionDate : dischargeDate; }
}
