package org.medassist.engine.model;

import java.time.LocalDate;
import java.util.List;

/**
 * An output settlement event. For ADJUSTMENT and REVERSED the money fields assistance, tilt, localFinanceRelief
 * and hospitalBorne are deltas; eligible and remaining are the claim's current values. A claim's settlements carry
 * its hospitalId too, because a claim is identified by hospital and claimId, and the claim's benefit class (the
 * region's {@code ClaimClassifier} name, null when no class covers it) and date, for reports by class and month
 * (docs/contract.md {@code settlement}); both are null without a claim and on rejections.
 */
public record SettlementResult(
        String settlementId, String claimId, String personId, String region, int year, ResultStatus status,
        String tier, String identity, long eligible, long assistance, long tilt, long remaining,
        long localFinanceRelief, long hospitalBorne, String policy, List<String> explanation, String reference,
        String reason, boolean recoveryDue, List<String> kpiFlags, String hospitalId, String claimClass,
        LocalDate claimDate) {
}
