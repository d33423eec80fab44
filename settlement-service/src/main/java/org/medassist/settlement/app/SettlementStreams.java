package org.medassist.settlement.app;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.kit.kafka.KafkaClients;
import org.medassist.kit.streams.PoisonRecords;
import org.medassist.kit.streams.StreamsTopology;
import org.medassist.schemas.kafka.TopicSerdes;
import org.medassist.settlement.route.Limits;
import org.medassist.settlement.stream.SettlementMetrics;
import org.medassist.settlement.stream.SettlementTopology;

/** The settlement topology, run by the kit's exactly-once {@code ManagedStreams}. */
@Singleton
@Requires(property = "medassist.settlement.enabled", notEquals = "false")
public class SettlementStreams implements StreamsTopology {
    private final PolicyCatalog policies;
    private final KafkaClients clients;
    private final SettlementMetrics metrics;
    private final Limits limits;
    private final PoisonRecords poison = new PoisonRecords();

    public SettlementStreams(PolicyCatalog policies, KafkaClients clients, SettlementMetrics metrics,
                             @Value("${medassist.settlement.limits.claims-per-person-year:5000}") int claimsPerPersonYear,
                             @Value("${medassist.settlement.limits.identity-events-per-person:1000}") int identityEventsPerPerson) {
        this.policies = policies;
        this.clients = clients;
        this.metrics = metrics;
        this.limits = new Limits(claimsPerPersonYear, identityEventsPerPerson);
    }

    /** The records set aside as poison so far (for health and metrics). */
    public PoisonRecords poison() { return poison; }

    @Override
    public Topology topology() {
        return SettlementTopology.build(policies, TopicSerdes.registry(clients.avroSerdes()), metrics, poison, limits);
    }
}
