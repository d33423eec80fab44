package org.medassist.engine.model;

/**
 * What identifies a claim: the hospital and its claimId (docs/decisions.md, claim identity). Two hospitals may use
 * the same claimId; one hospital's claimId names one claim of one person.
 */
public record ClaimKey(String hospitalId, String claimId) {
    public static ClaimKey of(MedicalClaim c) { return new ClaimKey(c.hospitalId(), c.claimId()); }

    /** {@code H0012/H0012-2023-88812}, for messages and settlement ids. */
    @Override
    public String toString() { return hospitalId + "/" + claimId; }
}
