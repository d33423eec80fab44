package org.medassist.kit.deadletter;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import org.medassist.events.DeadLetter;
import org.medassist.schemas.kafka.Topics;

/**
 * Builds {@link DeadLetter} records: the raw key and value bytes of a record no one could process, where it came
 * from (topic, partition, offset), why, and which service gave up. Inside a Streams topology, forward the letter to a
 * sink on {@link #TOPIC} (keyed by the raw key bytes, so the letter lands on the source record's partition) to keep
 * it in the same exactly-once transaction; elsewhere use {@link DeadLetterWriter}.
 */
public final class DeadLetters {
    public static final String TOPIC = Topics.DEAD_LETTERS.name();
    /** The conventional name of a topology's dead-letter sink. */
    public static final String SINK_NAME = "dead-letters-sink";
    /** Reasons are cut to this many characters. */
    public static final int MAX_REASON = 2000;

    private final String service;
    private final Clock clock;

    public DeadLetters(String service) {
        this(service, Clock.systemUTC());
    }

    public DeadLetters(String service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    public String service() { return service; }

    /** A dead letter for the record at {@code topic}/{@code partition}/{@code offset}. */
    public DeadLetter letter(String topic, int partition, long offset, byte[] key, byte[] value, String reason) {
        String r = reason == null || reason.isBlank() ? "unknown reason" : reason;
        if (r.length() > MAX_REASON) r = r.substring(0, MAX_REASON - 1) + "…";
        return DeadLetter.newBuilder()
                .setSourceTopic(topic == null ? "" : topic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key.clone()))
                .setValue(value == null ? null : ByteBuffer.wrap(value.clone()))
                .setReason(r)
                .setService(service)
                .setFailedAt(Instant.ofEpochMilli(clock.millis()))
                .build();
    }

    /** A short description of a throwable for a reason: its class and message, and its root cause's. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String s = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? s : s + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
