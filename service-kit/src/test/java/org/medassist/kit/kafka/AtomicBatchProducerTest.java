package org.medassist.kit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.kafkatest.KafkaTestEnvironment;

/**
 * Group commit on a real broker: batches that wait for a busy producer share its next transaction, each still all or
 * nothing to its caller; a batch at fault in a group fails alone; a batch that times out in the queue is never written.
 * Read back with read_committed, as the services read.
 */
@ExtendWith(KafkaTestEnvironment.class)
class AtomicBatchProducerTest {

    /** A value serializer that stops on the value "block" until released, so a test can keep the one producer busy. */
    static final class Gate extends StringSerializer {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public byte[] serialize(String topic, String data) {
            if ("block".equals(data)) {
                entered.countDown();
                try {
                    release.await(120, TimeUnit.SECONDS); // longer than any test waits: released by close()
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.serialize(topic, data);
        }
    }

    private static AtomicBatchProducer<String, String> producer(KafkaTestEnvironment.Environment env, StringSerializer values,
                                                              Duration timeout) {
        Map<String, Object> config;
        try (KafkaClients clients = KitKafkaTest.clients(env)) {
            config = clients.producerConfig();
        }
        return new AtomicBatchProducer<>("group-" + UUID.randomUUID().toString().substring(0, 6), config,
                new StringSerializer(), values, 1, timeout);
    }

    /** A pool of one producer kept busy writing "block" to a new topic until released; the callers' threads. */
    private static final class Blocked implements AutoCloseable {
        final String topic;
        final Gate gate = new Gate();
        final ExecutorService pool;
        final AtomicBatchProducer<String, String> producer;
        final Future<?> first;

        /** {@code before}: values written in the same transaction ahead of "block", so that it is open on the broker. */
        Blocked(KafkaTestEnvironment.Environment env, String topic, int partitions, int threads, Duration timeout,
                String... before) throws Exception {
            this.topic = topic;
            env.createTopics(partitions, topic);
            pool = Executors.newFixedThreadPool(threads);
            producer = producer(env, gate, timeout);
            List<ProducerRecord<String, String>> batch = new ArrayList<>();
            for (String v : before) batch.add(new ProducerRecord<>(topic, "a", v));
            batch.add(new ProducerRecord<>(topic, "a", "block"));
            first = pool.submit(() -> producer.sendAll(batch));
            assertTrue(gate.entered.await(30, TimeUnit.SECONDS));
            if (before.length > 0) Thread.sleep(500); // the sender thread has sent them: the transaction is open
        }

        @Override
        public void close() {
            gate.release.countDown();
            pool.shutdownNow();
            producer.close();
        }
    }

    private static List<String> values(KafkaTestEnvironment.Environment env, String topic, int atLeast) {
        return values(env, topic, atLeast, Duration.ofSeconds(30));
    }

    private static List<String> values(KafkaTestEnvironment.Environment env, String topic, int atLeast, Duration patience) {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : KitKafkaTest.readAll(env, topic, new StringDeserializer(), atLeast, patience)) {
            out.add(r.value());
        }
        return out;
    }

    @Test
    void concurrentBatchesShareTransactionsAndEachIsWrittenOnce(KafkaTestEnvironment.Environment env) throws Exception {
        String topic = "group-" + UUID.randomUUID();
        env.createTopics(2, topic);
        int callers = 24;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (AtomicBatchProducer<String, String> producer = producer(env, new StringSerializer(), Duration.ofSeconds(20))) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                done.add(pool.submit(() -> {
                    start.await();
                    List<ProducerRecord<String, String>> batch = new ArrayList<>();
                    for (int i = 0; i < 3; i++) batch.add(new ProducerRecord<>(topic, "k" + caller, caller + "-" + i));
                    return producer.sendAll(batch).size();
                }));
            }
            start.countDown();
            for (Future<Integer> f : done) assertEquals(3, f.get(60, TimeUnit.SECONDS));
            assertEquals(callers, producer.batches());
            assertTrue(producer.transactions() < callers,
                    "batches waiting for the one producer share its transactions: " + producer.transactions() + " for " + callers);
        } finally {
            pool.shutdownNow();
        }
        List<String> read = values(env, topic, callers * 3);
        assertEquals(callers * 3, read.size(), "every record once");
        assertEquals(callers * 3, read.stream().distinct().count());
        // a caller's records keep their order (one key, one partition)
        for (int c = 0; c < callers; c++) {
            String prefix = c + "-";
            assertEquals(List.of(prefix + 0, prefix + 1, prefix + 2), read.stream().filter(v -> v.startsWith(prefix)).toList());
        }
    }

    @Test
    void aBatchAtFaultFailsAloneAndTheOthersOfItsTransactionAreWritten(KafkaTestEnvironment.Environment env) throws Exception {
        String topic = "group-" + UUID.randomUUID();
        try (Blocked busy = new Blocked(env, topic, 2, 4, Duration.ofSeconds(30))) {
            var producer = busy.producer;
            // three batches queue behind "block"
            Future<?> good1 = busy.pool.submit(() -> producer.sendAll(List.of(new ProducerRecord<>(topic, "b", "good-1"),
                    new ProducerRecord<>(topic, "b", "good-2"))));
            // larger than max.request.size: the broker's client refuses it, and its transaction with it
            Future<?> bad = busy.pool.submit(() -> producer.sendAll(List.of(new ProducerRecord<>(topic, "c", "bad-1"),
                    new ProducerRecord<>(topic, "c", "x".repeat(2_000_000)))));
            Future<?> good2 = busy.pool.submit(() -> producer.sendAll(List.of(new ProducerRecord<>(topic, "d", "good-3"))));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (producer.queued() < 3 && System.nanoTime() < deadline) Thread.sleep(10);
            assertEquals(3, producer.queued(), "three batches wait for the busy producer");
            busy.gate.release.countDown();

            busy.first.get(30, TimeUnit.SECONDS);
            good1.get(30, TimeUnit.SECONDS);
            good2.get(30, TimeUnit.SECONDS);
            var failure = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> bad.get(30, TimeUnit.SECONDS));
            assertInstanceOf(AtomicBatchProducer.BatchFailedException.class, failure.getCause());
            // "block" alone; the three together, which failed; then each of the three alone
            assertEquals(5, producer.transactions());
            assertEquals(4, producer.batches());
            // the producer is still usable
            producer.sendAll(List.of(new ProducerRecord<>(topic, "e", "after")));
        }
        List<String> read = values(env, topic, 5);
        assertEquals(List.of("after", "block", "good-1", "good-2", "good-3"), read.stream().sorted().toList(),
                "nothing of the batch at fault, everything of the others, each once");
    }

    /**
     * A service that dies inside a transaction (here: its writer stuck for good after the first record reached the
     * broker, never committing or aborting) holds up read_committed readers of that partition only until the broker
     * aborts the transaction, about {@link AtomicBatchProducer#TRANSACTION_TIMEOUT}, not Kafka's default minute; and
     * nothing of the dead transaction is ever read.
     */
    @Test
    void aTransactionLeftOpenByADeadWriterIsAbortedSoonAndNothingOfItIsRead(KafkaTestEnvironment.Environment env) throws Exception {
        String topic = "group-" + UUID.randomUUID();
        try (Blocked dead = new Blocked(env, topic, 1, 1, Duration.ofSeconds(60), "dead-1");
             AtomicBatchProducer<String, String> next = producer(env, new StringSerializer(), Duration.ofSeconds(30))) {
            long t0 = System.nanoTime();
            next.sendAll(List.of(new ProducerRecord<>(topic, "n", "next")));
            List<String> read = values(env, topic, 1, Duration.ofSeconds(40));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(List.of("next"), read, "the next writer's record, none of the dead transaction's");
            assertTrue(seconds < 30, "readers waited " + seconds + " s for the dead transaction to be aborted");
            System.out.printf("[AtomicBatchProducerTest] readers waited %.1f s for a dead writer's transaction%n", seconds);
        }
    }

    /** A shutdown with requests still queued answers them as failed (the sender sends again) and writes none of them. */
    @Test
    void closingWithBatchesQueuedFailsThemAndWritesNone(KafkaTestEnvironment.Environment env) throws Exception {
        String topic = "group-" + UUID.randomUUID();
        try (Blocked busy = new Blocked(env, topic, 1, 3, Duration.ofSeconds(60))) {
            var producer = busy.producer;
            Future<?> queued1 = busy.pool.submit(() -> producer.sendAll(List.of(new ProducerRecord<>(topic, "b", "queued-1"))));
            Future<?> queued2 = busy.pool.submit(() -> producer.sendAll(List.of(new ProducerRecord<>(topic, "c", "queued-2"))));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (producer.queued() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
            assertEquals(2, producer.queued());
            CompletableFuture<Void> closing = CompletableFuture.runAsync(producer::close);
            for (Future<?> f : List.of(queued1, queued2)) {
                var e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> f.get(30, TimeUnit.SECONDS));
                assertInstanceOf(AtomicBatchProducer.BatchFailedException.class, e.getCause());
            }
            busy.gate.release.countDown(); // the writer in flight finds its producer closed
            closing.get(30, TimeUnit.SECONDS);
            var e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> busy.first.get(30, TimeUnit.SECONDS));
            assertInstanceOf(AtomicBatchProducer.BatchFailedException.class, e.getCause());
        }
        // a later writer's record is readable, and nothing of the closed pool's
        try (AtomicBatchProducer<String, String> next = producer(env, new StringSerializer(), Duration.ofSeconds(30))) {
            next.sendAll(List.of(new ProducerRecord<>(topic, "n", "next")));
        }
        assertEquals(List.of("next"), values(env, topic, 1, Duration.ofSeconds(40)));
    }

    @Test
    void theBrokersUnavailabilityIsToldFromARecordAtFaultThroughTheProducersWrapping() {
        var wrapped = new org.apache.kafka.common.KafkaException("Cannot execute transactional method because we are in an error state",
                new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s)"));
        assertTrue(AtomicBatchProducer.unavailable(wrapped), "a group failing on the broker is not written again a batch at a time");
        assertFalse(AtomicBatchProducer.unavailable(new org.apache.kafka.common.KafkaException("in an error state",
                new org.apache.kafka.common.errors.RecordTooLargeException("too large"))));
        assertFalse(AtomicBatchProducer.unavailable(new org.apache.kafka.common.errors.SerializationException("bad")));
    }

    @Test
    void aBatchThatTimesOutInTheQueueIsNeverWritten(KafkaTestEnvironment.Environment env) throws Exception {
        String topic = "group-" + UUID.randomUUID();
        try (Blocked busy = new Blocked(env, topic, 1, 2, Duration.ofMillis(500))) {
            var producer = busy.producer;
            // the one producer stays busy past this caller's timeout: refused, and taken out of the queue
            CompletableFuture<Throwable> late = CompletableFuture.supplyAsync(() -> {
                try {
                    producer.sendAll(List.of(new ProducerRecord<>(topic, "b", "timed-out")));
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            }, busy.pool);
            Throwable refused = late.get(30, TimeUnit.SECONDS);
            assertInstanceOf(AtomicBatchProducer.BatchFailedException.class, refused);
            assertEquals(0, producer.queued());
            busy.gate.release.countDown();
            busy.first.get(30, TimeUnit.SECONDS);
            producer.sendAll(List.of(new ProducerRecord<>(topic, "c", "after")));
        }
        List<String> read = values(env, topic, 2);
        assertEquals(List.of("after", "block"), read.stream().sorted().toList());
        assertFalse(read.contains("timed-out"), "a batch its caller was told failed is never written");
    }
}
