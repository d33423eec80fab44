package org.medassist.settlement.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.medassist.events.SettlementStatus;
import org.medassist.kit.auth.RegionCatalog;
import org.medassist.settlement.stream.SettlementMetrics;

/**
 * The settle processor's metrics on /prometheus: {@code medassist.settlements{status,region}} (its rate is settled
 * per second), {@code medassist.assistance.paid.fen{region,kind}} (assistance and tilt, net of adjustments and
 * reversals), {@code medassist.alerts{rule}}, {@code medassist.dead.letters{topic}} and the timer
 * {@code medassist.settle.processing} (latency per input record). Labels come from closed sets: a {@code region} is
 * a region of the policy catalog, else {@code other} (a record produced straight to a topic may name anything);
 * a {@code status} one of the settlement statuses, else {@code other} (docs/security.md, "Data protection").
 */
@Singleton
@Requires(property = "medassist.settlement.enabled", notEquals = "false")
public class MicrometerSettlementMetrics implements SettlementMetrics {
    private static final Set<String> STATUSES = Arrays.stream(SettlementStatus.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private final MeterRegistry meters;
    private final RegionCatalog regions;
    private final Timer processing;

    public MicrometerSettlementMetrics(@Nullable MeterRegistry meters, RegionCatalog regions) {
        this.meters = meters;
        this.regions = regions;
        this.processing = meters == null ? null : Timer.builder("medassist.settle.processing")
                .description("time to settle one input record").publishPercentileHistogram().register(meters);
    }

    @Override
    public void settlement(String status, String region, long assistanceFen, long tiltFen) {
        if (meters == null) return;
        status = STATUSES.contains(status) ? status : "other";
        region = regions.label(region);
        meters.counter("medassist.settlements", "status", status, "region", region).increment();
        // a counter only rises: recoveries are counted apart
        paid(region, "assistance", assistanceFen);
        paid(region, "tilt", tiltFen);
    }

    private void paid(String region, String kind, long fen) {
        if (fen == 0) return;
        String direction = fen > 0 ? "paid" : "recovered";
        Counter.builder("medassist.assistance." + direction + ".fen").tag("region", region).tag("kind", kind)
                .baseUnit("fen").register(meters).increment(Math.abs(fen));
    }

    @Override
    public void alert(String rule) {
        if (meters != null) meters.counter("medassist.alerts", "rule", rule).increment();
    }

    @Override
    public void deadLetter(String sourceTopic) {
        if (meters != null) meters.counter("medassist.dead.letters", "topic", sourceTopic).increment();
    }

    @Override
    public void processed(long nanos) {
        if (processing != null) processing.record(nanos, TimeUnit.NANOSECONDS);
    }
}
