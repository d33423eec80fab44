package org.medassist.kit.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.medassist.events.DeadLetter;
import org.medassist.kit.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters outside a Streams transaction (consumers, HTTP paths): an idempotent {@code acks=all}
 * producer, Avro through the registry, keyed by the source record's raw key. The reason is logged at WARN; the raw
 * bytes are not (they may hold a personId). Metric: {@code medassist.dead.letters{service,source}}.
 */
@Singleton
public class DeadLetterWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);

    private final KafkaClients clients;
    private final DeadLetters letters;
    private final MeterRegistry meters;
    private volatile KafkaProducer<byte[], DeadLetter> producer;

    public DeadLetterWriter(KafkaClients clients, @Nullable MeterRegistry meters) {
        this.clients = clients;
        this.letters = new DeadLetters(clients.serviceName());
        this.meters = meters;
    }

    /** The letter builder, with this service's name. */
    public DeadLetters letters() { return letters; }

    /** Sends a dead letter; the future completes when the broker has it. */
    public CompletableFuture<RecordMetadata> write(String sourceTopic, int partition, long offset, byte[] key,
                                                   byte[] value, String reason) {
        DeadLetter letter = letters.letter(sourceTopic, partition, offset, key, value, reason);
        LOG.warn("Dead letter from {}[{}]@{}: {}", sourceTopic, partition, offset, letter.getReason());
        if (meters != null) {
            meters.counter("medassist.dead.letters", "service", letters.service(), "source", String.valueOf(sourceTopic))
                    .increment();
        }
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        producer().send(new ProducerRecord<>(DeadLetters.TOPIC, key, letter), (md, e) -> {
            if (e != null) {
                LOG.error("Cannot write a dead letter from {}[{}]@{}: {}", sourceTopic, partition, offset, e.toString());
                done.completeExceptionally(e);
            } else {
                done.complete(md);
            }
        });
        return done;
    }

    private KafkaProducer<byte[], DeadLetter> producer() {
        KafkaProducer<byte[], DeadLetter> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    var config = clients.producerConfig();
                    config.put("client.id", clients.serviceName() + "-dead-letters");
                    config.put("max.request.size", org.medassist.schemas.kafka.Topics.DEAD_LETTER_MAX_BYTES);
                    producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                            clients.avroSerdes().value(DeadLetter.class).serializer());
                }
                p = producer;
            }
        }
        return p;
    }

    @Override
    @PreDestroy
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
