package org.medassist.engine.model;

/** The contract's claim kinds (docs/contract.md). Regions map them onto their own benefit classes. */
public enum CareKind {
    OUTPATIENT, OUTPATIENT_CHRONIC, OUTPATIENT_MAJOR, INPATIENT;

    public String symbol() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static CareKind of(String symbol) { return valueOf(symbol.toUpperCase(java.util.Locale.ROOT)); }
}
