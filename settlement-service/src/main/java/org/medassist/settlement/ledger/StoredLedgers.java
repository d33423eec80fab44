package org.medassist.settlement.ledger;

import java.util.ArrayList;
import java.util.List;
import org.medassist.engine.SettlementEngine;
import org.medassist.settlement.ledger.LedgerCodec;
import org.medassist.engine.ledger.PersonLedger;

/** Ledgers kept as bytes in a store: read and refolded per event, written back after it. */
public final class StoredLedgers implements Ledgers {
    private final LedgerBytes store;
    private final SettlementEngine engine;

    public StoredLedgers(LedgerBytes store, SettlementEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    @Override
    public PersonLedger get(String personId) {
        byte[] bytes = store.get(personId);
        return bytes == null ? new PersonLedger(personId) : LedgerCodec.read(bytes, engine);
    }

    @Override
    public void changed(PersonLedger ledger) { store.put(ledger.personId, LedgerCodec.write(ledger)); }

    @Override
    public Iterable<PersonLedger> withYear(String region, int year) {
        List<PersonLedger> out = new ArrayList<>();
        store.forEach((id, bytes) -> {
            PersonLedger l = LedgerCodec.read(bytes, engine);
            if (l.year(region, year) != null) out.add(l);
        });
        return out;
    }
}
