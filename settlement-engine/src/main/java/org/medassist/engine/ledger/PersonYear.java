package org.medassist.engine.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medassist.engine.model.ClaimKey;

/**
 * A person's assistance year in one region: its entries in receipt order, the claims and applications among them by
 * id, and its running totals.
 */
public final class PersonYear {
    public final String region;
    public final int year;
    public final List<Entry> entries = new ArrayList<>();
    public final Map<ClaimKey, Entry> claims = new HashMap<>();
    public final Map<String, Entry> applications = new HashMap<>();
    public final YearTotals totals;
    /** Index of the first parked entry: later entries wait behind it (claims apply in receipt order, E2). */
    public int parkedFrom = -1;
    private boolean yearEnd;
    private boolean oneTime;
    /**
     * A 256-bit filter of the claim keys added: a new claim (most claims) is known to be absent without touching the
     * map, whose nodes are seldom in the cache. Used only while every key in the map came through {@link #add}.
     */
    private final long[] keyFilter = new long[4];
    private int keysAdded;

    public PersonYear(String region, int year, YearTotals totals) {
        this.region = region;
        this.year = year;
        this.totals = totals;
    }

    /** Appends an entry in receipt order and indexes it. */
    public Entry add(Entry e) {
        entries.add(e);
        if (e.kind == Entry.Kind.CLAIM) {
            claims.put(e.key, e);
            int h = e.key.hashCode();
            keyFilter[(h >>> 6) & 3] |= 1L << h;
            keyFilter[(h >>> 14) & 3] |= 1L << (h >>> 8);
            keysAdded++;
        }
        if (e.kind == Entry.Kind.APPLICATION) applications.put(e.application.applicationId(), e);
        if (e.kind == Entry.Kind.YEAR_END) yearEnd = true;
        if (e.kind == Entry.Kind.APPLICATION && e.application.oneTime()) oneTime = true;
        return e;
    }

    public boolean hasEndItems() {
        for (Entry e : entries) if (e.isEndItem()) return true;
        return false;
    }

    /** The claim entry with this key, or null. */
    public Entry claim(ClaimKey key) {
        if (claims.size() <= keysAdded) { // no key was put into the map but by add: the filter holds them all
            int h = key.hashCode();
            if ((keyFilter[(h >>> 6) & 3] & (1L << h)) == 0 || (keyFilter[(h >>> 14) & 3] & (1L << (h >>> 8))) == 0) return null;
        }
        return claims.get(key);
    }

    /** Whether the year-end item was added (entries are only ever added, through {@link #add}). */
    public boolean hasYearEnd() { return yearEnd; }

    /** Whether a one-time application was added. */
    public boolean hasOneTime() { return oneTime; }
}
