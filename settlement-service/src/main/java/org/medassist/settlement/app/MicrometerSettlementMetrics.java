package org.medassist.settlement.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.medassist.engine.policy.AlertRule;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.events.SettlementStatus;
import org.medassist.kit.auth.RegionCatalog;
import org.medassist.kit.ownership.WaitingPersons;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.stream.SettlementMetrics;

/**
 * The settle processor's metrics on /prometheus: {@code medassist.settlements{status,region}} (its rate is settled
 * per second), {@code medassist.assistance.paid.fen{region,kind}} (assistance and tilt, net of adjustments and
 * reversals), {@code medassist.alerts{rule}}, {@code medassist.dead.letters{topic}} and the timer
 * {@code medassist.settle.processing} (latency per input record), and the gauge {@code medassist.ownership.waiting}
 * ({@link WaitingPersons}: persons whose claims wait for a claim-ownership answer). Labels come from closed sets: a {@code region} is
 * a region of the policy catalog, else {@code other} (a record produced straight to a topic may name anything);
 * a {@code status} one of the settlement statuses, else {@code other} (docs/security.md, "Data protection"). On
 * /prometheus they follow Prometheus' naming conventions ({@code _total} counters, {@code _seconds}; docs/operations.md,
 * "Metrics"), and deploy/grafana's dashboard charts them.
 */
@Singleton
@Requires(property = "medassist.settlement.enabled", notEquals = "false")
public class MicrometerSettlementMetrics implements SettlementMetrics {
    private static final Set<String> STATUSES = Arrays.stream(SettlementStatus.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private final MeterRegistry meters;
    private final RegionCatalog regions;
    private final Timer processing;
    /*
     * The counters of the closed label sets, made once: building and registering a meter id per settlement (tags
     * sorted, registry looked up) was about 2 % of the settlement thread (docs/performance.md).
     */
    private final java.util.Map<String, java.util.Map<String, Counter>> settlements = new java.util.HashMap<>();
    /** By region: assistance paid, tilt paid, assistance recovered, tilt recovered. */
    private final java.util.Map<String, Counter[]> fen = new java.util.HashMap<>();
    /** Persons waiting for a claim-ownership answer, over the running settle tasks. */
    private final WaitingPersons waiting;

    public MicrometerSettlementMetrics(@Nullable MeterRegistry meters, RegionCatalog regions) {
        this(meters, regions, null);
    }

    @Inject
    public MicrometerSettlementMetrics(@Nullable MeterRegistry meters, RegionCatalog regions, @Nullable PolicyCatalog policies) {
        this.meters = meters;
        this.regions = regions;
        this.waiting = new WaitingPersons(meters);
        this.processing = meters == null ? null : Timer.builder("medassist.settle.processing")
                .description("time to settle one input record").publishPercentileHistogram().register(meters);
        if (meters == null) return;
        // every series of the closed label sets exists from the start, at 0: a rate over a series that appears with
        // its first event would miss that event, and a dashboard shows 0 instead of no data (docs/operations.md)
        List<String> labels = new ArrayList<>(regions.regions());
        labels.add("other");
        for (String region : labels) {
            java.util.Map<String, Counter> byStatus = new java.util.HashMap<>();
            for (String status : STATUSES) byStatus.put(status, settlementCounter(status, region));
            settlements.put(region, byStatus);
            fen.put(region, new Counter[] {fenCounter("paid", region, "assistance"), fenCounter("paid", region, "tilt"),
                    fenCounter("recovered", region, "assistance"), fenCounter("recovered", region, "tilt")});
        }
        for (String topic : INPUT_TOPICS) deadLetterCounter(topic);
        if (policies != null) {
            for (RegionPolicy policy : policies.all()) for (AlertRule rule : policy.alerts()) alertCounter(rule.key());
        }
    }

    private Counter alertCounter(String rule) {
        return Counter.builder("medassist.alerts").description("monitoring alerts written, by the policy's rule")
                .tag("rule", rule).register(meters);
    }

    /** The topics the settle processor reads, the sources its dead letters name. */
    static final List<String> INPUT_TOPICS = List.of(Topics.HOSPITAL_EVENTS.name(), Topics.APPLICATIONS.name(),
            Topics.YEAR_CLOSES.name(), Topics.PERSON_ELIGIBILITY.name(), Topics.CLAIM_OWNERSHIP_ANSWERS.name());

    private Counter settlementCounter(String status, String region) {
        return Counter.builder("medassist.settlements").description("settlements written, by status and region")
                .tag("status", status).tag("region", region).register(meters);
    }

    private Counter deadLetterCounter(String topic) {
        return Counter.builder("medassist.dead.letters").description("input records sent to dead-letters, by source topic")
                .tag("topic", topic).register(meters);
    }

    @Override
    public void settlement(String status, String region, long assistanceFen, long tiltFen) {
        if (meters == null) return;
        status = STATUSES.contains(status) ? status : "other";
        region = regions.label(region);
        java.util.Map<String, Counter> byStatus = settlements.get(region);
        Counter c = byStatus == null ? null : byStatus.get(status);
        (c != null ? c : settlementCounter(status, region)).increment();
        Counter[] f = fen.get(region);
        // a counter only rises: recoveries are counted apart
        paid(f, region, "assistance", 0, assistanceFen);
        paid(f, region, "tilt", 1, tiltFen);
    }

    private void paid(Counter[] made, String region, String kind, int index, long amount) {
        if (amount == 0) return;
        Counter c = made == null ? fenCounter(amount > 0 ? "paid" : "recovered", region, kind) : made[amount > 0 ? index : index + 2];
        c.increment(Math.abs(amount));
    }

    private Counter fenCounter(String direction, String region, String kind) {
        return Counter.builder("medassist.assistance." + direction + ".fen").tag("region", region).tag("kind", kind)
                .description("assistance " + direction + ", in fen (money has no base unit; fen are exact)")
                .baseUnit("fen").register(meters);
    }

    @Override
    public void alert(String rule) {
        if (meters != null) alertCounter(rule).increment();
    }

    @Override
    public void deadLetter(String sourceTopic) {
        if (meters != null) deadLetterCounter(sourceTopic).increment();
    }

    @Override
    public Runnable waiting(IntSupplier persons) {
        return waiting.count(persons);
    }

    @Override
    public void processed(long nanos) {
        if (processing != null) processing.record(nanos, TimeUnit.NANOSECONDS);
    }
}
