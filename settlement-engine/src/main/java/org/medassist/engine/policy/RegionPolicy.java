package org.medassist.engine.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One region's policy, compiled from its policy file: the rule components it composes and their sources. */
public record RegionPolicy(
        String region, String name, String document, String title, LocalDate effectiveFrom, Source effectiveSource,
        ClaimClassifier classifier, Pools pools, List<Tier> tiers, Timing timing, Referral referral,
        DisabilitySeverity severity, Map<String, NamedAmount> namedAmounts, ResidualTilt residualTilt,
        TargetRatioTilt targetTilt, OneTimeAssistance oneTime, YearEndTopUp yearEnd, OtherPayerRules otherPayers,
        List<AlertRule> alerts, Set<String> assistanceIdentities, String policyRef) {

    /** A policy whose reference is {@code region/document}, built once: every settlement carries it. */
    public RegionPolicy(
            String region, String name, String document, String title, LocalDate effectiveFrom, Source effectiveSource,
            ClaimClassifier classifier, Pools pools, List<Tier> tiers, Timing timing, Referral referral,
            DisabilitySeverity severity, Map<String, NamedAmount> namedAmounts, ResidualTilt residualTilt,
            TargetRatioTilt targetTilt, OneTimeAssistance oneTime, YearEndTopUp yearEnd, OtherPayerRules otherPayers,
            List<AlertRule> alerts, Set<String> assistanceIdentities) {
        this(region, name, document, title, effectiveFrom, effectiveSource, classifier, pools, tiers, timing, referral,
                severity, namedAmounts, residualTilt, targetTilt, oneTime, yearEnd, otherPayers, alerts, assistanceIdentities,
                region + "/" + document);
    }

    // policyRef: the policy reference carried on settlements, "nanjing/宁政办发〔2023〕1号"
}
