package org.medassist.engine.policy;

import java.util.Set;
import org.medassist.engine.model.CareKind;

/**
 * Lines reported beside assistance that are never assistance and never count toward a cap (DECISIONS E12): the
 * hospital-borne out-of-scope excess, and KPI flags.
 */
public record OtherPayerRules(
        int[] hospitalBorneLimitPpmByLevel, Set<CareKind> hospitalBorneKinds, Source hospitalBorneSource,
        int outOfScopeKpiPpm, Source outOfScopeKpiSource, int residualKpiPpm, Source residualKpiSource) {

    public static final OtherPayerRules NONE = new OtherPayerRules(null, Set.of(), null, 0, null, 0, null);
}
