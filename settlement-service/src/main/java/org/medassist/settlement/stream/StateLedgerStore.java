package org.medassist.settlement.stream;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.medassist.settlement.ledger.LedgerStore;
import org.medassist.settlement.ledger.StoreKeys;

/** The ledger stores of one settlement task: headers, person-years, and the region-year index. */
final class StateLedgerStore implements LedgerStore {
    private final KeyValueStore<String, byte[]> headers;
    private final KeyValueStore<String, byte[]> years;
    private final KeyValueStore<String, byte[]> index;

    StateLedgerStore(KeyValueStore<String, byte[]> headers, KeyValueStore<String, byte[]> years,
                     KeyValueStore<String, byte[]> index) {
        this.headers = headers;
        this.years = years;
        this.index = index;
    }

    @Override public byte[] header(String personId) { return headers.get(personId); }

    @Override public void putHeader(String personId, byte[] header) { headers.put(personId, header); }

    @Override public byte[] year(String personId, String region, int year) { return years.get(StoreKeys.year(personId, region, year)); }

    @Override
    public void putYear(String personId, String region, int year, byte[] record) {
        years.put(StoreKeys.year(personId, region, year), record);
    }

    @Override public void index(String region, int year, String personId) { index.put(StoreKeys.index(region, year, personId), new byte[0]); }

    @Override
    public List<String> personsWithYear(String region, int year, String after, int limit) {
        List<String> out = new ArrayList<>(Math.min(limit, 1024));
        String prefix = StoreKeys.indexPrefix(region, year);
        try (KeyValueIterator<String, byte[]> it = index.range(StoreKeys.indexFrom(region, year, after), StoreKeys.indexEnd(region, year))) {
            while (it.hasNext() && out.size() < limit) out.add(it.next().key.substring(prefix.length()));
        }
        return out;
    }

    static final StringSerializer KEYS = new StringSerializer();
}
