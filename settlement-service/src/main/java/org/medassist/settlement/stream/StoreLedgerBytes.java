package org.medassist.settlement.stream;

import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.medassist.settlement.ledger.LedgerBytes;

/** Ledger bytes in the task's RocksDB store "person-ledgers". */
final class StoreLedgerBytes implements LedgerBytes {
    private final KeyValueStore<String, byte[]> store;

    StoreLedgerBytes(KeyValueStore<String, byte[]> store) { this.store = store; }

    @Override public byte[] get(String personId) { return store.get(personId); }

    @Override public void put(String personId, byte[] ledger) { store.put(personId, ledger); }

    @Override
    public void forEach(BiConsumer<String, byte[]> action) {
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                action.accept(kv.key, kv.value);
            }
        }
    }
}
