package org.medassist.settlement.stream;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.medassist.settlement.route.FanOut;

/**
 * The fan-outs a task is running, with their cursors, in the store "fan-outs": a parameter change or a year close
 * reaches the persons of its region-year a chunk at a time, each chunk in its own transaction with the cursor that
 * follows it, so a crash between chunks resumes after the last committed one (docs/reliability.md). Keys start with a
 * sequence number, so fan-outs run in the order they started, also after a restart.
 */
final class FanOuts {
    /** A running fan-out: its store key, what it does, and the last personId done ("" before the first). */
    record Running(String key, FanOut fanOut, String cursor) {}

    private final KeyValueStore<String, String> store;
    private final List<Running> running = new ArrayList<>();
    private long sequence;

    FanOuts(KeyValueStore<String, String> store) {
        this.store = store;
        try (KeyValueIterator<String, String> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                int bar = kv.key.indexOf('|');
                sequence = Math.max(sequence, Long.parseLong(kv.key.substring(0, bar)));
                running.add(new Running(kv.key, FanOut.parse(kv.key.substring(bar + 1)), kv.value));
            }
        }
    }

    void start(FanOut f) {
        String key = String.format("%019d", ++sequence) + "|" + f.id();
        store.put(key, "");
        running.add(new Running(key, f, ""));
    }

    boolean isEmpty() { return running.isEmpty(); }

    Running first() { return running.get(0); }

    List<Running> all() { return List.copyOf(running); }

    /** Records progress: the last person done, or the end of the fan-out when {@code cursor} is null. */
    void advance(Running r, String cursor) {
        int i = running.indexOf(r);
        if (cursor == null) {
            store.delete(r.key());
            running.remove(i);
        } else {
            store.put(r.key(), cursor);
            running.set(i, new Running(r.key(), r.fanOut(), cursor));
        }
    }

    /** Whether a running fan-out of the region-year has not yet reached this person. */
    static boolean ahead(Running r, String personId) { return r.cursor().isEmpty() || personId.compareTo(r.cursor()) > 0; }
}
