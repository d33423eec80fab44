package org.medassist.faults;

import java.util.function.LongSupplier;

/**
 * How a {@link Feed} paces itself, so that events flow all through the run and the faults strike while the services
 * work: at most {@code rate} events a second (0: no limit), and nothing more while more than {@code maxBacklog} input
 * records wait for the services (0: never waits).
 */
final class Pacing {
    private final long nanosPerEvent;
    private final LongSupplier backlog;
    private final long maxBacklog;
    private long next = System.nanoTime();

    Pacing(double rate, LongSupplier backlog, long maxBacklog) {
        this.nanosPerEvent = rate > 0 ? (long) (1e9 / rate) : 0;
        this.backlog = backlog;
        this.maxBacklog = maxBacklog;
    }

    /** Waits for the next event's turn; one thread only. A stall of over a second is not made up for with a burst. */
    void awaitTurn() throws InterruptedException {
        if (nanosPerEvent == 0) return;
        long now = System.nanoTime();
        if (next > now) Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
        next = Math.max(next, now - 1_000_000_000L) + nanosPerEvent;
    }

    /** Waits while the services' backlog is above the maximum; any thread. */
    void awaitBacklog() throws InterruptedException {
        while (maxBacklog > 0 && backlog.getAsLong() > maxBacklog) Thread.sleep(100);
    }
}
