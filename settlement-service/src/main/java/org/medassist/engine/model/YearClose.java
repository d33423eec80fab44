package org.medassist.engine.model;

public record YearClose(String region, int year) {
}
