package org.medassist.settlement.ledger;

import java.util.function.BiConsumer;

/** A byte store of ledgers by personId: a RocksDB store in streaming, a sorted map in tests. */
public interface LedgerBytes {
    byte[] get(String personId);

    void put(String personId, byte[] ledger);

    /** Every stored ledger, in key order. */
    void forEach(BiConsumer<String, byte[]> action);
}
