package org.medassist.engine.model;

/** The contract's claim kinds (docs/contract.md). Regions map them onto their own benefit classes. */
public enum CareKind {
    OUTPATIENT, OUTPATIENT_CHRONIC, OUTPATIENT_MAJOR, INPATIENT;

    /** The contract's symbol, the lower-cased name, made once (it is asked for every claim and output line). */
    private final String symbol = name().toLowerCase(java.util.Locale.ROOT);

    public String symbol() { return symbol; }

    private static final CareKind[] VALUES = values();

    /** The value of a symbol, in any case; the symbol itself is found without building the upper-cased name. */
    public static CareKind of(String symbol) {
        for (CareKind v : VALUES) if (v.symbol.equals(symbol)) return v;
        return valueOf(symbol.toUpperCase(java.util.Locale.ROOT));
    }
}
