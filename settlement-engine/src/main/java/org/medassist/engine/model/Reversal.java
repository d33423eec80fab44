package org.medassist.engine.model;

/**
 * A hospital cancels a claim (冲正). {@code hospitalId} may be null (older producers): then the person's only claim
 * with that claimId is meant, and two hospitals' claims with the same claimId make the reversal ambiguous.
 */
public record Reversal(String reversalId, String claimId, String personId, String region, String reason,
                       String hospitalId) {
    public Reversal(String reversalId, String claimId, String personId, String region, String reason) {
        this(reversalId, claimId, personId, region, reason, null);
    }
}
