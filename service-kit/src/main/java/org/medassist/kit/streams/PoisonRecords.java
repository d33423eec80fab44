package org.medassist.kit.streams;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Remembers which input records made processing fail, across the stream threads that replace each other. A failure
 * after state changed is rethrown, so exactly-once aborts the whole transaction and the record is retried from the
 * last commit (nothing is half-applied). A record that fails the same way {@link #MAX_ATTEMPTS} times is a poison
 * record: on the next attempt, with the state rolled back, the processor sends it to dead-letters whole instead of
 * applying it, so one bad record never stalls its partition (docs/reliability.md). Infrastructure failures are not
 * counted: they are retried until the infrastructure is back.
 */
public final class PoisonRecords {
    public static final int MAX_ATTEMPTS = 3;

    private final ConcurrentHashMap<String, Failure> failures = new ConcurrentHashMap<>();

    /** The last failure of a record and how many times it failed. */
    public record Failure(int attempts, String reason) {}

    private static String key(String topic, int partition, long offset) { return topic + '\u0000' + partition + '\u0000' + offset; }

    /** Records a failed attempt at the record. */
    public void failed(String topic, int partition, long offset, Throwable e) {
        failures.merge(key(topic, partition, offset), new Failure(1, Failures.describe(e)),
                (old, now) -> new Failure(old.attempts() + 1, now.reason()));
    }

    /** The failure that makes the record a poison record now, or null when it should be processed normally. */
    public Failure poisoned(String topic, int partition, long offset) {
        Failure f = failures.get(key(topic, partition, offset));
        return f != null && f.attempts() >= MAX_ATTEMPTS ? f : null;
    }

    /** Forgets a record once it is processed or dead-lettered. */
    public void done(String topic, int partition, long offset) {
        if (!failures.isEmpty()) failures.remove(key(topic, partition, offset));
    }

    public int size() { return failures.size(); }

    /**
     * Runs one input's state change under the poison rule: a failure is rethrown (the transaction aborts, nothing of
     * the input is applied) and counted unless it is the infrastructure's; the input that already failed
     * {@link #MAX_ATTEMPTS} times is not run again but handed to {@code setAside} with the reason (a dead letter).
     */
    public void guard(String topic, int partition, long offset, Runnable change, Consumer<String> setAside) {
        Failure f = poisoned(topic, partition, offset);
        if (f != null) {
            setAside.accept("set aside after " + f.attempts() + " failed attempts, nothing of it applied: " + f.reason());
            done(topic, partition, offset);
            return;
        }
        try {
            change.run();
        } catch (RuntimeException e) {
            if (!Failures.isInfrastructure(e)) failed(topic, partition, offset, e);
            throw e;
        }
        done(topic, partition, offset);
    }
}
