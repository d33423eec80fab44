package org.medassist.eligibility.topology;

import io.micronaut.context.annotation.Requires;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;
import org.medassist.schemas.kafka.Topics;
import org.medassist.kit.deadletter.DeadLetters;
import org.medassist.kit.kafka.KafkaClients;
import org.medassist.kit.ownership.WaitingPersons;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.kit.streams.PoisonRecords;
import org.medassist.schemas.PersonIdHash;
import org.medassist.kit.streams.StreamsTopology;

/** The service's topology bean: {@link EligibilityTopology} with the registry's serdes and Micrometer counters. */
@Requires(property = "medassist.eligibility.enabled", notEquals = "false")
@Singleton
public class EligibilityStreams implements StreamsTopology {
    private final KafkaClients clients;
    private final PersonIdHash hash;
    private final FoldObserver observer;

    private final PolicyCatalog policies;

    public EligibilityStreams(KafkaClients clients, PersonIdHash hash, @Nullable MeterRegistry meters, PolicyCatalog policies) {
        this.policies = policies;
        this.clients = clients;
        this.hash = hash;
        this.observer = meters == null ? FoldObserver.NONE : new FoldObserver() {
            private final Counter folded = counter(meters, "folded");
            private final Counter duplicate = counter(meters, "duplicate");
            private final Counter dead = counter(meters, "dead_letter");
            // the name settlement-service counts its dead letters under, so one query covers both services
            private final WaitingPersons waiting = new WaitingPersons(meters);
            private final Counter deadLetters = Counter.builder("medassist.dead.letters")
                    .description("input records sent to dead-letters, by source topic")
                    .tag("topic", Topics.IDENTITY_EVENTS.name()).register(meters);

            @Override
            public void folded() { folded.increment(); }

            @Override
            public void duplicate() { duplicate.increment(); }

            @Override
            public void deadLettered() {
                dead.increment();
                deadLetters.increment();
            }

            @Override
            public Runnable waiting(java.util.function.IntSupplier persons) { return waiting.count(persons); }
        };
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("medassist.eligibility.fold.events")
                .description("Identity events read by the fold, by outcome").tag("outcome", outcome).register(meters);
    }

    @Override
    public Topology topology() {
        return EligibilityTopology.build(TopologySerdes.registry(clients.avroSerdes()),
                new DeadLetters(clients.serviceName()), hash, observer, new PoisonRecords(), policies);
    }
}
