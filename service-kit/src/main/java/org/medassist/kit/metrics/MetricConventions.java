package org.medassist.kit.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * What both services' /prometheus need beyond Micrometer's defaults, so that it follows Prometheus' naming
 * conventions and the Grafana dashboard in deploy/grafana can chart it (docs/operations.md, "Metrics"):
 *
 * <ul>
 *   <li>HTTP server requests are a histogram with fixed buckets ({@code http_server_requests_seconds_bucket}), so
 *       latency quantiles can be aggregated over instances; Micronaut's default is a summary without buckets.</li>
 *   <li>{@code process.cpu.time} is left out: Micrometer exports it in nanoseconds
 *       ({@code process_cpu_time_ns_total}), not in the base unit, and {@code process_cpu_usage} says the same.</li>
 * </ul>
 *
 * Micronaut applies every {@link MeterFilter} bean to the meter registry.
 */
@Factory
public class MetricConventions {
    /** Upper bounds of the HTTP latency buckets: 5 ms to 10 s. */
    static final Duration[] HTTP_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    @Bean
    @Singleton
    MeterFilter httpLatencyHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) return config;
                double[] slos = new double[HTTP_BUCKETS.length];
                for (int i = 0; i < slos.length; i++) slos[i] = HTTP_BUCKETS[i].toNanos();
                return DistributionStatisticConfig.builder().serviceLevelObjectives(slos).build().merge(config);
            }
        };
    }

    @Bean
    @Singleton
    MeterFilter noNanosecondCpuTime() {
        return MeterFilter.denyNameStartsWith("process.cpu.time");
    }
}
