package org.medassist.settlement.whatif;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.medassist.events.PersonEligibility;
import org.medassist.events.YearClose;
import org.medassist.kit.streams.Failures;
import org.medassist.schemas.PersonIds;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventRules;
import org.medassist.schemas.kafka.AvroSerdes;
import org.medassist.schemas.kafka.EventRoutes;
import org.medassist.schemas.kafka.KafkaConnection;
import org.medassist.schemas.kafka.Topic;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.route.EventRouter;

/**
 * The recorded history on Kafka: the settlement topology's input topics (docs/architecture.md) read from the
 * beginning up to their end when the read starts, {@code read_committed}, by a private consumer: assigned partitions,
 * no consumer group, nothing committed, nothing written. Identities come from {@code person-eligibility}, the timelines
 * the settlement service itself reads (it may not read {@code identity-events}, docs/security.md "ACLs"); claims and
 * reversals, applications, year closes and parameters from the topics their {@link EventRoutes} name.
 *
 * <p>The partitions are merged by record timestamp (partition by partition in offset order), which is the order the
 * stream met them in as nearly as can be known; by E1 the final amounts do not depend on it. A record the topology
 * would dead-letter or reject (unreadable, under another key, on the wrong topic, breaking the contract) is skipped
 * and counted: it changed no ledger.
 */
public final class KafkaHistory implements History {
    /** The topics read: the settlement topology's inputs, parameters first in a tie. */
    static final List<Topic<?>> TOPICS = List.of(Topics.POLICY_PARAMETERS, Topics.PERSON_ELIGIBILITY, Topics.HOSPITAL_EVENTS,
            Topics.APPLICATIONS, Topics.YEAR_CLOSES);
    private static final int PAUSE_ABOVE = 4_000;
    private static final int RESUME_BELOW = 1_000;
    private static final Duration STALL = Duration.ofSeconds(60);

    /** The cluster or the registry cannot be used; the message says which and why. */
    public static final class KafkaUnavailable extends RuntimeException {
        public KafkaUnavailable(String message, Throwable cause) { super(message, cause); }
    }

    private final Map<String, Object> clientConfig;
    private final AvroSerdes serdes;
    private final String description;

    public KafkaHistory(Map<String, Object> clientConfig, AvroSerdes serdes, String description) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.serdes = serdes;
        this.description = description;
    }

    /** From the services' connection settings (validated here: a setting that does not fit is an error naming it). */
    public static KafkaHistory of(KafkaConnection connection) {
        return new KafkaHistory(connection.clientConfig(), connection.avroSerdes(), "Kafka at " + connection.bootstrapServers());
    }

    @Override
    public String describe() { return description + " (" + String.join(", ", TOPICS.stream().map(Topic::name).toList()) + ")"; }

    @Override
    public Counts read(Scope scope, Consumer<SpecificRecord> sink, Progress progress) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "medassist-whatif-" + UUID.randomUUID());
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG); // no group: nothing joins, nothing is committed
        Deserializer<SpecificRecord> values = serdes.mixedValue().deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // read_committed: the last stable offsets
            long total = 0;
            for (TopicPartition tp : partitions) total += end.get(tp) - begin.get(tp);
            return merge(consumer, partitions, end, total, values, scope, sink, progress);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaUnavailable("cannot read the history from " + description + ": " + e.getMessage(), e);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> out = new ArrayList<>();
        for (Topic<?> t : TOPICS) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(t.name(), Duration.ofSeconds(30));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new KafkaUnavailable(description + " did not answer within 30 s (is it running? are the security settings right?)", e);
            }
            if (infos == null || infos.isEmpty()) {
                throw new KafkaUnavailable("topic " + t.name() + " does not exist on " + description + ": is this medassist's cluster?", null);
            }
            for (PartitionInfo p : infos) out.add(new TopicPartition(p.topic(), p.partition()));
        }
        out.sort((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                : Integer.compare(topicIndex(a.topic()), topicIndex(b.topic())));
        return out;
    }

    private static int topicIndex(String topic) {
        for (int i = 0; i < TOPICS.size(); i++) if (TOPICS.get(i).name().equals(topic)) return i;
        return TOPICS.size();
    }

    /** A k-way merge of the partitions by timestamp, each partition in offset order, with bounded buffers. */
    private Counts merge(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end,
                         long total, Deserializer<SpecificRecord> values, Scope scope, Consumer<SpecificRecord> sink, Progress progress) {
        Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> buffers = new HashMap<>();
        Set<TopicPartition> open = new HashSet<>();
        Set<TopicPartition> paused = new HashSet<>();
        for (TopicPartition tp : partitions) {
            buffers.put(tp, new ArrayDeque<>());
            if (end.get(tp) > 0) open.add(tp);
        }
        long events = 0;
        long skipped = 0;
        long outOfScope = 0;
        long seen = 0;
        long lastProgress = System.nanoTime();
        while (true) {
            // emit while every partition still open has a record waiting: the smallest timestamp goes first
            while (true) {
                TopicPartition next = null;
                boolean blocked = false;
                for (TopicPartition tp : partitions) {
                    ArrayDeque<ConsumerRecord<byte[], byte[]>> q = buffers.get(tp);
                    if (q.isEmpty()) {
                        if (open.contains(tp)) {
                            blocked = true;
                            break;
                        }
                        continue;
                    }
                    if (next == null || q.peekFirst().timestamp() < buffers.get(next).peekFirst().timestamp()) next = tp;
                }
                if (blocked || next == null) break;
                ConsumerRecord<byte[], byte[]> r = buffers.get(next).pollFirst();
                seen++;
                SpecificRecord event = decode(r, values);
                if (event == null) {
                    skipped++;
                } else if (!scope.reads(event)) {
                    outOfScope++;
                } else {
                    sink.accept(event);
                    events++;
                }
                if (paused.contains(next) && buffers.get(next).size() < RESUME_BELOW) {
                    consumer.resume(List.of(next));
                    paused.remove(next);
                }
                if ((seen & 0xFFF) == 0) progress.update("reading", total == 0 ? 1.0 : Math.min(1.0, seen / (double) total), events);
            }
            if (open.isEmpty() && buffers.values().stream().allMatch(ArrayDeque::isEmpty)) break;
            ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
            if (!polled.isEmpty()) lastProgress = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> r : polled) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() >= end.get(tp)) continue; // written after the read began: not history
                buffers.get(tp).addLast(r);
            }
            for (TopicPartition tp : partitions) {
                if (open.contains(tp) && consumer.position(tp) >= end.get(tp)) open.remove(tp);
                if (!paused.contains(tp) && buffers.get(tp).size() > PAUSE_ABOVE) {
                    consumer.pause(List.of(tp));
                    paused.add(tp);
                }
            }
            if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                throw new KafkaUnavailable("no records from " + description + " for " + STALL.toSeconds() + " s while " + open.size()
                        + " partitions were still unread (" + open + ")", null);
            }
        }
        progress.update("reading", 1.0, events);
        return new Counts(events, skipped, outOfScope);
    }

    /** The event, or null for a record the settlement topology would dead-letter or reject. */
    private SpecificRecord decode(ConsumerRecord<byte[], byte[]> r, Deserializer<SpecificRecord> values) {
        if (r.value() == null) return null;
        SpecificRecord event;
        try {
            event = values.deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
            if (Failures.isInfrastructure(e)) {
                throw new KafkaUnavailable("cannot read " + r.topic() + "[" + r.partition() + "]@" + r.offset()
                        + ": the schema registry is unreachable (" + e.getMessage() + ")", e);
            }
            return null;
        }
        if (event == null) return null;
        String belongs = event instanceof PersonEligibility ? Topics.PERSON_ELIGIBILITY.name()
                : EventRoutes.of(event).map(x -> x.topic().name()).orElse(null);
        if (!r.topic().equals(belongs)) return null;
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        if (event instanceof YearClose y) {
            if (!(y.getRegion() + "|" + y.getYear()).equals(key)) return null;
        } else if (belongs.equals(Topics.POLICY_PARAMETERS.name())) {
            // keyed region|year|name; the global table keeps the latest per key, replay applies each in order
        } else {
            String personId = EventRouter.personOf(event);
            if (key == null || !key.equals(personId) || PersonIds.problem(personId) != null) return null;
        }
        if (!(event instanceof PersonEligibility)) {
            try {
                EventRules.check(event);
            } catch (EventFormatException e) {
                return null;
            }
        }
        return event;
    }
}
