package org.medassist.settlement.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.Parameter;
import org.medassist.events.YearClose;
import org.medassist.kit.kafka.AtomicBatchProducer;
import org.medassist.kit.kafka.KafkaClients;
import org.medassist.schemas.kafka.Topics;

/**
 * Writes accepted events to their topics, one Kafka transaction per request: claims and reversals to
 * hospital-events (one topic, so their order is kept), applications, parameters (keyed region|year|name), and year
 * closes to every partition of year-closes so that every settlement task sees them.
 */
@Singleton
@Requires(property = "medassist.settlement.enabled", notEquals = "false")
public class EventIngestion implements AutoCloseable {
    private final AtomicBatchProducer<String, SpecificRecord> producer;
    private final int partitions;

    public EventIngestion(KafkaClients clients, @Value("${medassist.settlement.producers:2}") int producers,
                          @Value("${medassist.settlement.produce-timeout:15s}") Duration timeout) {
        this.producer = clients.atomicBatchProducer("ingest", new StringSerializer(),
                clients.avroSerdes().mixedValue().serializer(), producers, timeout);
        this.partitions = clients.settings().getPersonPartitions();
    }

    /** @throws AtomicBatchProducer.BatchFailedException when nothing was written */
    public void write(List<? extends SpecificRecord> events) {
        List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>(events.size());
        for (SpecificRecord e : events) {
            if (e instanceof Claim c) {
                records.add(new ProducerRecord<>(Topics.HOSPITAL_EVENTS.topic(), c.getPersonId(), c));
            } else if (e instanceof ClaimReversal r) {
                records.add(new ProducerRecord<>(Topics.HOSPITAL_EVENTS.topic(), r.getPersonId(), r));
            } else if (e instanceof Application a) {
                records.add(new ProducerRecord<>(Topics.APPLICATIONS.topic(), a.getPersonId(), a));
            } else if (e instanceof Parameter p) {
                records.add(new ProducerRecord<>(Topics.POLICY_PARAMETERS.topic(),
                        p.getRegion() + "|" + p.getYear() + "|" + p.getName(), p));
            } else if (e instanceof YearClose y) {
                for (int partition = 0; partition < partitions; partition++) {
                    records.add(new ProducerRecord<>(Topics.YEAR_CLOSES.topic(), partition, y.getRegion() + "|" + y.getYear(), y));
                }
            } else {
                throw new IllegalArgumentException(e.getSchema().getName() + " is not ingested here");
            }
        }
        producer.sendAll(records);
    }

    @PreDestroy
    @Override
    public void close() { producer.close(); }
}
