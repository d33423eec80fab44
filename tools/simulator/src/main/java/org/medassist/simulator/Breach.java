package org.medassist.simulator;

/**
 * The contract breaches the stream mixes in: each one is an event that replay (and the services) must answer with
 * a {@code rejected} settlement and a reason, never settle and never drop. Every breach but
 * {@link #CLAIM_CHANGED_RESEND} carries an id of its own that ends in {@code -X<n>} (the reversal's claim as well).
 */
public enum Breach {
    CLAIM_TOTAL_MISMATCH("claim", "claim", "amounts.total is not policyScope + outOfScope"),
    CLAIM_NEGATIVE_SELF_PAY("claim", "claim", "insurers paid more than the policy scope (S < 0)"),
    CLAIM_NEGATIVE_AMOUNT("claim", "claim", "a negative amount"),
    CLAIM_WITHOUT_ADMISSION("claim", "claim", "an inpatient claim without admissionDate"),
    CLAIM_WITHOUT_DISEASE_GROUP("claim", "claim", "an outpatient_major claim without diseaseGroup"),
    CLAIM_IMPOSSIBLE_DATE("claim", "claim", "a dischargeDate that is not a date"),
    CLAIM_UNKNOWN_KIND("claim", "claim", "a kind the contract does not name"),
    CLAIM_CHANGED_RESEND("claim", "claim", "a claimId sent again with other amounts"),
    REVERSAL_OF_UNKNOWN_CLAIM("claim", "claim_reversal", "a reversal of a claim never sent"),
    IDENTITY_WRONG_DEPARTMENT("identity", "identity", "a department sends an identity another one certifies"),
    IDENTITY_DISABILITY_WITHOUT_GRADE("identity", "identity", "a severe_disability grant without its grade"),
    APPLICATION_RATE_ABOVE_ONE("application", "application", "a one-time decision rate above 1");

    private final String from;
    private final String type;
    private final String description;

    Breach(String from, String type, String description) {
        this.from = from;
        this.type = type;
        this.description = description;
    }

    /**
     * Whether the line keeps the contract's format, so that only the engine can refuse it: a known claimId with other
     * content, a reversal of an unknown claim.
     */
    public boolean wellFormed() {
        return this == CLAIM_CHANGED_RESEND || this == REVERSAL_OF_UNKNOWN_CLAIM;
    }

    /** The type of the valid event this breach is made from (and sent next to). */
    public String from() {
        return from;
    }

    /** The type of the breaching event. */
    public String type() {
        return type;
    }

    public String description() {
        return description;
    }
}
