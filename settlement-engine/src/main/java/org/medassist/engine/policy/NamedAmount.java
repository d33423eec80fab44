package org.medassist.engine.policy;

import java.util.Map;

/**
 * A yearly figure such as a deductible of "10% × I". A published yuan figure for the year wins over the percentage
 * (DECISIONS E9); {@code published} holds the figures the document itself states, keyed by year.
 */
public record NamedAmount(String name, int percentOfIncomePpm, Map<Integer, Long> published, Source source) {
}
