package org.medassist.faults;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One start of settlement-service after a {@code kill -9}: from process start to {@code /health} UP (the Streams
 * application RUNNING), and to caught up: every record of its inputs that was there when the process started has been
 * processed and committed.
 */
final class Restart {
    final int kill;
    final long startedNanos;
    final boolean duringOutage;
    volatile Map<TopicPartition, Long> targets;
    volatile long healthyNanos = -1;
    volatile long caughtUpNanos = -1;
    /** Killed again before it caught up: its catch-up time is unknown. */
    volatile boolean superseded;

    Restart(int kill, long startedNanos, boolean duringOutage) {
        this.kill = kill;
        this.startedNanos = startedNanos;
        this.duringOutage = duringOutage;
    }

    /** Milliseconds from start to healthy, or -1. */
    long healthyMillis() { return healthyNanos < 0 ? -1 : (healthyNanos - startedNanos) / 1_000_000; }

    /** Milliseconds from start to caught up, or -1. */
    long caughtUpMillis() { return caughtUpNanos < 0 ? -1 : (caughtUpNanos - startedNanos) / 1_000_000; }

    boolean open() { return caughtUpNanos < 0 && !superseded; }
}
