package org.medassist.engine.model;

/**
 * What identifies a claim: the hospital and its claimId (docs/decisions.md, claim identity). Two hospitals may use
 * the same claimId; one hospital's claimId names one claim of one person.
 */
public record ClaimKey(String hospitalId, String claimId) {
    public static ClaimKey of(MedicalClaim c) { return new ClaimKey(c.hospitalId(), c.claimId()); }

    // written out: the record's generated equals and hashCode go through method handles, and claims are looked up by key
    @Override
    public boolean equals(Object o) {
        return o instanceof ClaimKey k && java.util.Objects.equals(claimId, k.claimId) && java.util.Objects.equals(hospitalId, k.hospitalId);
    }

    @Override
    public int hashCode() { return hash(hospitalId, claimId); }

    /** The hash code of the key of these two strings, without the key. */
    public static int hash(String hospitalId, String claimId) {
        return 31 * java.util.Objects.hashCode(hospitalId) + java.util.Objects.hashCode(claimId);
    }

    /** {@code H0012/H0012-2023-88812}, for messages and settlement ids. */
    @Override
    public String toString() { return hospitalId + "/" + claimId; }
}
