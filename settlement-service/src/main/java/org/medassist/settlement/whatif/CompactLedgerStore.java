package org.medassist.settlement.whatif;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.medassist.settlement.ledger.LedgerStore;

/**
 * The ledgers of one what-if run, in the stored form the stream keeps (docs/whatif.md, "Memory"): per person the
 * header bytes and one byte record per person-year, in hash maps, and per region-year the sorted set of its persons
 * (what fan-outs walk, in personId order like a state store). A person costs its encoded events and what was paid on
 * them, a few hundred bytes per claim, instead of decoded ledgers with their explanations; {@code StoredLedgers} keeps
 * a bounded cache of decoded ones in front. One thread at a time.
 */
final class CompactLedgerStore implements LedgerStore {
    /** A person's stored records: the header and the years, usually one or two. */
    private static final class Slot {
        byte[] header;
        String[] regions = new String[0];
        int[] years = new int[0];
        byte[][] records = new byte[0][];

        int find(String region, int year) {
            for (int i = 0; i < years.length; i++) if (years[i] == year && regions[i].equals(region)) return i;
            return -1;
        }
    }

    private final HashMap<String, Slot> persons = new HashMap<>();
    private final Map<String, TreeSet<String>> index = new HashMap<>();
    private long bytes;

    @Override
    public byte[] header(String personId) {
        Slot s = persons.get(personId);
        return s == null ? null : s.header;
    }

    @Override
    public void putHeader(String personId, byte[] header) {
        Slot s = persons.computeIfAbsent(personId, k -> new Slot());
        bytes += header.length - (s.header == null ? 0 : s.header.length);
        s.header = header;
    }

    @Override
    public byte[] year(String personId, String region, int year) {
        Slot s = persons.get(personId);
        if (s == null) return null;
        int i = s.find(region, year);
        return i < 0 ? null : s.records[i];
    }

    @Override
    public void putYear(String personId, String region, int year, byte[] record) {
        Slot s = persons.computeIfAbsent(personId, k -> new Slot());
        int i = s.find(region, year);
        if (i >= 0) {
            bytes += record.length - s.records[i].length;
            s.records[i] = record;
            return;
        }
        int n = s.years.length;
        s.regions = java.util.Arrays.copyOf(s.regions, n + 1);
        s.years = java.util.Arrays.copyOf(s.years, n + 1);
        s.records = java.util.Arrays.copyOf(s.records, n + 1);
        s.regions[n] = region.intern();
        s.years[n] = year;
        s.records[n] = record;
        bytes += record.length;
    }

    @Override
    public void index(String region, int year, String personId) {
        index.computeIfAbsent(region + '|' + year, k -> new TreeSet<>()).add(personId);
    }

    @Override
    public List<String> personsWithYear(String region, int year, String after, int limit) {
        TreeSet<String> all = index.get(region + '|' + year);
        List<String> out = new ArrayList<>();
        if (all == null) return out;
        NavigableSet<String> tail = after == null ? all : all.tailSet(after, false);
        for (String p : tail) {
            if (out.size() == limit) break;
            out.add(p);
        }
        return out;
    }

    /** Every person with a record, sorted. */
    List<String> personIds() {
        List<String> out = new ArrayList<>(persons.keySet());
        out.sort(null);
        return out;
    }

    int size() { return persons.size(); }

    /** Bytes of the stored records (headers and years), for the memory line of the summary. */
    long bytes() { return bytes; }
}
