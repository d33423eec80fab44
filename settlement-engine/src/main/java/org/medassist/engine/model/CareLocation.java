package org.medassist.engine.model;

/** Where the care was given, relative to the person's city. "省域内" means IN_CITY or IN_PROVINCE. */
public enum CareLocation {
    IN_CITY, IN_PROVINCE, OUT_OF_PROVINCE;

    public boolean inProvince() { return this != OUT_OF_PROVINCE; }

    /** The contract's symbol, the lower-cased name, made once (it is asked for every claim and output line). */
    private final String symbol = name().toLowerCase(java.util.Locale.ROOT);

    public String symbol() { return symbol; }

    private static final CareLocation[] VALUES = values();

    /** The value of a symbol, in any case; the symbol itself is found without building the upper-cased name. */
    public static CareLocation of(String symbol) {
        for (CareLocation v : VALUES) if (v.symbol.equals(symbol)) return v;
        return valueOf(symbol.toUpperCase(java.util.Locale.ROOT));
    }
}
