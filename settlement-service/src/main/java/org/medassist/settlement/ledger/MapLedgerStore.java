package org.medassist.settlement.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A {@link LedgerStore} in sorted maps, ordered like the state stores: for tests of the stored form. */
public final class MapLedgerStore implements LedgerStore {
    private final TreeMap<String, byte[]> headers = new TreeMap<>();
    private final TreeMap<String, byte[]> years = new TreeMap<>();
    private final TreeMap<String, Boolean> index = new TreeMap<>();

    @Override public byte[] header(String personId) { return headers.get(personId); }

    @Override public void putHeader(String personId, byte[] header) { headers.put(personId, header); }

    @Override public byte[] year(String personId, String region, int year) { return years.get(StoreKeys.year(personId, region, year)); }

    @Override
    public void putYear(String personId, String region, int year, byte[] record) {
        years.put(StoreKeys.year(personId, region, year), record);
    }

    @Override public void index(String region, int year, String personId) { index.put(StoreKeys.index(region, year, personId), true); }

    @Override
    public List<String> personsWithYear(String region, int year, String after, int limit) {
        String prefix = StoreKeys.indexPrefix(region, year);
        NavigableMap<String, Boolean> range = index.subMap(StoreKeys.indexFrom(region, year, after), true, prefix + StoreKeys.END, false);
        List<String> out = new ArrayList<>();
        for (String k : range.keySet()) {
            if (out.size() == limit) break;
            out.add(k.substring(prefix.length()));
        }
        return out;
    }

    /** Keys and values of every stored record (UTF-8 keys, as the state stores write them), for tests of the state's size. */
    public long storedBytes() {
        long bytes = 0;
        for (var e : headers.entrySet()) bytes += utf8(e.getKey()) + e.getValue().length;
        for (var e : years.entrySet()) bytes += utf8(e.getKey()) + e.getValue().length;
        for (String k : index.keySet()) bytes += utf8(k); // the stream stores an empty value per index key
        return bytes;
    }

    /** How many persons have a header. */
    public int persons() { return headers.size(); }

    private static int utf8(String s) { return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length; }

    /** The largest stored record, for tests of the size bound. */
    public int largestRecord() {
        int max = 0;
        for (byte[] b : headers.values()) max = Math.max(max, b.length);
        for (byte[] b : years.values()) max = Math.max(max, b.length);
        return max;
    }
}
