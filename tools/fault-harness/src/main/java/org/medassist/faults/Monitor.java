package org.medassist.faults;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;
import org.medassist.schemas.kafka.Topics;

/**
 * Watches the two Streams applications every half second: the backlog the publisher paces itself by (input records
 * not yet committed by their application), and when a restarted settlement-service has caught up.
 */
final class Monitor implements Runnable, AutoCloseable {
    private static final Set<String> PUBLISHED_TO_SETTLEMENT =
            Set.of(Topics.HOSPITAL_EVENTS.name(), Topics.APPLICATIONS.name(), Topics.YEAR_CLOSES.name());

    private final Progress progress;
    private final List<Restart> restarts = new CopyOnWriteArrayList<>();
    private volatile long backlog;
    private volatile boolean stopped;
    private volatile String lastError;
    private List<TopicPartition> settlementInputs;
    private List<TopicPartition> identityEvents;
    private final Thread thread = new Thread(this, "faults-monitor");

    Monitor(Progress progress) {
        this.progress = progress;
        thread.setDaemon(true);
    }

    void start() { thread.start(); }

    /** Input records published and not yet committed by the application that reads them (last known value). */
    long backlog() { return backlog; }

    String lastError() { return lastError; }

    void track(Restart r) { restarts.add(r); }

    List<Restart> restarts() { return List.copyOf(restarts); }

    /** The end offsets of settlement-service's inputs now, for a restart's catch-up target. */
    Map<TopicPartition, Long> inputEnds() throws Exception {
        return progress.ends(settlementInputs(), org.apache.kafka.common.IsolationLevel.READ_COMMITTED);
    }

    private List<TopicPartition> settlementInputs() throws Exception {
        if (settlementInputs == null) settlementInputs = progress.partitions(Progress.SETTLEMENT_INPUTS);
        return settlementInputs;
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                tick();
                lastError = null;
            } catch (Exception e) {
                lastError = e.toString(); // the broker restarting; try again
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void tick() throws Exception {
        if (identityEvents == null) identityEvents = progress.partitions(List.of(Topics.IDENTITY_EVENTS.name()));
        List<Progress.Position> settlement = progress.positions(Cluster.SETTLEMENT_APP, settlementInputs());
        List<Progress.Position> eligibility = progress.positions(Cluster.ELIGIBILITY_APP, identityEvents);
        backlog = Progress.gap(settlement, PUBLISHED_TO_SETTLEMENT) + Progress.gap(eligibility, Set.of(Topics.IDENTITY_EVENTS.name()));
        for (Restart r : restarts) {
            if (!r.open() || r.targets == null || r.healthyNanos < 0) continue;
            if (caughtUp(settlement, r.targets)) r.caughtUpNanos = System.nanoTime();
        }
    }

    private boolean caughtUp(List<Progress.Position> now, Map<TopicPartition, Long> targets) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (Progress.Position p : now) committed.put(p.partition(), p.committed());
        for (Map.Entry<TopicPartition, Long> t : targets.entrySet()) {
            long c = committed.getOrDefault(t.getKey(), 0L);
            if (c >= t.getValue()) continue;
            if (!progress.pending(List.of(new Progress.Position(t.getKey(), c, t.getValue()))).isEmpty()) return false;
        }
        return true;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
