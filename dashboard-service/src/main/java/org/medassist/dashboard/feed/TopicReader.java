package org.medassist.dashboard.feed;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.medassist.dashboard.report.FundBook;
import org.medassist.dashboard.report.WatchBook;
import org.medassist.events.Alert;
import org.medassist.events.Parameter;
import org.medassist.events.Settlement;
import org.medassist.kit.kafka.KafkaClients;
import org.medassist.schemas.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code alerts}, {@code settlements} and {@code policy-parameters} from the beginning, {@code read_committed}
 * (what the settlement transactions committed, nothing aborted), into the {@link AlertBook}, {@link FundBook} and
 * {@link WatchBook}. One consumer, partitions assigned by hand: no consumer group, no commits, nothing that the
 * settlement application waits for or shares; every start re-reads the topics, so every instance holds the whole
 * view (docs/dashboard-service.md, "Why consumers and memory"). Topics that do not exist yet, and partitions added
 * later, are looked for every few seconds. A record that cannot be read is counted and skipped (it is the
 * settlement service's own output; a dead letter is not this reader's to write).
 */
@Requires(property = "medassist.dashboard.enabled", notEquals = "false")
@Singleton
public class TopicReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
    private static final List<String> TOPICS = List.of(Topics.ALERTS.name(), Topics.SETTLEMENTS.name(), Topics.POLICY_PARAMETERS.name());

    private final KafkaClients clients;
    private final AlertBook alerts;
    private final FundBook fund;
    private final WatchBook watch;
    private final Duration lookup;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private volatile KafkaConsumer<String, SpecificRecord> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile Map<TopicPartition, Long> startEnd = Map.of();
    private volatile long records;
    private volatile long unreadable;
    private volatile String lastError;

    public TopicReader(KafkaClients clients, AlertBook alerts, FundBook fund, WatchBook watch,
                       @Value("${medassist.dashboard.partition-lookup:2s}") Duration lookup) {
        this.clients = clients;
        this.alerts = alerts;
        this.fund = fund;
        this.watch = watch;
        this.lookup = lookup;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    /** Starts reading (idempotent). */
    public synchronized void start() {
        if (thread != null) return;
        Map<String, Object> c = clients.clientConfig();
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clients.applicationId() + "-reader");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                clients.avroSerdes().value(SpecificRecord.class).deserializer());
        running = true;
        thread = new Thread(this::run, "dashboard-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long nextLookup = 0;
        try {
            while (running) {
                if (System.nanoTime() >= nextLookup) {
                    assignNewPartitions();
                    nextLookup = System.nanoTime() + lookup.toNanos();
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(200);
                    continue;
                }
                try {
                    for (ConsumerRecord<String, SpecificRecord> r : consumer.poll(Duration.ofMillis(200))) handle(r);
                    lastError = null;
                } catch (RecordDeserializationException e) {
                    unreadable++;
                    LOG.warn("skipped an unreadable record at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
                if (!caughtUp) checkCaughtUp();
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            lastError = e.toString();
            if (running) LOG.error("stopped reading the output topics", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void assignNewPartitions() {
        List<TopicPartition> fresh = new ArrayList<>();
        for (String topic : TOPICS) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                lastError = "cannot look up " + topic + ": " + e;
                infos = List.of();
            }
            if (infos == null) continue;
            for (PartitionInfo info : infos) {
                TopicPartition tp = new TopicPartition(info.topic(), info.partition());
                if (!assigned.contains(tp)) fresh.add(tp);
            }
        }
        if (fresh.isEmpty()) {
            if (!assigned.isEmpty() && !caughtUp && startEnd.isEmpty()) checkCaughtUp();
            return;
        }
        assigned.addAll(fresh);
        consumer.assign(assigned);
        consumer.seekToBeginning(fresh);
        List<Integer> alertPartitions = new ArrayList<>();
        for (TopicPartition tp : fresh) if (tp.topic().equals(Topics.ALERTS.name())) alertPartitions.add(tp.partition());
        alerts.partitions(alertPartitions);
        if (!caughtUp) {
            // what the topics held when this reader found them: read up to there, the view is current
            Map<TopicPartition, Long> end = new HashMap<>(startEnd);
            end.putAll(consumer.endOffsets(fresh, Duration.ofSeconds(10)));
            startEnd = end;
        }
    }

    private void checkCaughtUp() {
        if (!allTopicsFound()) return;
        for (Map.Entry<TopicPartition, Long> e : startEnd.entrySet()) {
            // read_committed: the position passes transaction markers, so it reaches the end offset
            if (consumer.position(e.getKey(), Duration.ofSeconds(5)) < e.getValue()) return;
        }
        caughtUp = true;
        LOG.info("dashboard caught up with the output topics: {} records ({} alerts, {} settlement events)", records,
                alerts.size(), fund.events());
    }

    private boolean allTopicsFound() {
        Set<String> topics = new HashSet<>();
        for (TopicPartition tp : assigned) topics.add(tp.topic());
        return topics.containsAll(TOPICS);
    }

    private void handle(ConsumerRecord<String, SpecificRecord> r) {
        records++;
        SpecificRecord v = r.value();
        if (v instanceof Alert a) {
            alerts.add(r.partition(), r.offset(), a);
        } else if (v instanceof Settlement s) {
            fund.add(s);
            watch.add(s);
        } else if (v instanceof Parameter p) {
            watch.add(p);
        } else if (v != null) {
            unreadable++;
        }
    }

    /** Whether everything the topics held when they were found has been read. */
    public boolean caughtUp() { return caughtUp; }

    public long records() { return records; }

    public long unreadable() { return unreadable; }

    public String lastError() { return lastError; }

    /** Partitions being read. */
    public int partitions() { return assigned.size(); }

    @Override
    @PreDestroy
    public synchronized void close() {
        running = false;
        Thread t = thread;
        if (t == null) return;
        KafkaConsumer<String, SpecificRecord> c = consumer;
        if (c != null) c.wakeup();
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }
}
