package org.medassist.kit.streams;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/**
 * {@code kafkaStreams} in {@code /health} and {@code /health/readiness}: DOWN until the application first reaches
 * RUNNING; afterwards UP while RUNNING or REBALANCING (a rebalance is routine; queries answer 503 meanwhile);
 * DOWN in ERROR, PENDING_SHUTDOWN or NOT_RUNNING, and DOWN while the infrastructure (the registry, the broker) keeps
 * stopping its threads: records wait, none is skipped. The details carry the state, the threads and their tasks,
 * and the outage.
 */
@Singleton
@Readiness
@Requires(beans = ManagedStreams.class)
public class StreamsHealthIndicator implements HealthIndicator {
    public static final String NAME = "kafkaStreams";

    private final ManagedStreams streams;

    public StreamsHealthIndicator(ManagedStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = streams.state();
        boolean up = (state == KafkaStreams.State.RUNNING
                || (state == KafkaStreams.State.REBALANCING && streams.everRunning())) && !streams.infrastructureOutage();
        return Publishers.just(HealthResult.builder(NAME, up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(streams.details()).build());
    }
}
