package org.medassist.launcher.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.medassist.events.Alert;
import org.medassist.events.Settlement;
import org.medassist.schemas.kafka.KafkaConnection;
import org.medassist.schemas.kafka.Topics;

/**
 * Reads {@code settlements}, {@code alerts} and {@code dead-letters} from the beginning, {@code read_committed}
 * (only what the services' transactions committed), into {@link Totals}. It has no consumer group and commits
 * nothing: every start re-reads the topics, so the totals are always the topics' totals, across restarts.
 * Topics that do not exist yet are looked for again every two seconds.
 */
public final class OutputMonitor implements AutoCloseable {

    private static final List<String> TOPICS = List.of(
            Topics.SETTLEMENTS.name(), Topics.ALERTS.name(), Topics.DEAD_LETTERS.name());

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final Totals totals;
    private final Thread thread;
    private final Set<TopicPartition> assigned = new HashSet<>();
    /** Each partition's end when it was assigned: records before it are earlier runs', read back. */
    private final java.util.Map<TopicPartition, Long> startEnds = new java.util.HashMap<>();
    private volatile boolean running = true;
    private volatile boolean started;
    private volatile long records;

    public OutputMonitor(String bootstrapServers, String registryUrl, Totals totals) {
        this(KafkaConnection.plain(bootstrapServers, registryUrl), totals);
    }

    /**
     * Reads with the one client configuration (security and registry access included; docs/security.md): on a
     * secured cluster, an operator's principal, the only one that may read dead-letters.
     */
    public OutputMonitor(KafkaConnection connection, Totals totals) {
        this.totals = totals;
        Deserializer<SpecificRecord> values = connection.avroSerdes().value(SpecificRecord.class).deserializer();
        Map<String, Object> c = connection.clientConfig();
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "launcher-monitor");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), values);
        this.thread = new Thread(this::run, "launcher-monitor");
        this.thread.setDaemon(true);
    }

    public void start() {
        started = true;
        thread.start();
    }

    /** Records read so far. */
    public long records() {
        return records;
    }

    private void run() {
        long nextLookup = 0;
        try {
            while (running) {
                if (System.nanoTime() >= nextLookup && assigned.size() < expectedPartitions()) {
                    assignNewPartitions();
                    nextLookup = System.nanoTime() + 2_000_000_000L;
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(500);
                    continue;
                }
                try {
                    for (ConsumerRecord<String, SpecificRecord> r : consumer.poll(Duration.ofMillis(500))) handle(r);
                } catch (RecordDeserializationException e) {
                    // skip the one record that cannot be read and go on
                    if (e.topicPartition().topic().equals(Topics.DEAD_LETTERS.name())) totals.deadLetter();
                    else totals.unreadable();
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) System.err.println("[monitor] stopped reading the output topics: " + e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private int lastKnownPartitions = Integer.MAX_VALUE;

    /** Until every topic was found, a number larger than what is assigned; then the partitions found. */
    private int expectedPartitions() {
        return lastKnownPartitions;
    }

    private void assignNewPartitions() {
        List<TopicPartition> fresh = new ArrayList<>();
        boolean allFound = true;
        int found = 0;
        for (String topic : TOPICS) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                infos = List.of();
            }
            if (infos == null || infos.isEmpty()) {
                allFound = false;
                continue;
            }
            for (PartitionInfo info : infos) {
                found++;
                TopicPartition tp = new TopicPartition(info.topic(), info.partition());
                if (!assigned.contains(tp)) fresh.add(tp);
            }
        }
        if (allFound) lastKnownPartitions = found;
        if (fresh.isEmpty()) return;
        assigned.addAll(fresh);
        consumer.assign(assigned);
        consumer.seekToBeginning(fresh);
        try {
            startEnds.putAll(consumer.endOffsets(fresh, Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            fresh.forEach(tp -> startEnds.put(tp, 0L)); // unknown: everything counts as this run's
        }
    }

    private void handle(ConsumerRecord<String, SpecificRecord> r) {
        records++;
        SpecificRecord value = r.value();
        if (r.topic().equals(Topics.DEAD_LETTERS.name())) {
            totals.deadLetter();
        } else if (value instanceof Settlement s) {
            totals.add(s, r.offset() < startEnds.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L));
        } else if (value instanceof Alert a) {
            totals.add(a);
        } else if (value != null) {
            totals.unreadable();
        }
    }

    @Override
    public void close() {
        running = false;
        if (!started) {
            consumer.close(Duration.ofSeconds(2));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
