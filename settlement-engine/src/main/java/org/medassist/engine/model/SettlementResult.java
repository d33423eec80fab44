package org.medassist.engine.model;

import java.util.List;

/**
 * An output settlement event. For ADJUSTMENT and REVERSED the money fields assistance, tilt, localFinanceRelief
 * and hospitalBorne are deltas; eligible and remaining are the claim's current values. A claim's settlements carry
 * its hospitalId too, because a claim is identified by hospital and claimId.
 */
public record SettlementResult(
        String settlementId, String claimId, String personId, String region, int year, ResultStatus status,
        String tier, String identity, long eligible, long assistance, long tilt, long remaining,
        long localFinanceRelief, long hospitalBorne, String policy, List<String> explanation, String reference,
        String reason, boolean recoveryDue, List<String> kpiFlags, String hospitalId) {
}
