package org.medassist.engine.policy;

import java.time.LocalDate;
import java.util.Set;

/**
 * Fangchenggang's monitored-person tilt: once the year's residual reaches a trigger, top the reimbursement of each
 * class group up to a target ratio of its policy-scope cost, within a total cap on all assistance.
 */
public record TargetRatioTilt(
        boolean onApplication, Set<String> identities, LocalDate validUntil, long triggerFen,
        int[][] groupClasses, int[] groupTargetPpm, long totalCapFen, Source source, Source targetSource,
        Source capSource) {
}
