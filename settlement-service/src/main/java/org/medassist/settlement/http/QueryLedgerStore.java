package org.medassist.settlement.http;

import java.util.List;
import org.medassist.kit.query.InteractiveQueries;
import org.medassist.settlement.ledger.LedgerStore;
import org.medassist.settlement.ledger.StoreKeys;
import org.medassist.settlement.stream.SettlementTopology;

/** The ledger stores of this instance, read through interactive queries: for a query about a person it owns. */
final class QueryLedgerStore implements LedgerStore {
    private final InteractiveQueries queries;

    QueryLedgerStore(InteractiveQueries queries) { this.queries = queries; }

    @Override
    public byte[] header(String personId) {
        return queries.<byte[]>getLocal(SettlementTopology.HEADER_STORE, personId).orElse(null);
    }

    @Override
    public byte[] year(String personId, String region, int year) {
        return queries.<byte[]>getLocal(SettlementTopology.YEAR_STORE, StoreKeys.year(personId, region, year)).orElse(null);
    }

    @Override
    public void putHeader(String personId, byte[] header) { throw new IllegalStateException("queries read the ledger, never write it"); }

    @Override
    public void putYear(String personId, String region, int year, byte[] record) {
        throw new IllegalStateException("queries read the ledger, never write it");
    }

    @Override
    public void index(String region, int year, String personId) { throw new IllegalStateException("queries read the ledger, never write it"); }

    @Override
    public List<String> personsWithYear(String region, int year, String after, int limit) { return List.of(); }
}
