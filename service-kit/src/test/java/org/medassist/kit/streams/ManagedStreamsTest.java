package org.medassist.kit.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.medassist.kit.kafka.KafkaClients;
import org.medassist.kit.kafka.KafkaSettings;
import reactor.core.publisher.Mono;

class ManagedStreamsTest {
    @Test
    void exactlyOnceV2CannotBeConfiguredAway() {
        KafkaSettings s = new KafkaSettings();
        s.setApplicationId("app-1");
        s.setReplicationFactor((short) 3);
        s.setStreams(Map.of("processing.guarantee", "at_least_once", "commit.interval.ms", "250"));
        ManagedStreams m = new ManagedStreams(new KafkaClients(s, "svc"), Topology::new, null, Duration.ofSeconds(1));
        Properties p = m.properties("h:1");
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("250", p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertEquals("app-1", p.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals("h:1", p.get(StreamsConfig.APPLICATION_SERVER_CONFIG));
        assertEquals(3, p.get(StreamsConfig.REPLICATION_FACTOR_CONFIG));
    }

    /** docs/security.md: Streams hands the service's security settings to every client it makes. */
    @Test
    void everyInternalClientOfStreamsTakesTheSecuritySettings() {
        KafkaSettings s = new KafkaSettings();
        s.setApplicationId("app-1");
        s.getSecurity().setProtocol("SASL_SSL");
        s.getSecurity().setUsername("medassist-settlement");
        s.getSecurity().setPassword("pw");
        s.getSecurity().setTrustStore("/tls/ca.p12");
        ManagedStreams m = new ManagedStreams(new KafkaClients(s, "svc"), Topology::new, null, Duration.ofSeconds(1));
        StreamsConfig config = new StreamsConfig(m.properties("h:1"));
        for (Map<String, Object> client : java.util.List.of(config.getMainConsumerConfigs("app-1", "c", 0),
                config.getRestoreConsumerConfigs("c"), config.getGlobalConsumerConfigs("c"),
                config.getProducerConfigs("c"), config.getAdminConfigs("c"))) {
            assertEquals("SASL_SSL", client.get("security.protocol"));
            assertEquals("SCRAM-SHA-512", client.get("sasl.mechanism"));
            assertEquals("/tls/ca.p12", client.get("ssl.truststore.location"));
            org.junit.jupiter.api.Assertions.assertTrue(String.valueOf(client.get("sasl.jaas.config"))
                    .contains("username=\"medassist-settlement\""));
        }
    }

    @Test
    void healthIsDownUntilRunning() {
        ManagedStreams m = new ManagedStreams(new KafkaClients(new KafkaSettings(), "svc"), Topology::new, null,
                Duration.ofSeconds(1));
        HealthResult r = Mono.from(new StreamsHealthIndicator(m).getResult()).block();
        assertEquals(HealthStatus.DOWN, r.getStatus());
        assertEquals(StreamsHealthIndicator.NAME, r.getName());
        assertEquals("CREATED", ((Map<?, ?>) r.getDetails()).get("state"));
        assertEquals("svc", ((Map<?, ?>) r.getDetails()).get("applicationId"));
    }
}
