package org.medassist.settlement.ledger;

import org.medassist.engine.ledger.PersonLedger;

/** Where person ledgers live: a map in replay, a state store in streaming. */
public interface Ledgers {
    /** The person's ledger, created empty when the person is new. */
    PersonLedger get(String personId);

    /** Called after an event changed the ledger, so a store can write it back. */
    void changed(PersonLedger ledger);

    /** Every ledger with a person-year in the region-year, in a stable order (region-wide events fan out to them). */
    Iterable<PersonLedger> withYear(String region, int year);
}
