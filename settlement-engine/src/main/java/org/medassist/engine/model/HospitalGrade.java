package org.medassist.engine.model;

public enum HospitalGrade {
    PRIMARY, SECONDARY, TERTIARY;

    public String symbol() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static HospitalGrade of(String symbol) { return valueOf(symbol.toUpperCase(java.util.Locale.ROOT)); }
}
