package org.medassist.settlement.ledger;

import java.util.List;
import org.medassist.engine.ledger.PersonLedger;

/** Where person ledgers live: a map in replay, state stores in streaming. */
public interface Ledgers {
    /** The person's ledger, created empty when the person is new. */
    PersonLedger get(String personId);

    /** Called after an event changed the ledger, so a store can write it back. */
    void changed(PersonLedger ledger);

    /**
     * PersonIds with a person-year in the region-year (what parameter changes and year closes fan out over), in
     * personId order, after {@code after} (null: from the first), at most {@code limit}.
     */
    List<String> withYear(String region, int year, String after, int limit);
}
