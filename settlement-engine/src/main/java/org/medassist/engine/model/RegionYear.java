package org.medassist.engine.model;

public record RegionYear(String region, int year) {
}
