package org.medassist.engine.model;

/** Where the care was given, relative to the person's city. "省域内" means IN_CITY or IN_PROVINCE. */
public enum CareLocation {
    IN_CITY, IN_PROVINCE, OUT_OF_PROVINCE;

    public boolean inProvince() { return this != OUT_OF_PROVINCE; }

    public String symbol() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static CareLocation of(String symbol) { return valueOf(symbol.toUpperCase(java.util.Locale.ROOT)); }
}
