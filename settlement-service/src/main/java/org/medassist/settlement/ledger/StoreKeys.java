package org.medassist.settlement.ledger;

/**
 * The keys of the ledger stores. A person-year is {@code personId␀region␀year}, so a person's years sort together;
 * an index entry is {@code region␀year␀personId}, so the persons of a region-year are one key range. Region keys and
 * personIds never hold the separator (docs/contract.md formats).
 */
public final class StoreKeys {
    private StoreKeys() {}

    static final char SEP = '\u0000';
    /** Sorts after every personId character (upper-case ASCII letters, digits, '-'). */
    static final String END = "\u007f";

    public static String year(String personId, String region, int year) { return personId + SEP + region + SEP + year; }

    /** The personId a year key belongs to: what routes a query for it (the task that owns the person). */
    public static String personOf(String yearKey) { return yearKey.substring(0, yearKey.indexOf(SEP)); }

    public static String indexPrefix(String region, int year) { return region + SEP + year4(year) + SEP; }

    /** The year as {@code %04d} formats it, without a Formatter for the four-digit years of the contract (a hot path). */
    static String year4(int year) { return year >= 1000 && year <= 9999 ? Integer.toString(year) : String.format("%04d", year); }

    public static String index(String region, int year, String personId) { return indexPrefix(region, year) + personId; }

    /** The first index key strictly after {@code after} (null: the first of the region-year). */
    public static String indexFrom(String region, int year, String after) {
        return after == null ? indexPrefix(region, year) : indexPrefix(region, year) + after + SEP;
    }

    public static String indexEnd(String region, int year) { return indexPrefix(region, year) + END; }
}
