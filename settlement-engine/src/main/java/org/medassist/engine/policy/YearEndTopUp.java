package org.medassist.engine.policy;

import java.util.Set;

/**
 * Jiangyin's 建档立卡 year-end top-up: per in-city stay, the residual above a share of the policy-scope cost,
 * paid once at year close and counted within the annual cap.
 */
public record YearEndTopUp(
        String identity, Set<Integer> classes, int shareOfScopePpm, int capPool, long capFen, Source source,
        Source capSource) {
}
