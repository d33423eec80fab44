package org.medassist.settlement.whatif;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.ledger.YearInfo;
import org.medassist.settlement.ledger.LedgerCodec;
import org.medassist.settlement.ledger.Ledgers;
import org.medassist.settlement.ledger.StoredLedgers;

/**
 * The ledgers of one what-if side: the persons met lately decoded in memory (least recently used first out), everyone
 * else in the stored form of {@link CompactLedgerStore} (docs/whatif.md, "Memory"). A ledger is encoded when it leaves
 * memory, not after every event as the stream's write-through {@link StoredLedgers} does, and read back with
 * {@link StoredLedgers#load} (its years refolded on demand, exactly as the stream restores them). The region-year
 * index is kept current on every change, so fan-outs reach persons in memory and stored alike, in personId order.
 */
final class WriteBackLedgers implements Ledgers {
    /** A decoded ledger and how many of its loaded years are already in the region-year index. */
    private static final class Hot {
        final PersonLedger ledger;
        int indexed;

        Hot(PersonLedger ledger) { this.ledger = ledger; }
    }

    private final CompactLedgerStore store;
    private final SettlementEngine engine;
    private final LinkedHashMap<String, Hot> hot;

    WriteBackLedgers(CompactLedgerStore store, SettlementEngine engine, int cachedPersons) {
        this.store = store;
        this.engine = engine;
        this.hot = new LinkedHashMap<>(Math.max(16, cachedPersons * 2), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Hot> eldest) {
                if (size() <= cachedPersons) return false;
                writeBack(eldest.getValue().ledger);
                return true;
            }
        };
    }

    @Override
    public PersonLedger get(String personId) {
        Hot h = hot.get(personId);
        if (h != null) return h.ledger;
        PersonLedger l = StoredLedgers.exists(store, personId) ? StoredLedgers.load(store, engine, personId) : new PersonLedger(personId);
        h = new Hot(l);
        h.indexed = l.yearStore().loaded().size(); // read back: its years are indexed already
        hot.put(personId, h);
        return l;
    }

    @Override
    public void changed(PersonLedger ledger) {
        Hot h = hot.get(ledger.personId);
        if (h == null || h.ledger != ledger) { // evicted meanwhile (a fan-out touching many persons): write it now
            writeBack(ledger);
            return;
        }
        var loaded = ledger.yearStore().loaded();
        if (loaded.size() == h.indexed) return;
        for (PersonYear py : loaded) store.index(py.region, py.year, ledger.personId);
        h.indexed = loaded.size();
    }

    @Override
    public List<String> withYear(String region, int year, String after, int limit) {
        return store.personsWithYear(region, year, after, limit);
    }

    /** Encodes every ledger still in memory into the store. */
    void flush() {
        for (Hot h : hot.values()) writeBack(h.ledger);
        hot.clear();
    }

    private void writeBack(PersonLedger l) {
        List<YearInfo> index = new ArrayList<>();
        for (String region : l.regions()) index.addAll(l.index(region));
        for (PersonYear py : l.yearStore().loaded()) {
            store.putYear(l.personId, py.region, py.year, LedgerCodec.writeYear(py));
            store.index(py.region, py.year, l.personId);
        }
        store.putHeader(l.personId, LedgerCodec.writeHeader(l, index));
    }
}
