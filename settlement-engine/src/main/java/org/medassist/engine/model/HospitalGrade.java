package org.medassist.engine.model;

public enum HospitalGrade {
    PRIMARY, SECONDARY, TERTIARY;

    /** The contract's symbol, the lower-cased name, made once (it is asked for every claim and output line). */
    private final String symbol = name().toLowerCase(java.util.Locale.ROOT);

    public String symbol() { return symbol; }

    private static final HospitalGrade[] VALUES = values();

    /** The value of a symbol, in any case; the symbol itself is found without building the upper-cased name. */
    public static HospitalGrade of(String symbol) {
        for (HospitalGrade v : VALUES) if (v.symbol.equals(symbol)) return v;
        return valueOf(symbol.toUpperCase(java.util.Locale.ROOT));
    }
}
