package org.medassist.engine.ledger;

import java.util.ArrayList;
import java.util.List;

/** A person's assistance year in one region: its entries in receipt order and its running totals. */
public final class PersonYear {
    public final String region;
    public final int year;
    public final List<Entry> entries = new ArrayList<>();
    public final YearTotals totals;
    /** Index of the first parked entry: later entries wait behind it (claims apply in receipt order, E2). */
    public int parkedFrom = -1;

    public PersonYear(String region, int year, YearTotals totals) {
        this.region = region;
        this.year = year;
        this.totals = totals;
    }

    public boolean hasEndItems() {
        for (Entry e : entries) if (e.isEndItem()) return true;
        return false;
    }
}
