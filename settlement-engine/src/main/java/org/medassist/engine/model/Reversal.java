package org.medassist.engine.model;

public record Reversal(String reversalId, String claimId, String personId, String region, String reason) {
}
