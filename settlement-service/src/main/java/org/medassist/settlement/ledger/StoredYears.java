package org.medassist.settlement.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.ledger.PersonYears;
import org.medassist.engine.ledger.YearInfo;

/**
 * A person's years in a {@link LedgerStore}, loaded the first time the engine asks for one and restored (refolded)
 * then; the header's index says which years exist without reading them. After the event, {@link StoredLedgers}
 * writes back the loaded years and indexes the new ones.
 */
final class StoredYears implements PersonYears {
    private final String personId;
    private final LedgerStore store;
    private final SettlementEngine engine;
    /** Every year of the person, by region|year, sorted: from the header, plus years added since. */
    private final TreeMap<String, YearInfo> index = new TreeMap<>();
    private final Map<String, PersonYear> loaded = new LinkedHashMap<>();
    /** The stored bytes of each loaded year, to skip writing a year that did not change. */
    final Map<String, byte[]> original = new LinkedHashMap<>();
    final List<PersonYear> created = new ArrayList<>();
    /** The header as last read or written. */
    byte[] header;
    private PersonLedger ledger;

    StoredYears(String personId, LedgerStore store, SettlementEngine engine, List<YearInfo> years) {
        this.personId = personId;
        this.store = store;
        this.engine = engine;
        for (YearInfo y : years) index.put(key(y.region(), y.year()), y);
    }

    void attach(PersonLedger ledger) { this.ledger = ledger; }

    private static String key(String region, int year) { return region + '|' + StoreKeys.year4(year); }

    @Override
    public PersonYear get(String region, int year) {
        String k = key(region, year);
        PersonYear py = loaded.get(k);
        if (py != null || !index.containsKey(k)) return py;
        byte[] bytes = store.year(personId, region, year);
        if (bytes == null) throw new IllegalStateException("the ledger index names " + region + " " + year + " but its record is missing");
        py = LedgerCodec.readYear(bytes, personId, engine);
        loaded.put(k, py); // before restoring: end items may read this year back
        original.put(k, bytes);
        engine.restoreYear(ledger, py);
        return py;
    }

    @Override
    public void add(PersonYear py) {
        String k = key(py.region, py.year);
        loaded.put(k, py);
        if (index.put(k, YearInfo.of(py)) == null) created.add(py);
    }

    @Override
    public List<PersonYear> all(String region) {
        List<PersonYear> out = new ArrayList<>();
        for (YearInfo y : index(region)) out.add(get(region, y.year()));
        out.sort(Comparator.comparingInt(py -> py.year));
        return out;
    }

    @Override
    public List<YearInfo> index(String region) {
        List<YearInfo> out = new ArrayList<>();
        for (Map.Entry<String, YearInfo> e : index.entrySet()) {
            if (!e.getValue().region().equals(region)) continue;
            PersonYear py = loaded.get(e.getKey());
            out.add(py == null ? e.getValue() : YearInfo.of(py));
        }
        return out;
    }

    @Override
    public List<String> regions() { return index.values().stream().map(YearInfo::region).distinct().sorted().toList(); }

    @Override
    public Collection<PersonYear> loaded() { return loaded.values(); }

    /** The index as it stands, for the header. */
    List<YearInfo> currentIndex() {
        List<YearInfo> out = new ArrayList<>();
        for (Map.Entry<String, YearInfo> e : index.entrySet()) {
            PersonYear py = loaded.get(e.getKey());
            out.add(py == null ? e.getValue() : YearInfo.of(py));
        }
        return out;
    }

    String keyOf(PersonYear py) { return key(py.region, py.year); }
}
