package org.medassist.dashboard.feed;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * {@code /health}: UP once the reader has read what the output topics held when it started (the figures are then
 * current), DOWN before; the details say how far it is. docs/dashboard-service.md.
 */
@Requires(property = "medassist.dashboard.enabled", notEquals = "false")
@Singleton
public class ReaderHealth implements HealthIndicator {
    private final TopicReader reader;
    private final AlertBook alerts;

    public ReaderHealth(TopicReader reader, AlertBook alerts) {
        this.reader = reader;
        this.alerts = alerts;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("caughtUp", reader.caughtUp());
        d.put("partitions", reader.partitions());
        d.put("records", reader.records());
        d.put("unreadable", reader.unreadable());
        d.put("alerts", alerts.size());
        d.put("feedSubscriptions", alerts.subscriptions());
        if (reader.lastError() != null) d.put("lastError", reader.lastError());
        return Mono.just(HealthResult.builder("outputTopics", reader.caughtUp() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(d).build());
    }
}
