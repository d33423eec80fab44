package org.medassist.engine.policy;

import java.util.List;

/**
 * Deductible pools and cap pools: named groups of claim classes that share an annual deductible or an annual cap.
 * A class belongs to at most one pool of each sort.
 */
public record Pools(List<String> deductiblePools, int[] deductiblePoolOfClass, List<Source> deductibleSources,
                    List<String> capPools, int[] capPoolOfClass, List<Source> capSources) {
}
