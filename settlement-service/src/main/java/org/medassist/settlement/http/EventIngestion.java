package org.medassist.settlement.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.medassist.kit.audit.Audit;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.kit.kafka.AtomicBatchProducer;
import org.medassist.kit.kafka.KafkaClients;
import org.medassist.schemas.kafka.EventRoute;
import org.medassist.schemas.kafka.EventRoutes;

/**
 * Writes accepted events to their topics, a request's events in one Kafka transaction (which requests arriving at the
 * same moment may share: {@link AtomicBatchProducer}), each where its {@link EventRoutes}
 * route sends it (claims and reversals share hospital-events, so their order is kept; year closes go to every
 * partition of year-closes, so every settlement task sees them).
 */
@Singleton
@Requires(property = "medassist.settlement.enabled", notEquals = "false")
public class EventIngestion implements AutoCloseable {
    private final AtomicBatchProducer<String, SpecificRecord> producer;
    private final int partitions;

    public EventIngestion(KafkaClients clients, @Nullable MeterRegistry meters,
                          @Value("${medassist.settlement.producers:8}") int producers,
                          @Value("${medassist.settlement.produce-timeout:15s}") Duration timeout) {
        this.producer = clients.atomicBatchProducer(org.medassist.kit.kafka.AccessPlan.SETTLEMENT_INGEST_POOL, new StringSerializer(),
                clients.avroSerdes().mixedValue().serializer(), producers, timeout);
        if (meters != null) producer.bindTo(meters);
        this.partitions = clients.settings().getPersonPartitions();
    }

    /**
     * Writes the events, each record carrying the principal that sent it and the request id (Kafka headers
     * {@code medassist-principal}, {@code medassist-principal-label}, {@code medassist-request-id}; docs/security.md).
     *
     * @throws AtomicBatchProducer.BatchFailedException when nothing was written
     */
    public void write(List<? extends SpecificRecord> events, ApiPrincipal principal, String requestId) {
        List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>(events.size());
        for (SpecificRecord e : events) {
            EventRoute<?> route = EventRoutes.of(e).orElseThrow(
                    () -> new IllegalArgumentException(e.getSchema().getName() + " is not an input event"));
            for (ProducerRecord<String, SpecificRecord> r : route.records(e, partitions)) {
                Audit.addHeaders(r.headers(), principal, requestId);
                records.add(r);
            }
        }
        producer.sendAll(records);
    }

    @PreDestroy
    @Override
    public void close() { producer.close(); }
}
