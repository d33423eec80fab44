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
    /*
     * Claims by key: an open-addressing table (linear probing) of positions in entries + 1, 0 for empty, with each
     * key's hash beside it. Written only by add and rewind, so the key filter below holds every key. Cheaper than a
     * HashMap here: no node per claim, and a probe reads two int arrays before it touches an entry. A year of at most
     * SCANNED claims (most years) has no table: the filter turns away most keys, and a look-up it lets through scans
     * the entries, so such a year does not hold two arrays of 16 slots (docs/performance.md, retained memory per
     * claim). The table is built when the year's claims first exceed SCANNED.
     */
    static final int SCANNED = 8;
    private int[] slots = EMPTY;
    private int[] hashes = EMPTY;
    private int claimCount;
    private static final int[] EMPTY = new int[0];
    /** Applications by applicationId; null until the year's first application (most years have none). */
    private Map<String, Entry> applications;
    public final YearTotals totals;
    /** Index of the first parked entry: later entries wait behind it (claims apply in receipt order, E2). */
    public int parkedFrom = -1;
    private boolean yearEnd;
    private boolean oneTime;
    /*
     * A 256-bit filter of the claim keys added, in four words held in this object: a new claim (most claims) is known
     * to be absent without touching the map, whose table and nodes are seldom in the cache when persons are many.
     * Bits are only ever set (a superset of the keys is still a correct filter), except by rewind.
     */
    private long filter0;
    private long filter1;
    private long filter2;
    private long filter3;

    public PersonYear(String region, int year, YearTotals totals) {
        this.region = region;
        this.year = year;
        this.totals = totals;
    }

    /** Appends an entry in receipt order and indexes it. */
    public Entry add(Entry e) {
        entries.add(e);
        if (e.kind == Entry.Kind.CLAIM) {
            int h = e.keyHash();
            claimCount++;
            if (slots.length > 0) index(entries.size() - 1, h);
            else if (claimCount > SCANNED) buildTable();
            setBit((h >>> 6) & 3, h);
            setBit((h >>> 14) & 3, h >>> 8);
        }
        if (e.kind == Entry.Kind.APPLICATION) {
            if (applications == null) applications = new HashMap<>();
            applications.put(e.application.applicationId(), e);
        }
        if (e.kind == Entry.Kind.YEAR_END) yearEnd = true;
        if (e.kind == Entry.Kind.APPLICATION && e.application.oneTime()) oneTime = true;
        return e;
    }

    /** Puts the claim at {@code position}, counted already, in the table. */
    private void index(int position, int h) {
        if (2 * claimCount > slots.length) grow();
        insert(position, h);
    }

    private void insert(int position, int h) {
        int mask = slots.length - 1;
        int i = spread(h) & mask;
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = position + 1;
        hashes[i] = h;
    }

    /** The table of every claim entry, for a year whose claims exceed {@link #SCANNED}. */
    private void buildTable() {
        int n = 16;
        while (2 * claimCount > n) n *= 2;
        slots = new int[n];
        hashes = new int[n];
        for (int p = 0; p < entries.size(); p++) {
            Entry x = entries.get(p);
            if (x.kind == Entry.Kind.CLAIM) insert(p, x.keyHash());
        }
    }

    private void grow() {
        int[] oldSlots = slots;
        int[] oldHashes = hashes;
        int n = Math.max(16, oldSlots.length * 2);
        slots = new int[n];
        hashes = new int[n];
        int mask = n - 1;
        for (int j = 0; j < oldSlots.length; j++) {
            if (oldSlots[j] == 0) continue;
            int i = spread(oldHashes[j]) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = oldSlots[j];
            hashes[i] = oldHashes[j];
        }
    }

    private static int spread(int h) { return h ^ (h >>> 16); }

    /** Takes the claim at {@code position} out of the table (backward-shift deletion keeps probe runs whole). */
    private void unindex(int position, int h) {
        if (slots.length == 0) {
            claimCount--;
            return;
        }
        int mask = slots.length - 1;
        int i = spread(h) & mask;
        while (slots[i] != position + 1) i = (i + 1) & mask;
        int gap = i;
        for (int j = (gap + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            int home = spread(hashes[j]) & mask;
            // the entry at j may move into the gap when its home is not within (gap, j]
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                slots[gap] = slots[j];
                hashes[gap] = hashes[j];
                gap = j;
            }
        }
        slots[gap] = 0;
        hashes[gap] = 0;
        claimCount--;
    }

    private void setBit(int word, int bit) {
        long b = 1L << bit;
        switch (word) {
            case 0 -> filter0 |= b;
            case 1 -> filter1 |= b;
            case 2 -> filter2 |= b;
            default -> filter3 |= b;
        }
    }

    private long word(int word) {
        return switch (word) {
            case 0 -> filter0;
            case 1 -> filter1;
            case 2 -> filter2;
            default -> filter3;
        };
    }

    public boolean hasEndItems() {
        for (Entry e : entries) if (e.isEndItem()) return true;
        return false;
    }

    /** The claim entry with this key, or null. */
    public Entry claim(ClaimKey key) {
        int h = key.hashCode();
        if ((word((h >>> 6) & 3) & (1L << h)) == 0 || (word((h >>> 14) & 3) & (1L << (h >>> 8))) == 0) return null;
        if (claimCount == 0) return null;
        if (slots.length == 0) {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (e.kind == Entry.Kind.CLAIM && e.keyHash() == h && e.hasKey(key)) return e;
            }
            return null;
        }
        int mask = slots.length - 1;
        for (int i = spread(h) & mask; slots[i] != 0; i = (i + 1) & mask) {
            if (hashes[i] != h) continue;
            Entry e = entries.get(slots[i] - 1);
            if (e.hasKey(key)) return e;
        }
        return null;
    }

    /** The application entry with this applicationId, or null. */
    public Entry application(String applicationId) { return applications == null ? null : applications.get(applicationId); }

    /** The year's claim entries, in receipt order (a new list). */
    public List<Entry> claimEntries() {
        List<Entry> out = new ArrayList<>(claimCount);
        for (Entry e : entries) if (e.kind == Entry.Kind.CLAIM) out.add(e);
        return out;
    }

    /** Whether the year-end item was added (entries are only ever added, through {@link #add}). */
    public boolean hasYearEnd() { return yearEnd; }

    /** Whether a one-time application was added. */
    public boolean hasOneTime() { return oneTime; }

    /**
     * This year as it is now, to {@link #rewind} to: a benchmark settles claims on warm state and puts the state back
     * between runs. The totals are copied; entries kept by the mark are not (their paid amounts may move on).
     */
    public Mark mark() {
        YearTotals t = totals.copy();
        return new Mark(entries.size(), parkedFrom, yearEnd, oneTime, filter0, filter1, filter2, filter3, t);
    }

    /** Takes out every entry added since {@code m} was taken, with its index, and restores the totals and filter. */
    public void rewind(Mark m) {
        for (int i = entries.size() - 1; i >= m.entries; i--) {
            Entry e = entries.get(i);
            if (e.kind == Entry.Kind.CLAIM) unindex(i, e.keyHash());
            entries.remove(i);
            if (e.kind == Entry.Kind.APPLICATION) applications.remove(e.application.applicationId()); // added: not null
        }
        parkedFrom = m.parkedFrom;
        yearEnd = m.yearEnd;
        oneTime = m.oneTime;
        filter0 = m.filter0;
        filter1 = m.filter1;
        filter2 = m.filter2;
        filter3 = m.filter3;
        totals.copyFrom(m.totals);
    }

    /** See {@link #mark}. */
    public record Mark(int entries, int parkedFrom, boolean yearEnd, boolean oneTime,
                       long filter0, long filter1, long filter2, long filter3, YearTotals totals) {
    }
}
