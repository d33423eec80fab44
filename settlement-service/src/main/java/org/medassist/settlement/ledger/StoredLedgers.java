package org.medassist.settlement.ledger;

import java.util.Arrays;
import java.util.List;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.timeline.IdentityTimeline;

/**
 * Ledgers kept in a {@link LedgerStore}: a person's header is read for every event of the person, a person-year only
 * when the engine asks for it. {@link #changed} writes back the header and each loaded year whose bytes changed, and
 * indexes new years. {@link #load} is the same look-up for queries.
 */
public final class StoredLedgers implements Ledgers {
    private final LedgerStore store;
    private final SettlementEngine engine;

    public StoredLedgers(LedgerStore store, SettlementEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    @Override
    public PersonLedger get(String personId) { return load(store, engine, personId); }

    /** The person's ledger from the store, or an empty one; years load on demand. */
    public static PersonLedger load(LedgerStore store, SettlementEngine engine, String personId) {
        byte[] bytes = store.header(personId);
        LedgerCodec.Header h = bytes == null ? null : LedgerCodec.readHeader(bytes, personId);
        StoredYears years = new StoredYears(personId, store, engine, h == null ? List.of() : h.years());
        IdentityTimeline timeline = new IdentityTimeline();
        if (h != null) timeline.replaceWith(h.timeline());
        PersonLedger ledger = new PersonLedger(personId, timeline, years);
        if (h != null) ledger.refusedReversals.putAll(h.refusedReversals());
        years.attach(ledger);
        return ledger;
    }

    /** Whether the person has anything stored. */
    public static boolean exists(LedgerStore store, String personId) { return store.header(personId) != null; }

    @Override
    public void changed(PersonLedger ledger) {
        StoredYears years = (StoredYears) ledger.yearStore();
        for (PersonYear py : years.loaded()) {
            byte[] bytes = LedgerCodec.writeYear(py);
            if (!Arrays.equals(bytes, years.original.get(years.keyOf(py)))) store.putYear(ledger.personId, py.region, py.year, bytes);
        }
        for (PersonYear py : years.created) store.index(py.region, py.year, ledger.personId);
        byte[] header = LedgerCodec.writeHeader(ledger, years.currentIndex());
        if (!Arrays.equals(header, store.header(ledger.personId))) store.putHeader(ledger.personId, header);
    }

    @Override
    public List<String> withYear(String region, int year, String after, int limit) {
        return store.personsWithYear(region, year, after, limit);
    }
}
