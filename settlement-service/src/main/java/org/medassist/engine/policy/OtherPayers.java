package org.medassist.engine.policy;

import java.util.Set;
import org.medassist.engine.model.ClaimKind;

/**
 * Lines reported beside assistance that are never assistance and never count toward a cap (DECISIONS E12): the
 * hospital-borne out-of-scope excess, and KPI flags.
 */
public record OtherPayers(
        int[] hospitalBorneLimitPpmByLevel, Set<ClaimKind> hospitalBorneKinds, Source hospitalBorneSource,
        int outOfScopeKpiPpm, Source outOfScopeKpiSource, int residualKpiPpm, Source residualKpiSource) {

    public static final OtherPayers NONE = new OtherPayers(null, Set.of(), null, 0, null, 0, null);
}
