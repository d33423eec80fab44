package org.medassist.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.medassist.events.Alert;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.DeadLetter;
import org.medassist.events.IdentityEvent;
import org.medassist.events.PersonEligibility;
import org.medassist.events.Settlement;
import org.medassist.schemas.kafka.AvroSerdes;
import org.medassist.schemas.kafka.Topics;

/** What the services published (read from the topics, read_committed) and what replay writes for the same file. */
final class Outputs {
    final List<Outcome> settlements = new ArrayList<>();
    final List<String> alerts = new ArrayList<>();
    final List<DeadLetterView> deadLetters = new ArrayList<>();
    /**
     * settlement-service's claim query store ({@code GET /v1/claims/{claimId}}), as its changelog holds it: per claimId,
     * how many settlement lines it keeps; null when the topology keeps no such store (no changelog).
     */
    Map<String, Integer> claimStore;
    /** Output records that could not be read: each one is a mismatch. */
    final List<String> unreadable = new ArrayList<>();
    /**
     * How many times each input event is on the input topics, by {@code <type>:<id>} (identity events, claims,
     * reversals, applications): more often than in the file means it was sent again after a failure.
     */
    final Map<String, Integer> inputs = new HashMap<>();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads settlements, alerts and dead letters from the beginning to the last stable offset, read_committed. */
    static Outputs read(Cluster cluster, AvroSerdes serdes, Feed publisher) {
        Outputs o = new Outputs();
        Deserializer<Settlement> settlement = serdes.value(Settlement.class).deserializer();
        Deserializer<Alert> alert = serdes.value(Alert.class).deserializer();
        Deserializer<DeadLetter> letter = serdes.value(DeadLetter.class).deserializer();
        Deserializer<SpecificRecord> any = serdes.mixedValue().deserializer();
        readTopic(cluster, Topics.SETTLEMENTS.name(), r -> {
            try {
                o.settlements.add(Outcome.of(settlement.deserialize(r.topic(), r.value())));
            } catch (RuntimeException e) {
                o.unreadable.add(where(r) + ": " + e);
            }
        });
        readTopic(cluster, Topics.ALERTS.name(), r -> {
            try {
                o.alerts.add(alert.deserialize(r.topic(), r.value()).getAlertId());
            } catch (RuntimeException e) {
                o.unreadable.add(where(r) + ": " + e);
            }
        });
        readTopic(cluster, Topics.DEAD_LETTERS.name(), r -> {
            try {
                DeadLetter d = letter.deserialize(r.topic(), r.value());
                Integer line = publisher.origin(d.getSourceTopic(), d.getPartition(), d.getOffset());
                o.deadLetters.add(new DeadLetterView(d.getService(), d.getSourceTopic(), d.getPartition(), d.getOffset(),
                        d.getReason(), line, describe(any, d)));
            } catch (RuntimeException e) {
                o.unreadable.add(where(r) + ": " + e);
            }
        });
        for (String topic : List.of(Topics.IDENTITY_EVENTS.name(), Topics.HOSPITAL_EVENTS.name(), Topics.APPLICATIONS.name())) {
            readTopic(cluster, topic, r -> {
                try {
                    SpecificRecord e = any.deserialize(r.topic(), r.value());
                    o.inputs.merge(org.medassist.schemas.json.EventJson.typeOf(e) + ":" + e.get(0), 1, Integer::sum);
                } catch (RuntimeException unreadable) {
                    // an input record that breaks the contract: the services dead-letter it, and the verdict judges that
                }
            });
        }
        String changelog = Cluster.SETTLEMENT_APP + "-settlements-by-claim-changelog";
        if (exists(cluster, changelog)) {
            o.claimStore = new HashMap<>();
            Map<String, String> latest = new HashMap<>();
            readTopic(cluster, changelog, r -> {
                String key = r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
                if (r.value() == null) latest.remove(key);
                else latest.put(key, new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
            });
            latest.forEach((claimId, lines) -> o.claimStore.put(claimId, (int) lines.lines().filter(l -> !l.isBlank()).count()));
        }
        return o;
    }

    private static boolean exists(Cluster cluster, String topic) {
        try (var admin = cluster.admin(Duration.ofSeconds(30))) {
            return admin.listTopics().names().get(30, java.util.concurrent.TimeUnit.SECONDS).contains(topic);
        } catch (Exception e) {
            throw new HarnessException("cannot list topics: " + e, e);
        }
    }

    private static String where(ConsumerRecord<?, ?> r) {
        return r.topic() + "[" + r.partition() + "]@" + r.offset();
    }

    /** What a dead letter's source record holds, as far as it can be read now that the registry answers. */
    private static String describe(Deserializer<SpecificRecord> any, DeadLetter d) {
        if (d.getValue() == null) return "(no value)";
        byte[] bytes = new byte[d.getValue().remaining()];
        d.getValue().duplicate().get(bytes);
        try {
            SpecificRecord r = any.deserialize(d.getSourceTopic(), bytes);
            if (r instanceof Claim c) return "claim " + c.getHospitalId() + "/" + c.getClaimId() + " of " + c.getPersonId();
            if (r instanceof ClaimReversal c) return "claim_reversal " + c.getReversalId() + " of " + c.getPersonId();
            if (r instanceof Application a) return "application " + a.getApplicationId() + " of " + a.getPersonId();
            if (r instanceof IdentityEvent i) return "identity " + i.getEventId() + " of " + i.getPersonId();
            if (r instanceof PersonEligibility p) return "timeline of " + p.getPersonId() + " (" + p.getEvents().size() + " events)";
            return r == null ? "(null)" : r.getSchema().getName();
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void readTopic(Cluster cluster, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<String, Object> c = new HashMap<>(cluster.clientConfig());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) parts.add(new TopicPartition(topic, p.partition()));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts, Duration.ofSeconds(30)); // read_committed: the LSO
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) throw new HarnessException("could not read " + topic + " to its end in ten minutes");
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) each.accept(r);
            }
        }
    }

    /** Reads the settlement and alert lines {@code bin/settle replay} wrote. */
    static Outputs replayed(Path file) {
        Outputs o = new Outputs();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode n = JSON.readTree(line);
                switch (n.path("type").asText()) {
                    case "settlement" -> o.settlements.add(Outcome.ofJson(n));
                    case "alert" -> o.alerts.add(n.path("alertId").asText());
                    default -> throw new HarnessException("replay wrote a line that is neither a settlement nor an alert: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return o;
    }
}
