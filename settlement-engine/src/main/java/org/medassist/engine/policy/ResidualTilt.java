package org.medassist.engine.policy;

import java.util.Set;

/**
 * Tilt on the annual residual: rate × (cumR − threshold), capped (Jiujiang, Jiyuan, Nanjing). cumR counts the
 * residual of claims in {@code classes}, treated in the province with a compliant referral. Jiyuan pays only once
 * the conventional cap is reached; Jiujiang also counts costs from a look-back window before recognition.
 */
public record ResidualTilt(
        boolean onApplication, Set<Integer> classes, AmountRef threshold, int ratePpm, AmountRef cap,
        boolean requiresConventionalCapReached, int lookBackMonths, Source source, Source lookBackSource,
        Source locationSource) {
}
