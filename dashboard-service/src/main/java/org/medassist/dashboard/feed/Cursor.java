package org.medassist.dashboard.feed;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A position in the {@code alerts} topic: for every partition, the offset of the last alert delivered (-1: none).
 * It is the SSE event id of the alert feed, written {@code 0:41,1:-1,2:17}, so {@code Last-Event-ID} resumes exactly
 * where the browser stopped, on any instance and after a restart: Kafka offsets are the same for every reader
 * (docs/dashboard-service.md, "Resuming").
 */
public final class Cursor {
    private final TreeMap<Integer, Long> last;

    private Cursor(Map<Integer, Long> last) {
        this.last = new TreeMap<>(last);
    }

    public static Cursor of(Map<Integer, Long> last) { return new Cursor(last); }

    /**
     * Reads an event id.
     *
     * @throws IllegalArgumentException when it is not of the form {@code <partition>:<offset>,…}
     */
    public static Cursor parse(String id) {
        TreeMap<Integer, Long> m = new TreeMap<>();
        if (id == null || id.isBlank()) throw new IllegalArgumentException("an empty event id");
        for (String part : id.trim().split(",")) {
            String[] po = part.split(":", -1);
            if (po.length != 2) throw new IllegalArgumentException("not an event id of this feed: " + id);
            try {
                int p = Integer.parseInt(po[0].trim());
                long o = Long.parseLong(po[1].trim());
                if (p < 0 || o < -1 || m.put(p, o) != null) throw new IllegalArgumentException("not an event id of this feed: " + id);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an event id of this feed: " + id);
            }
        }
        return new Cursor(m);
    }

    /** Whether the alert at {@code partition}/{@code offset} comes after this position. */
    public boolean before(int partition, long offset) {
        return offset > last.getOrDefault(partition, -1L);
    }

    /** This position with the alert at {@code partition}/{@code offset} delivered. */
    public Cursor after(int partition, long offset) {
        TreeMap<Integer, Long> m = new TreeMap<>(last);
        m.merge(partition, offset, Math::max);
        return new Cursor(m);
    }

    /** This position, naming also the partitions of {@code others} it does not name (at -1). */
    public Cursor covering(Iterable<Integer> partitions) {
        TreeMap<Integer, Long> m = new TreeMap<>(last);
        for (Integer p : partitions) m.putIfAbsent(p, -1L);
        return new Cursor(m);
    }

    public Map<Integer, Long> offsets() { return Map.copyOf(last); }

    /** The event id. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",");
        last.forEach((p, o) -> j.add(p + ":" + o));
        return j.toString();
    }

    @Override
    public boolean equals(Object o) { return o instanceof Cursor c && c.last.equals(last); }

    @Override
    public int hashCode() { return last.hashCode(); }
}
