package org.medassist.eligibility.ingest;

import io.micronaut.context.annotation.Requires;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.medassist.eligibility.topology.EligibilityTopology;
import org.medassist.events.IdentityEvent;
import org.medassist.events.PersonEligibility;
import org.medassist.kit.audit.Audit;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.kit.kafka.AtomicBatchProducer;
import org.medassist.kit.kafka.KafkaClients;
import org.medassist.kit.query.InteractiveQueries;
import org.medassist.schemas.kafka.EventRoutes;

/**
 * Produces accepted identity events to {@code identity-events}, keyed by personId, one Kafka transaction per
 * request (all or nothing, also when the broker fails half-way). Idempotency by department+eventId is the fold's:
 * repeated events are produced (the topic is the record of what departments sent) and ignored by the timeline.
 */
@Requires(property = "medassist.eligibility.enabled", notEquals = "false")
@Singleton
public class IdentityIngestion implements AutoCloseable {
    private final AtomicBatchProducer<String, IdentityEvent> producer;
    private final InteractiveQueries queries;
    private final MeterRegistry meters;

    public IdentityIngestion(KafkaClients clients, @Nullable InteractiveQueries queries, @Nullable MeterRegistry meters,
                             @Value("${medassist.eligibility.producers:2}") int producers,
                             @Value("${medassist.eligibility.produce-timeout:15s}") Duration timeout) {
        this.producer = clients.atomicBatchProducer(org.medassist.kit.kafka.AccessPlan.ELIGIBILITY_INGEST_POOL, new StringSerializer(),
                clients.avroSerdes().value(IdentityEvent.class).serializer(), producers, timeout);
        this.queries = queries;
        this.meters = meters;
        if (meters != null) producer.bindTo(meters);
    }

    /** What was written: every event, and how many of them were already known (best effort). */
    public record Written(int accepted, int duplicates) {}

    /**
     * Writes the events in one transaction, each record with the Kafka headers {@code medassist-principal},
     * {@code medassist-principal-label} and {@code medassist-request-id}.
     *
     * @throws AtomicBatchProducer.BatchFailedException when Kafka did not take them (none is visible)
     */
    public Written write(List<IdentityEvent> events, Known known, ApiPrincipal principal, String requestId) {
        int duplicates = known.duplicates();
        List<ProducerRecord<String, IdentityEvent>> records = new ArrayList<>(events.size());
        for (IdentityEvent e : events) {
            ProducerRecord<String, IdentityEvent> r = new ProducerRecord<>(EventRoutes.IDENTITY.topic().name(), EventRoutes.IDENTITY.keyOf(e), e);
            Audit.addHeaders(r.headers(), principal, requestId); // who sent it, on the record itself (docs/security.md)
            records.add(r);
        }
        if (!records.isEmpty()) producer.sendAll(records);
        // accepted events are counted once, by the controller's BatchAnswers.accepted
        return new Written(events.size(), duplicates);
    }

    /**
     * What this instance knows of a request's events, read once per event (best effort: a timeline held by another
     * instance, or not yet folded, is not looked at):
     * <ul>
     *   <li>{@code conflicts}: events that reuse an eventId of their department for the person with other content,
     *       twice in the request or once in a timeline held here. The fold would set them aside as dead letters after a
     *       202 (an event's content never changes, docs/eligibility-service.md): they are answered 400 instead;</li>
     *   <li>{@code duplicates}: events repeated in the request, or already in a timeline held here, with the same content.</li>
     * </ul>
     */
    public record Known(List<org.medassist.kit.http.EventBatch.Problem> conflicts, int duplicates) {}

    public Known known(List<IdentityEvent> events) {
        java.util.Map<String, Integer> first = new java.util.HashMap<>();
        List<org.medassist.kit.http.EventBatch.Problem> problems = new ArrayList<>();
        int duplicates = 0;
        for (int i = 0; i < events.size(); i++) {
            IdentityEvent e = events.get(i);
            String id = e.getDepartment().name() + '/' + e.getEventId();
            // an event's identity is its department and eventId within the person's timeline (docs/contract.md)
            Integer earlier = first.putIfAbsent(e.getPersonId() + '/' + id, i);
            IdentityEvent before = earlier != null ? events.get(earlier) : localEvent(e, id);
            if (before == null) continue;
            if (before.equals(e)) {
                duplicates++;
                continue;
            }
            String why = earlier != null ? "event " + earlier + " of this request has the same eventId with other content"
                    : "an event with this eventId and other content was already received";
            problems.add(new org.medassist.kit.http.EventBatch.Problem(i, org.medassist.schemas.json.EventRules.shown(e.getEventId()),
                    "eventId", why + "; an event never changes: send the correction as a new event under a new eventId"));
        }
        return new Known(List.copyOf(problems), duplicates);
    }

    /** The event of this id in the person's timeline, if this instance holds it; null otherwise (best effort). */
    private IdentityEvent localEvent(IdentityEvent e, String id) {
        if (queries == null) return null;
        try {
            if (!(queries.locate(EligibilityTopology.STORE, e.getPersonId()) instanceof InteractiveQueries.Location.Local)) {
                return null;
            }
            Optional<PersonEligibility> pe = queries.getLocal(EligibilityTopology.STORE, e.getPersonId());
            return pe.isEmpty() ? null : pe.get().getEvents().stream()
                    .filter(x -> id.equals(x.getDepartment().name() + '/' + x.getEventId())).findFirst().orElse(null);
        } catch (RuntimeException ex) {
            return null; // best effort: a rebalancing store says nothing
        }
    }

    @Override
    @PreDestroy
    public void close() {
        producer.close();
    }
}
