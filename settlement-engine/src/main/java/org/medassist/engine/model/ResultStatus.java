package org.medassist.engine.model;

public enum ResultStatus {
    SETTLED, ADJUSTMENT, REVERSED, PARKED, REJECTED;

    public String symbol() { return name().toLowerCase(java.util.Locale.ROOT); }
}
