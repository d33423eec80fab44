package org.medassist.settlement.ledger;

import java.util.List;

/**
 * Where stored ledgers live: the state stores of a settlement task, or sorted maps in tests. Three kinds of keys: a
 * person's header, a person-year, and the index of who has a year in a region-year (what a parameter change or a
 * year close fans out over, a chunk at a time).
 */
public interface LedgerStore {
    byte[] header(String personId);

    void putHeader(String personId, byte[] header);

    byte[] year(String personId, String region, int year);

    void putYear(String personId, String region, int year, byte[] record);

    /** Notes that the person has a year in the region-year. */
    void index(String region, int year, String personId);

    /** PersonIds with a year in the region-year, in order, after {@code after} (null: from the first), at most {@code limit}. */
    List<String> personsWithYear(String region, int year, String after, int limit);
}
