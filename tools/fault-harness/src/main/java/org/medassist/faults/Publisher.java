package org.medassist.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.medassist.schemas.kafka.AvroSerdes;
import org.medassist.schemas.kafka.EventRoute;
import org.medassist.schemas.kafka.EventRoutes;
import org.medassist.schemas.kafka.Topic;
import org.medassist.schemas.kafka.Topics;

/**
 * Publishes the event file straight to Kafka, in file order, with one idempotent producer ({@code acks=all}, retries
 * without end, at most five requests in flight, so order is kept per partition). Each event goes where
 * {@link EventRoutes} sends it: its topic and key; a year close to every partition.
 *
 * <p>It survives broker restarts: the producer retries for ten minutes. Should a send fail anyway, the producer is
 * replaced and publishing resumes at the first event not acknowledged, so some events may be sent twice (the
 * contract makes a repeated id harmless; {@link #republished()} counts them). Values are serialized here, before the
 * send, and serialization is retried while the registry does not answer.
 *
 * <p>It paces itself ({@link Pacing}).
 */
final class Publisher implements Feed {
    private final EventFile file;
    private final Map<String, Object> producerConfig;
    private final int partitions;
    private final Pacing pacing;
    private final Map<String, Serializer<SpecificRecord>> serializers = new HashMap<>();

    private volatile int position;
    private volatile boolean done;
    private volatile Throwable fatal;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong republished = new AtomicLong();
    private final AtomicLong serializationRetries = new AtomicLong();
    private final AtomicLong producersReplaced = new AtomicLong();
    /** topic/partition/offset of every acknowledged record → its line. */
    private final Map<String, Integer> origins = new ConcurrentHashMap<>();
    /** Lines sent and not yet acknowledged whole → records still unacknowledged. */
    private final ConcurrentSkipListMap<Integer, AtomicInteger> inFlight = new ConcurrentSkipListMap<>();
    private final AtomicReference<Failure> failure = new AtomicReference<>();

    private record Failure(int line, Exception error) {}

    @SuppressWarnings("unchecked")
    Publisher(EventFile file, Map<String, Object> clientConfig, AvroSerdes serdes, int partitions, Pacing pacing) {
        this.file = file;
        this.partitions = partitions;
        this.pacing = pacing;
        Map<String, Object> pc = new HashMap<>(clientConfig);
        pc.put(ProducerConfig.ACKS_CONFIG, "all");
        pc.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        pc.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        pc.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        pc.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        pc.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        pc.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
        pc.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producerConfig = pc;
        for (Topic<?> t : Topics.all()) serializers.put(t.name(), (Serializer<SpecificRecord>) t.valueSerde(serdes).serializer());
    }

    /** The number of the last line handed to the producer (0 before the first). */
    @Override
    public int position() { return position; }

    @Override
    public boolean done() { return done; }

    @Override
    public Throwable fatal() { return fatal; }

    /** Kafka records acknowledged (a year close counts once per partition). */
    @Override
    public long accepted() { return records.get(); }

    /** The line a record of an input topic came from, or null when the harness did not write it. */
    @Override
    public Integer origin(String topic, int partition, long offset) { return origins.get(topic + "/" + partition + "/" + offset); }

    /** None: Kafka takes every record Avro can hold, and the services reject or dead-letter what breaks the contract. */
    @Override
    public List<Refusal> refusals() { return List.of(); }

    @Override
    public List<String> notes() {
        List<String> notes = new java.util.ArrayList<>();
        if (republished.get() > 0) notes.add(republished.get() + " line(s) published twice after a failed send (" + producersReplaced.get() + " producer(s) replaced)");
        if (serializationRetries.get() > 0) notes.add(serializationRetries.get() + " serialization retries while the registry did not answer");
        return notes;
    }

    @Override
    public String how() { return "handed to Kafka"; }

    /**
     * Serializes one record of each input type, so that the serializers have their schema ids before any fault;
     * a registry outage then holds up only what needs a new id.
     */
    @Override
    public void warmUp() {
        java.util.Set<String> warmed = new java.util.HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
            String text;
            for (int n = 1; (text = in.readLine()) != null && warmed.size() < EventRoutes.inputs().size(); n++) {
                EventFile.Line l = file.line(n);
                if (l.kind() != EventFile.Kind.VALID || !warmed.add(l.type())) continue;
                SpecificRecord r = EventFile.record(l, text);
                for (ProducerRecord<String, SpecificRecord> pr : route(r).records(r, partitions)) serialize(pr.topic(), pr.value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void run() {
        try {
            publishFrom(1);
        } catch (Throwable t) {
            fatal = t;
        } finally {
            done = true;
        }
    }

    private void publishFrom(int first) throws IOException, InterruptedException {
        int start = first;
        while (true) {
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
            int rewindTo = -1;
            try (BufferedReader in = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
                for (int i = 1; i < start; i++) in.readLine();
                String text;
                for (int n = start; (text = in.readLine()) != null; n++) {
                    Failure f = failure.get();
                    if (f != null) {
                        rewindTo = rewind(f, n);
                        break;
                    }
                    EventFile.Line line = file.line(n);
                    if (line.kind() == EventFile.Kind.VALID || line.kind() == EventFile.Kind.INVALID) {
                        pacing.awaitBacklog();
                        pacing.awaitTurn();
                        send(producer, line, EventFile.record(line, text));
                    }
                    position = n;
                }
                if (rewindTo < 0) {
                    producer.flush();
                    Failure f = failure.get();
                    if (f == null) return;
                    rewindTo = rewind(f, file.lines().size() + 1);
                }
            } finally {
                producer.close(rewindTo < 0 ? Duration.ofSeconds(30) : Duration.ZERO);
            }
            inFlight.clear();
            failure.set(null);
            producersReplaced.incrementAndGet();
            start = rewindTo;
        }
    }

    /** The first line to send again after a failed send, with the count of lines that will be sent twice. */
    private int rewind(Failure f, int nextLine) {
        if (producersReplaced.get() >= 20) {
            throw new HarnessException("publishing failed 20 times; the last at line " + f.line() + ": " + f.error(), f.error());
        }
        Integer first = inFlight.isEmpty() ? null : inFlight.firstKey();
        int from = first == null ? f.line() : Math.min(first, f.line());
        republished.addAndGet(Math.max(0, nextLine - from));
        System.err.println("faults: a send failed at line " + f.line() + " (" + f.error() + "); publishing again from line " + from);
        return from;
    }

    private void send(KafkaProducer<String, byte[]> producer, EventFile.Line line, SpecificRecord event) {
        var out = route(event).records(event, partitions);
        AtomicInteger remaining = new AtomicInteger(out.size());
        inFlight.put(line.number(), remaining);
        for (ProducerRecord<String, SpecificRecord> r : out) {
            byte[] value = serialize(r.topic(), r.value());
            producer.send(new ProducerRecord<>(r.topic(), r.partition(), r.key(), value), (md, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, new Failure(line.number(), e));
                    return;
                }
                origins.put(md.topic() + "/" + md.partition() + "/" + md.offset(), line.number());
                records.incrementAndGet();
                if (remaining.decrementAndGet() == 0) inFlight.remove(line.number(), remaining);
            });
        }
    }

    private static EventRoute<?> route(SpecificRecord event) {
        return EventRoutes.of(event).orElseThrow(() -> new IllegalStateException("not an input event: " + event.getSchema().getFullName()));
    }

    /** Serializes through the registry, retrying for up to ten minutes while it does not answer. */
    private byte[] serialize(String topic, SpecificRecord value) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            try {
                return serializers.get(topic).serialize(topic, value);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) throw new HarnessException("cannot serialize for " + topic + " for ten minutes: " + e, e);
                serializationRetries.incrementAndGet();
                Cluster.sleep(500);
            }
        }
    }
}
