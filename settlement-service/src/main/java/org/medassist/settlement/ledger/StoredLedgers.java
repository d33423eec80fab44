package org.medassist.settlement.ledger;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.timeline.IdentityTimeline;

/**
 * Ledgers kept in a {@link LedgerStore}: a person's header is read for every event of the person, a person-year only
 * when the engine asks for it. {@link #changed} writes back the header and each loaded year whose bytes changed, and
 * indexes new years. {@link #load} is the same look-up for queries.
 *
 * <p>The ledgers read are kept, decoded and refolded, in a bounded cache (least recently used first out), so a person
 * with several events in a row is not read and refolded again for each. This is safe because the task is the only
 * writer of its stores, and a failed transaction discards the whole processor with its cache (docs/reliability.md).
 */
public final class StoredLedgers implements Ledgers {
    private final LedgerStore store;
    private final SettlementEngine engine;
    private final LinkedHashMap<String, PersonLedger> cache;

    /** Without a cache: every event reads the person back from bytes (the stored form's own tests). */
    public StoredLedgers(LedgerStore store, SettlementEngine engine) { this(store, engine, 0); }

    public StoredLedgers(LedgerStore store, SettlementEngine engine, int cachedPersons) {
        this.store = store;
        this.engine = engine;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PersonLedger> eldest) { return size() > cachedPersons; }
        };
    }

    @Override
    public PersonLedger get(String personId) {
        PersonLedger cached = cache.get(personId);
        if (cached != null) return cached;
        PersonLedger l = load(store, engine, personId);
        cache.put(personId, l);
        return l;
    }

    /** The person's ledger from the store, or an empty one; years load on demand. */
    public static PersonLedger load(LedgerStore store, SettlementEngine engine, String personId) {
        byte[] bytes = store.header(personId);
        LedgerCodec.Header h = bytes == null ? null : LedgerCodec.readHeader(bytes, personId);
        StoredYears years = new StoredYears(personId, store, engine, h == null ? List.of() : h.years());
        IdentityTimeline timeline = new IdentityTimeline();
        if (h != null) timeline.replaceWith(h.timeline());
        PersonLedger ledger = new PersonLedger(personId, timeline, years);
        if (h != null) h.refusedReversals().forEach(ledger::refuseReversal);
        years.attach(ledger);
        years.header = bytes;
        return ledger;
    }

    /** Whether the person has anything stored. */
    public static boolean exists(LedgerStore store, String personId) { return store.header(personId) != null; }

    @Override
    public void changed(PersonLedger ledger) {
        StoredYears years = (StoredYears) ledger.yearStore();
        for (PersonYear py : years.loaded()) {
            byte[] bytes = LedgerCodec.writeYear(py);
            if (!Arrays.equals(bytes, years.original.put(years.keyOf(py), bytes))) store.putYear(ledger.personId, py.region, py.year, bytes);
        }
        for (PersonYear py : years.created) store.index(py.region, py.year, ledger.personId);
        years.created.clear();
        byte[] header = LedgerCodec.writeHeader(ledger, years.currentIndex());
        if (!Arrays.equals(header, years.header)) {
            store.putHeader(ledger.personId, header);
            years.header = header;
        }
    }

    @Override
    public List<String> withYear(String region, int year, String after, int limit) {
        return store.personsWithYear(region, year, after, limit);
    }
}
