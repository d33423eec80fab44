package org.medassist.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.medassist.schemas.kafka.Topics;

/**
 * How far the two Streams applications have got, read from the broker: each consumer group's committed offsets
 * against the last stable offset of each partition it reads. A gap is not always work left: the marker that ends a
 * transaction, and records of aborted transactions, take offsets a read_committed reader never sees. So where
 * committed offset and end differ, a read_committed probe looks whether a record lies between them.
 */
final class Progress implements AutoCloseable {
    /** The topics settlement-service reads that others write. */
    static final List<String> SETTLEMENT_INPUTS = List.of(Topics.HOSPITAL_EVENTS.name(), Topics.APPLICATIONS.name(),
            Topics.YEAR_CLOSES.name(), Topics.PERSON_ELIGIBILITY.name());
    static final List<String> OUTPUTS = List.of(Topics.SETTLEMENTS.name(), Topics.ALERTS.name(), Topics.DEAD_LETTERS.name());

    /** Topic partitions by topic, then partition. */
    static final Comparator<TopicPartition> BY_NAME =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final Cluster cluster;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> probe;

    Progress(Cluster cluster) {
        this.cluster = cluster;
        this.admin = cluster.admin(Duration.ofSeconds(10));
        Map<String, Object> c = new HashMap<>(cluster.clientConfig());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        this.probe = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A group's position on one partition. */
    /**
     * Where a group stands on a partition: its committed offset, the end a read_committed reader sees (the last stable
     * offset) and the log's end. A transaction still open there (a killed producer's, until the broker aborts it when
     * its timeout expires) holds the stable end back while records wait behind it: the group is not done.
     */
    record Position(TopicPartition partition, long committed, long end, long logEnd) {
        Position(TopicPartition partition, long committed, long end) { this(partition, committed, end, end); }

        long gap() { return Math.max(0, end - committed); }

        boolean openTransaction() { return logEnd > end && logEnd > committed; }
    }

    /**
     * The partitions a group reads: its inputs (identity-events; settlement-service's four), and every topic it has
     * committed offsets on or that is one of its repartition topics, so internal topics count too.
     */
    List<TopicPartition> sources(String group) throws Exception {
        java.util.Set<String> topics = new java.util.TreeSet<>();
        if (group.equals(Cluster.ELIGIBILITY_APP)) {
            topics.add(Topics.IDENTITY_EVENTS.name());
        } else {
            topics.addAll(SETTLEMENT_INPUTS);
        }
        // and whatever else the application reads: internal topics (repartition, ownership requests and answers)
        for (TopicPartition tp : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).keySet()) {
            topics.add(tp.topic());
        }
        for (String t : admin.listTopics().names().get(10, TimeUnit.SECONDS)) {
            if (t.startsWith(group + "-") && t.endsWith("-repartition")) topics.add(t);
        }
        return partitions(new ArrayList<>(topics));
    }

    List<TopicPartition> partitions(List<String> topics) throws Exception {
        List<TopicPartition> out = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) ->
                d.partitions().forEach(p -> out.add(new TopicPartition(name, p.partition()))));
        return out;
    }

    /** Committed offset and last stable offset of each partition (0 committed where the group has not committed). */
    List<Position> positions(String group, List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = ends(partitions, IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> logEnds = ends(partitions, IsolationLevel.READ_UNCOMMITTED);
        List<Position> out = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            long end = ends.getOrDefault(tp, 0L);
            out.add(new Position(tp, c == null ? 0 : c.offset(), end, Math.max(end, logEnds.getOrDefault(tp, end))));
        }
        return out;
    }

    Map<TopicPartition, Long> ends(List<TopicPartition> partitions, IsolationLevel isolation) throws Exception {
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        for (TopicPartition tp : partitions) spec.put(tp, OffsetSpec.latest());
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(spec, new ListOffsetsOptions(isolation)).all().get(10, TimeUnit.SECONDS)
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** The end offsets of the outputs, read_uncommitted: they move whenever a service writes. */
    Map<TopicPartition, Long> outputEnds() throws Exception {
        Map<TopicPartition, Long> m = new TreeMap<>(BY_NAME);
        m.putAll(ends(partitions(OUTPUTS), IsolationLevel.READ_UNCOMMITTED));
        return m;
    }

    /** Positions with records still to process: a committed record lies between the committed offset and the end. */
    synchronized List<Position> pending(List<Position> positions) {
        List<Position> out = new ArrayList<>();
        for (Position p : positions) {
            if (p.openTransaction() || (p.gap() > 0 && hasRecords(p.partition(), p.committed(), p.end()))) out.add(p);
        }
        return out;
    }

    /** Whether a read_committed reader finds a record in [from, to). */
    private boolean hasRecords(TopicPartition tp, long from, long to) {
        probe.assign(List.of(tp));
        probe.seek(tp, from);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : probe.poll(Duration.ofMillis(200))) {
                if (r.offset() < to) return true;
            }
            if (probe.position(tp) >= to) return false;
        }
        return true; // could not tell: count it as pending
    }

    /** Sums of the positions' gaps, for the publisher's pacing. */
    static long gap(List<Position> positions, Set<String> topics) {
        long sum = 0;
        for (Position p : positions) if (topics.contains(p.partition().topic())) sum += p.gap();
        return sum;
    }

    Cluster cluster() { return cluster; }

    @Override
    public void close() {
        probe.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
