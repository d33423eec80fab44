package org.medassist.kafkatest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proof that {@link KafkaTestEnvironment} gives a real broker and registry: 1000 Avro records through the
 * Apicurio serde (acks=all, idempotent), a Kafka Streams copy with exactly_once_v2, read back read_committed.
 */
@ExtendWith(KafkaTestEnvironment.class)
class ExactlyOnceRoundTripTest {

    private static final int RECORDS = 1000;
    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Probe", "namespace": "org.medassist.embeddedkafka.test",
             "fields": [{"name": "personId", "type": "string"},
                        {"name": "amountFen", "type": "long"}]}""");

    @Test
    void copiesThousandAvroRecordsExactlyOnce(KafkaTestEnvironment.Environment env) throws Exception {
        long t0 = System.nanoTime();
        String input = "eos-in";
        String output = "eos-out";
        env.createTopics(3, input, output);

        Map<String, Object> serde = env.apicurioSerdeConfig();

        // 1. produce 1000 Avro records, acks=all + idempotence
        Map<String, Object> pc = new HashMap<>(serde);
        pc.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        pc.put(ProducerConfig.ACKS_CONFIG, "all");
        pc.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long p0 = System.nanoTime();
        try (KafkaProducer<String, GenericRecord> producer =
                     new KafkaProducer<>(pc, new StringSerializer(), valueSerializer(serde))) {
            for (int i = 0; i < RECORDS; i++) {
                GenericRecord r = new GenericData.Record(SCHEMA);
                r.put("personId", "p-" + i);
                r.put("amountFen", (long) i * 100);
                producer.send(new ProducerRecord<>(input, "p-" + i, r));
            }
            producer.flush();
        }
        long produceMs = (System.nanoTime() - p0) / 1_000_000;

        // 2. Kafka Streams copy, exactly_once_v2, Avro in and out through the Apicurio serde
        Path stateDir = Files.createTempDirectory("eos-streams-");
        Properties sp = env.clientProperties();
        sp.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-copy-" + System.nanoTime());
        sp.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        sp.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        sp.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Serde<GenericRecord> avroSerde = Serdes.serdeFrom(valueSerializer(serde), valueDeserializer(serde));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), avroSerde).withName("read-input"))
                .to(output, Produced.with(Serdes.String(), avroSerde).withName("write-output"));
        long s0 = System.nanoTime();
        Map<String, GenericRecord> received = new HashMap<>();
        byte[] firstRaw = null;
        try (KafkaStreams streams = new KafkaStreams(builder.build(), sp)) {
            streams.start();

            // 3. read_committed consumer on the output
            Map<String, Object> cc = new HashMap<>(serde);
            cc.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
            cc.put(ConsumerConfig.GROUP_ID_CONFIG, "eos-verify-" + System.nanoTime());
            cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (KafkaConsumer<String, byte[]> consumer =
                         new KafkaConsumer<>(cc, new StringDeserializer(), new ByteArrayDeserializer());
                 AvroKafkaDeserializer<GenericRecord> deserializer = valueDeserializer(serde)) {
                consumer.subscribe(List.of(output));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (received.size() < RECORDS && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
                        if (firstRaw == null) {
                            firstRaw = rec.value();
                        }
                        received.put(rec.key(), deserializer.deserialize(output, rec.value()));
                    }
                }
                // nothing more than the 1000 (no duplicates from the transactional copy)
                int extra = 0;
                for (int i = 0; i < 5; i++) {
                    extra += consumer.poll(Duration.ofMillis(100)).count();
                }
                assertEquals(0, extra, "records beyond the expected " + RECORDS);
            }
        } finally {
            deleteRecursively(stateDir);
        }
        long copyMs = (System.nanoTime() - s0) / 1_000_000;

        assertEquals(RECORDS, received.size());
        Set<Long> amounts = new HashSet<>();
        received.forEach((k, v) -> {
            assertEquals(k, v.get("personId").toString());
            amounts.add((Long) v.get("amountFen"));
        });
        assertEquals(RECORDS, amounts.size());

        // Confluent wire format: magic 0, then the 4-byte id that ccompat shows for <topic>-value
        assertEquals(0, firstRaw[0]);
        int wireId = ByteBuffer.wrap(firstRaw, 1, 4).getInt();
        assertEquals(ccompatLatestId(env.ccompatUrl(), output + "-value"), wireId);
        assertTrue(ccompatSubjects(env.ccompatUrl()).contains("\"" + input + "-value\""));

        System.out.printf("[ExactlyOnceRoundTripTest] broker=%s brokerStart=%d ms registryStart=%d ms "
                        + "produce=%d ms streamsCopy+consume=%d ms testWall=%d ms wireId=%d "
                        + "rss(testJvm)=%s rss(registry)=%s%n",
                env.brokerKind(), env.brokerStartMillis(), env.registryStartMillis(), produceMs, copyMs,
                (System.nanoTime() - t0) / 1_000_000, wireId, rss("self"), rss(Long.toString(env.registryPid())));
    }

    static AvroKafkaSerializer<GenericRecord> valueSerializer(Map<String, Object> config) {
        AvroKafkaSerializer<GenericRecord> s = new AvroKafkaSerializer<>();
        s.configure(config, false);
        return s;
    }

    static AvroKafkaDeserializer<GenericRecord> valueDeserializer(Map<String, Object> config) {
        AvroKafkaDeserializer<GenericRecord> d = new AvroKafkaDeserializer<>();
        d.configure(config, false);
        return d;
    }

    static int ccompatLatestId(String ccompatUrl, String subject) throws Exception {
        String body = get(ccompatUrl + "/subjects/" + subject + "/versions/latest");
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(body);
        assertTrue(m.find(), body);
        return Integer.parseInt(m.group(1));
    }

    static String ccompatSubjects(String ccompatUrl) throws Exception {
        return get(ccompatUrl + "/subjects");
    }

    static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + " -> " + r.body());
        return r.body();
    }

    /** Resident memory from /proc (Linux), for the report. */
    static String rss(String pid) {
        try {
            return Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 + " MB")
                    .findFirst().orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }

    static void deleteRecursively(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
