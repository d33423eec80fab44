package org.medassist.kit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 */
public final class AtomicBatchProducer<K, V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicBatchProducer.class);

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
    private final BlockingQueue<KafkaProducer<K, V>> idle;
    private final int poolSize;
    private final AtomicInteger created = new AtomicInteger();
    private final List<KafkaProducer<K, V>> all = new ArrayList<>();
    private volatile boolean closed;

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
        this.idle = new ArrayBlockingQueue<>(poolSize);
    }

    /**
     * Sends every record in one transaction and waits for the commit.
     *
     * @return the metadata of each record, in order
     * @throws BatchFailedException when the batch was not committed (it was aborted: nothing is visible)
     */
    public List<RecordMetadata> sendAll(List<ProducerRecord<K, V>> records) {
        if (closed) throw new IllegalStateException(name + " is closed");
        KafkaProducer<K, V> producer = borrow();
        boolean healthy = false;
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
            for (ProducerRecord<K, V> r : records) futures.add(producer.send(r));
            producer.commitTransaction(); // flushes; throws if any send failed
            List<RecordMetadata> out = new ArrayList<>(futures.size());
            for (Future<RecordMetadata> f : futures) out.add(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            healthy = true;
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchFailedException("interrupted while writing to Kafka", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            healthy = abort(producer);
            throw new BatchFailedException("could not write " + records.size() + " records to Kafka: " + cause, cause);
        } finally {
            giveBack(producer, healthy);
        }
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

    private KafkaProducer<K, V> borrow() {
        KafkaProducer<K, V> p = idle.poll();
        if (p != null) return p;
        synchronized (this) {
            if (created.get() < poolSize) return create();
        }
        try {
            p = idle.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchFailedException("interrupted while waiting for a producer", e);
        }
        if (p == null) throw new BatchFailedException("all " + poolSize + " producers of " + name + " are busy", null);
        return p;
    }

    private KafkaProducer<K, V> create() {
        int n = created.incrementAndGet();
        Map<String, Object> c = new HashMap<>(config);
        String txId = name + "-" + instance + "-" + n;
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, txId);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaProducer<K, V> p;
        try {
            p = new KafkaProducer<>(c, keySerializer, valueSerializer);
        } catch (RuntimeException e) {
            created.decrementAndGet();
            throw new BatchFailedException("cannot create a producer: " + e, e);
        }
        try {
            p.initTransactions();
        } catch (RuntimeException e) {
            created.decrementAndGet();
            p.close(Duration.ZERO);
            throw new BatchFailedException("cannot initialise transactions on Kafka: " + e, e);
        }
        synchronized (all) {
            all.add(p);
        }
        return p;
    }

    private void giveBack(KafkaProducer<K, V> producer, boolean healthy) {
        if (healthy && !closed) {
            idle.offer(producer);
            return;
        }
        synchronized (all) {
            all.remove(producer);
        }
        created.decrementAndGet();
        producer.close(Duration.ZERO);
    }

    @Override
    public void close() {
        closed = true;
        List<KafkaProducer<K, V>> toClose;
        synchronized (all) {
            toClose = new ArrayList<>(all);
            all.clear();
        }
        idle.clear();
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
