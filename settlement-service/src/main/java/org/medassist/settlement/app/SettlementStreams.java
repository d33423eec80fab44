package org.medassist.settlement.app;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.kit.kafka.KafkaClients;
import org.medassist.kit.streams.StreamsTopology;
import org.medassist.settlement.stream.RegistrySerdes;
import org.medassist.settlement.stream.SettlementMetrics;
import org.medassist.settlement.stream.SettlementTopology;

/** The settlement topology, run by the kit's exactly-once {@code ManagedStreams}. */
@Singleton
@Requires(property = "medassist.settlement.enabled", notEquals = "false")
public class SettlementStreams implements StreamsTopology {
    private final PolicyCatalog policies;
    private final KafkaClients clients;
    private final SettlementMetrics metrics;

    public SettlementStreams(PolicyCatalog policies, KafkaClients clients, SettlementMetrics metrics) {
        this.policies = policies;
        this.clients = clients;
        this.metrics = metrics;
    }

    @Override
    public Topology topology() {
        return SettlementTopology.build(policies, new RegistrySerdes(clients.settings().getRegistryUrl()), metrics);
    }
}
