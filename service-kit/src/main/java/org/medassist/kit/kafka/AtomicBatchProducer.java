package org.medassist.kit.kafka;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch of records in one Kafka transaction: readers with {@code isolation.level=read_committed} (every
 * exactly-once Streams application) see all of the batch or none of it. Ingestion endpoints use it so that an HTTP
 * request is all-or-nothing even when the broker fails half-way.
 *
 * <p>A transactional producer runs one transaction at a time, so this keeps a small pool of them (created on first
 * use; transactional ids {@code <name>-<random per process>-<n>}). A producer whose transaction fails is aborted; one
 * that cannot be aborted (fenced, timed out) is closed and replaced.
 *
 * <p><b>Group commit.</b> A transaction's commit costs the same few round trips to the broker whether it holds one
 * record or a thousand, so batches that arrive while every producer is busy wait in a queue, and the next producer to
 * come free writes all of them (up to {@value #GROUP_RECORDS} records) in one transaction. Each batch is still all or
 * nothing to its caller: a transaction is all or nothing, and {@link #sendAll} returns only once the transaction that
 * holds its batch has committed. When a transaction of several batches fails on something other than the broker's
 * availability (a record too large, a serializer's error), each batch is written again on its own, so that only the
 * batch at fault fails. A batch still queued when its caller's timeout runs out is taken out of the queue and never
 * written (docs/performance.md, "HTTP ingestion: group commit").
 */
public final class AtomicBatchProducer<K, V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicBatchProducer.class);

    /** How long the broker lets a transaction stay open before it aborts it (unless medassist.kafka.producer.* says). */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    /** Most records one transaction takes from the queue; a larger batch goes alone. */
    static final int GROUP_RECORDS = 2_000;

    /** The batch could not be written; nothing of it is visible to read_committed readers. */
    public static final class BatchFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BatchFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String name;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Object> config;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Duration timeout;
    private final int poolSize;
    // every open producer by the n of its transactional id (null while it is being created); guarded by itself
    private final Map<Integer, KafkaProducer<K, V>> slots = new HashMap<>();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile boolean closed;

    // guarded by lock: the queue, the idle producers, how many exist; `changed` is signalled when any of them or a
    // batch's state changes
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending<K, V>> queue = new ArrayDeque<>();
    private final ArrayDeque<KafkaProducer<K, V>> idle = new ArrayDeque<>();
    private int created;

    AtomicBatchProducer(String name, Map<String, Object> producerConfig, Serializer<K> keySerializer,
                        Serializer<V> valueSerializer, int poolSize, Duration timeout) {
        if (poolSize < 1) throw new IllegalArgumentException("poolSize must be at least 1");
        this.name = name;
        this.config = new HashMap<>(producerConfig);
        // shared by the pool's producers, and a producer closes its serializers: only close() closes these
        this.keySerializer = new Shared<>(keySerializer);
        this.valueSerializer = new Shared<>(valueSerializer);
        this.poolSize = poolSize;
        this.timeout = timeout;
    }

    /** A caller's batch: queued, then taken into a transaction by one producer, then done (or cancelled while queued). */
    static final class Pending<K, V> {
        enum State { QUEUED, TAKEN, DONE, CANCELLED }

        final List<ProducerRecord<K, V>> records;
        State state = State.QUEUED; // guarded by the producer's lock
        // written by the one caller whose transaction took the batch, before it sets DONE under the lock
        List<RecordMetadata> result;
        BatchFailedException failure;

        boolean decided() { return result != null || failure != null; }

        Pending(List<ProducerRecord<K, V>> records) {
            this.records = records;
        }
    }

    /**
     * Sends every record in one transaction and waits for the commit.
     *
     * @return the metadata of each record, in order
     * @throws BatchFailedException when the batch was not committed (it was aborted, or never sent: nothing is visible)
     */
    public List<RecordMetadata> sendAll(List<ProducerRecord<K, V>> records) {
        if (closed) throw new IllegalStateException(name + " is closed");
        Pending<K, V> mine = new Pending<>(records);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        lock.lock();
        try {
            queue.addLast(mine);
            while (mine.state != Pending.State.DONE) {
                if (mine.state == Pending.State.CANCELLED) throw new BatchFailedException(name + " is closed", null);
                if (mine.state == Pending.State.TAKEN) {
                    // in another caller's transaction: its outcome is ours, so wait for it whatever the clock says
                    changed.awaitUninterruptibly();
                    continue;
                }
                KafkaProducer<K, V> producer = idle.pollFirst();
                boolean create = producer == null && created < poolSize;
                if (create) created++;
                if (producer != null || create) {
                    List<Pending<K, V>> group = takeGroup();
                    lock.unlock();
                    try {
                        lead(producer, group);
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || interrupted) {
                    // still queued: taken out, so it is never written
                    queue.remove(mine);
                    mine.state = Pending.State.CANCELLED;
                    throw new BatchFailedException(interrupted ? "interrupted while waiting for a producer"
                            : "all " + poolSize + " producers of " + name + " are busy", null);
                }
                try {
                    changed.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
            if (interrupted) Thread.currentThread().interrupt();
        }
        if (mine.failure != null) throw mine.failure;
        return mine.result;
    }

    /** How many transactions have committed or failed, and how many batches they held (group commit's measure). */
    public long transactions() { return transactions.get(); }

    /** How many batches have been written or failed. */
    public long batches() { return batches.get(); }

    /**
     * Counts this pool's transactions and batches on {@code meters}, read when scraped:
     * {@code medassist_ingest_transactions_total} and {@code medassist_ingest_requests_total} (a request is a batch), tagged with the pool's
     * name. Their ratio is how many requests a transaction carried (docs/operations.md, "Metrics").
     */
    public void bindTo(MeterRegistry meters) {
        FunctionCounter.builder("medassist.ingest.transactions", transactions, AtomicLong::get)
                .description("Kafka transactions of the ingestion pool, committed or failed")
                .tag("pool", name).register(meters);
        FunctionCounter.builder("medassist.ingest.requests", batches, AtomicLong::get)
                .description("requests the ingestion pool wrote or failed; several may share a transaction")
                .tag("pool", name).register(meters);
    }

    /** How many batches wait for a producer now. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the queue's first batches, up to {@link #GROUP_RECORDS} records (at least one batch). Under the lock. */
    private List<Pending<K, V>> takeGroup() {
        List<Pending<K, V>> group = new ArrayList<>();
        int records = 0;
        for (Pending<K, V> p; (p = queue.peekFirst()) != null; ) {
            if (!group.isEmpty() && records + p.records.size() > GROUP_RECORDS) break;
            queue.pollFirst();
            p.state = Pending.State.TAKEN;
            group.add(p);
            records += p.records.size();
        }
        return group;
    }

    /**
     * Writes a group with a producer taken from the pool ({@code null}: one is to be created, already counted), then
     * gives the producer back and wakes the waiting callers. Every batch of the group is done when this returns.
     */
    private void lead(KafkaProducer<K, V> producer, List<Pending<K, V>> group) {
        KafkaProducer<K, V> usable = null;
        try {
            if (producer == null) producer = create();
            usable = write(producer, group);
        } catch (BatchFailedException e) {
            for (Pending<K, V> p : group) if (!p.decided()) p.failure = e;
        } finally {
            if (usable == null && producer != null) discard(producer);
            lock.lock();
            try {
                for (Pending<K, V> p : group) {
                    if (!p.decided()) p.failure = new BatchFailedException("not written", null);
                    p.state = Pending.State.DONE;
                }
                batches.addAndGet(group.size());
                if (usable != null && !closed) {
                    idle.addFirst(usable);
                } else {
                    created--;
                    if (usable != null) discard(usable);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Writes the group in one transaction; if that fails on something other than the broker's availability and the
     * group holds several batches, each batch again on its own, so that only the batch at fault fails. Records each
     * batch's outcome. Returns the producer to keep using (the same one or its replacement), or null when none is.
     */
    private KafkaProducer<K, V> write(KafkaProducer<K, V> producer, List<Pending<K, V>> group) {
        Throwable cause = transaction(producer, group);
        if (cause == null) return producer;
        boolean healthy = abort(producer);
        if (group.size() == 1 || unavailable(cause)) {
            BatchFailedException f = failed(group, cause);
            for (Pending<K, V> p : group) p.failure = f;
            return healthy ? producer : null;
        }
        LOG.info("{}: a transaction of {} batches failed ({}); writing each on its own", name, group.size(), cause.toString());
        for (int i = 0; i < group.size(); i++) {
            Pending<K, V> p = group.get(i);
            if (!healthy) {
                discard(producer);
                producer = create(); // a BatchFailedException here fails the batches without an outcome (lead)
                healthy = true;
            }
            Throwable alone = transaction(producer, List.of(p));
            if (alone == null) continue;
            healthy = abort(producer);
            p.failure = failed(List.of(p), alone);
            if (unavailable(alone)) {
                for (Pending<K, V> rest : group.subList(i + 1, group.size())) rest.failure = failed(List.of(rest), alone);
                break;
            }
        }
        return healthy ? producer : null;
    }

    /**
     * One transaction of the group's records; sets each batch's metadata once it has committed. The failure of a
     * transaction that did not commit, or null: once committed, nothing of the group is written again.
     */
    private Throwable transaction(KafkaProducer<K, V> producer, List<Pending<K, V>> group) {
        transactions.incrementAndGet();
        List<List<Future<RecordMetadata>>> futures = new ArrayList<>(group.size());
        try {
            producer.beginTransaction();
            for (Pending<K, V> p : group) {
                List<Future<RecordMetadata>> f = new ArrayList<>(p.records.size());
                for (ProducerRecord<K, V> r : p.records) f.add(producer.send(r));
                futures.add(f);
            }
            producer.commitTransaction(); // flushes; throws if any send failed
        } catch (RuntimeException e) {
            return e;
        }
        // committed: every send has completed, so the metadata are there
        for (int i = 0; i < group.size(); i++) {
            List<RecordMetadata> out = new ArrayList<>(futures.get(i).size());
            try {
                for (Future<RecordMetadata> f : futures.get(i)) out.add(f.get(0, TimeUnit.MILLISECONDS));
                group.get(i).result = out;
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                group.get(i).failure = new BatchFailedException("written, but its record metadata could not be read: " + e, e);
            }
        }
        return null;
    }

    /**
     * The broker or the network, not the records: writing each batch again on its own would fail the same way, and
     * wait as long. The producer wraps the send's own error ("in an error state"), so the causes are looked at too.
     */
    static boolean unavailable(Throwable cause) {
        for (int depth = 0; cause != null && depth < 8; cause = cause.getCause(), depth++) {
            if (cause instanceof RetriableException || cause instanceof org.apache.kafka.common.errors.InterruptException) {
                return true;
            }
        }
        return false;
    }

    private BatchFailedException failed(List<Pending<K, V>> group, Throwable cause) {
        int records = 0;
        for (Pending<K, V> p : group) records += p.records.size();
        return new BatchFailedException("could not write " + records + " records to Kafka: " + cause, cause);
    }

    private boolean abort(KafkaProducer<K, V> producer) {
        try {
            producer.abortTransaction();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot abort a failed transaction ({}); replacing the producer", name, e.toString());
            return false;
        }
    }

    /** A new producer with transactions initialised, in the lowest free slot (a replaced producer's id is reused, which fences it). */
    private KafkaProducer<K, V> create() {
        int slot = 1;
        synchronized (slots) {
            while (slots.containsKey(slot)) slot++;
            slots.put(slot, null); // taken while the producer is created
        }
        Map<String, Object> c = new HashMap<>(config);
        String txId = name + "-" + instance + "-" + slot;
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, txId);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        // A transaction holds one group of requests and commits within milliseconds. If the service dies inside one,
        // the next instance has other transactional ids and cannot abort it: the broker does, after this timeout, and
        // until then read_committed readers of its partitions wait. Kafka's default is a minute.
        c.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
        KafkaProducer<K, V> p = null;
        try {
            p = new KafkaProducer<>(c, keySerializer, valueSerializer);
            p.initTransactions();
        } catch (RuntimeException e) {
            synchronized (slots) {
                slots.remove(slot);
            }
            if (p != null) p.close(Duration.ZERO);
            throw new BatchFailedException("cannot initialise transactions on Kafka: " + e, e);
        }
        synchronized (slots) {
            slots.put(slot, p);
        }
        return p;
    }

    /** Closes a producer that cannot be used again and frees its slot. */
    private void discard(KafkaProducer<K, V> producer) {
        synchronized (slots) {
            if (!slots.values().removeIf(p -> p == producer)) return;
        }
        producer.close(Duration.ZERO);
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            // queued batches are never written: their callers get a failure, as when Kafka is down
            for (Pending<K, V> p; (p = queue.pollFirst()) != null; ) {
                p.state = Pending.State.CANCELLED;
            }
            idle.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        List<KafkaProducer<K, V>> toClose = new ArrayList<>();
        synchronized (slots) {
            for (KafkaProducer<K, V> p : slots.values()) if (p != null) toClose.add(p);
            slots.clear();
        }
        for (KafkaProducer<K, V> p : toClose) p.close(Duration.ofSeconds(5));
        ((Shared<K>) keySerializer).delegate.close();
        ((Shared<V>) valueSerializer).delegate.close();
    }

    /** A serializer that several producers share: closing it through a producer does nothing. */
    private static final class Shared<T> implements Serializer<T> {
        final Serializer<T> delegate;

        Shared(Serializer<T> delegate) {
            this.delegate = delegate;
        }

        @Override
        public byte[] serialize(String topic, T data) {
            return delegate.serialize(topic, data);
        }

        @Override
        public byte[] serialize(String topic, org.apache.kafka.common.header.Headers headers, T data) {
            return delegate.serialize(topic, headers, data);
        }

        @Override
        public void close() {
            // closed by the pool
        }
    }
}
