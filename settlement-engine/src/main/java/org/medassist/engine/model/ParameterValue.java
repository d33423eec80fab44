package org.medassist.engine.model;

/** A yearly policy parameter in fen, e.g. per_capita_disposable_income. */
public record ParameterValue(String region, int year, String name, long value) {
}
