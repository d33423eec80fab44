package org.medassist.dashboard.feed;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.medassist.events.Alert;

/**
 * Every alert read from the {@code alerts} topic, in the order read, with its partition and offset; and the live
 * subscriptions of the SSE feed. An alert fires once per person-year per rule (docs/contract.md), so the book stays
 * small beside the settlements. Thread-safe: the reader adds, the HTTP threads read and subscribe.
 */
@Requires(property = "medassist.dashboard.enabled", notEquals = "false")
@Singleton
public class AlertBook {
    /** One alert and where it is in the topic. */
    public record Stored(int partition, long offset, Alert alert) {}

    /** A live subscription: stop it when the client goes. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final List<Stored> all = new ArrayList<>();
    private final TreeMap<Integer, Long> lastRead = new TreeMap<>();
    private final List<Consumer<Stored>> listeners = new ArrayList<>();

    /** Declares the topic's partitions (none read yet), so a cursor names each of them. */
    public synchronized void partitions(Iterable<Integer> partitions) {
        for (Integer p : partitions) lastRead.putIfAbsent(p, -1L);
    }

    /** An alert read from the topic; the subscriptions hear of it before this returns. */
    public synchronized void add(int partition, long offset, Alert alert) {
        Stored s = new Stored(partition, offset, alert);
        all.add(s);
        lastRead.merge(partition, offset, Math::max);
        for (Consumer<Stored> l : List.copyOf(listeners)) l.accept(s);
    }

    /** Where the reader is: the last offset read per partition. */
    public synchronized Cursor position() { return Cursor.of(lastRead); }

    /** The alerts {@code filter} accepts, in the order read. */
    public synchronized List<Stored> matching(Predicate<Alert> filter) {
        List<Stored> out = new ArrayList<>();
        for (Stored s : all) if (filter.test(s.alert())) out.add(s);
        return out;
    }

    /** The alerts {@code filter} accepts and the position they were read up to, together. */
    public synchronized Listing listing(Predicate<Alert> filter) { return new Listing(matching(filter), position()); }

    /** A list of alerts and the feed position right after them: a feed started there misses none and repeats none. */
    public record Listing(List<Stored> alerts, Cursor position) {}

    public synchronized int size() { return all.size(); }

    /**
     * Subscribes from {@code from} (the current position when null): {@code sink} gets, in order, every alert after
     * that position that {@code filter} accepts — those already read first, then each as it is read — with the
     * cursor after it (the SSE event id). Alerts the filter refuses still move the cursor, so resuming never sends
     * one twice or skips one. Called under this book's lock, so nothing is read between the backlog and the first
     * live alert. {@code started} hears the starting position first (the feed's first event id).
     */
    public synchronized Subscription subscribe(Cursor from, Predicate<Alert> filter, Consumer<Cursor> started, Delivery sink) {
        Cursor start = (from == null ? position() : from).covering(lastRead.keySet());
        started.accept(start);
        Cursor[] at = {start};
        Consumer<Stored> listener = s -> {
            if (!at[0].before(s.partition(), s.offset())) return; // already delivered before a reconnect
            at[0] = at[0].after(s.partition(), s.offset());
            if (filter.test(s.alert())) sink.deliver(s, at[0]);
        };
        for (Stored s : all) listener.accept(s);
        listeners.add(listener);
        return () -> {
            synchronized (AlertBook.this) {
                listeners.remove(listener);
            }
        };
    }

    /** Receives the alerts of a subscription. */
    @FunctionalInterface
    public interface Delivery {
        void deliver(Stored alert, Cursor after);
    }

    /**
     * Why {@code cursor} cannot be a position of this feed, or null: it names a partition the alerts topic does not have
     * (once the topic's partitions are known). Such an id comes from another feed or was made up, and resuming from it
     * would replay from the start without a word.
     */
    public synchronized String foreign(Cursor cursor) {
        if (lastRead.isEmpty()) return null;
        for (Integer p : cursor.offsets().keySet()) {
            if (!lastRead.containsKey(p)) {
                return "partition " + p + " is not one of the alerts topic's (" + lastRead.firstKey() + " to " + lastRead.lastKey() + ")";
            }
        }
        return null;
    }

    /** The number of live subscriptions (metrics, tests). */
    public synchronized int subscriptions() { return listeners.size(); }

    /** For tests: the partitions known. */
    synchronized Map<Integer, Long> lastRead() { return Map.copyOf(lastRead); }
}
