package org.medassist.engine.model;

import java.util.List;

/** A monitoring threshold crossed by a person-year (DECISIONS E13). Amounts are fen. */
public record MonitoringAlert(
        String alertId, String personId, String region, int year, String month, String rule, String measure,
        long value, long threshold, List<String> recipients, String claimId, String hospitalId) {
}
