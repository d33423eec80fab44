package org.medassist.engine.model;

public enum ResultStatus {
    SETTLED, ADJUSTMENT, REVERSED, PARKED, REJECTED;

    /** The contract's symbol, the lower-cased name, made once (it is asked for every claim and output line). */
    private final String symbol = name().toLowerCase(java.util.Locale.ROOT);

    public String symbol() { return symbol; }
}
