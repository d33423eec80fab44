package org.medassist.kit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.events.DeadLetter;
import org.medassist.kit.deadletter.DeadLetterWriter;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.schemas.kafka.Topics;

/** The kit's Kafka clients on a real broker and registry: topic set-up, all-or-nothing batches, dead letters. */
@ExtendWith(KafkaTestEnvironment.class)
class KitKafkaTest {

    static KafkaClients clients(KafkaTestEnvironment.Environment env) {
        KafkaSettings s = new KafkaSettings();
        s.setBootstrapServers(env.bootstrapServers());
        s.setRegistryUrl(env.registryUrl());
        s.setPersonPartitions(2);
        return new KafkaClients(s, "kit-test");
    }

    @Test
    void aBatchIsWrittenWholeOrNotAtAll(KafkaTestEnvironment.Environment env) throws Exception {
        String topic = "kit-batches-" + UUID.randomUUID();
        env.createTopics(2, topic);
        try (KafkaClients clients = clients(env);
             AtomicBatchProducer<String, String> producer = clients.atomicBatchProducer("batches", new StringSerializer(),
                     new StringSerializer(), 2, Duration.ofSeconds(10))) {
            assertEquals(3, producer.sendAll(List.of(new ProducerRecord<>(topic, "a", "1"),
                    new ProducerRecord<>(topic, "b", "2"), new ProducerRecord<>(topic, "c", "3"))).size());
            // the second record is larger than max.request.size: the batch fails and its first record is aborted
            assertThrows(AtomicBatchProducer.BatchFailedException.class, () -> producer.sendAll(List.of(
                    new ProducerRecord<>(topic, "d", "4"), new ProducerRecord<>(topic, "e", "5".repeat(2_000_000)))));
            // the pool recovers
            producer.sendAll(List.of(new ProducerRecord<>(topic, "f", "6")));
        }
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<String, String> r : readAll(env, topic, new StringDeserializer(), 4)) values.add(r.value());
        assertEquals(List.of("1", "2", "3", "6"), values.stream().sorted().toList());
    }

    @Test
    void deadLettersAreAvroThroughTheRegistry(KafkaTestEnvironment.Environment env) throws Exception {
        try (KafkaClients clients = clients(env); DeadLetterWriter writer = new DeadLetterWriter(clients, null)) {
            clients.ensureTopics();
            String reason = "test " + UUID.randomUUID();
            writer.write("claims", 3, 42L, "P-9".getBytes(), new byte[] {9, 8}, reason).get();
            Deserializer<DeadLetter> de = clients.avroSerdes().value(DeadLetter.class).deserializer();
            DeadLetter found = null;
            for (ConsumerRecord<String, byte[]> r : readAll(env, Topics.DEAD_LETTERS.name(), new ByteArrayDeserializer(), 1)) {
                DeadLetter d = de.deserialize(Topics.DEAD_LETTERS.name(), r.value());
                if (d.getReason().equals(reason)) found = d;
                assertEquals(0, r.value()[0], "Confluent wire format");
            }
            assertEquals("claims", found.getSourceTopic());
            assertEquals(3, found.getPartition());
            assertEquals(42L, found.getOffset());
            assertEquals(ByteBuffer.wrap("P-9".getBytes()), found.getKey());
            assertEquals("kit-test", found.getService());
        }
    }

    static <V> List<ConsumerRecord<String, V>> readAll(KafkaTestEnvironment.Environment env, String topic,
                                                       Deserializer<V> values, int atLeast) {
        return readAll(env, topic, values, atLeast, Duration.ofSeconds(30));
    }

    /** Reads with read_committed until {@code atLeast} records and three quiet polls, or {@code patience} is over. */
    static <V> List<ConsumerRecord<String, V>> readAll(KafkaTestEnvironment.Environment env, String topic,
                                                       Deserializer<V> values, int atLeast, Duration patience) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "kit-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(c, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + patience.toNanos();
            int quiet = 0;
            while (System.nanoTime() < deadline && (out.size() < atLeast || quiet < 3)) {
                int n = 0;
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r);
                    n++;
                }
                quiet = n == 0 ? quiet + 1 : 0;
            }
        }
        return out;
    }
}
