package org.medassist.kit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medassist.schemas.kafka.KafkaConnection;

/**
 * {@code medassist.kafka.security.*} and {@code medassist.kafka.registry.*} bind in the services as bin/run reads them
 * from a file ({@link KafkaConnection#fromProperties}), also from environment variables (how deploy/production passes
 * passwords), and every client of the kit is built from them.
 */
class KafkaSettingsBindingTest {

    static Map<String, String> secured() {
        Map<String, String> p = new HashMap<>();
        p.put("medassist.kafka.bootstrap-servers", "broker-1:9093,broker-2:9093");
        p.put("medassist.kafka.security.protocol", "SASL_SSL");
        p.put("medassist.kafka.security.username", "medassist-settlement");
        p.put("medassist.kafka.security.password", "kafka-pw");
        p.put("medassist.kafka.security.trust-store", "/etc/medassist/tls/ca.p12");
        p.put("medassist.kafka.security.trust-store-password", "trust-pw");
        p.put("medassist.kafka.client.client.dns.lookup", "use_all_dns_ips");
        p.put("medassist.kafka.registry-url", "https://registry:8443/apis/registry/v3");
        p.put("medassist.kafka.registry.username", "settlement-service");
        p.put("medassist.kafka.registry.password", "registry-pw");
        p.put("medassist.kafka.registry.trust-store", "/etc/medassist/tls/ca.p12");
        p.put("medassist.kafka.registry.trust-store-password", "trust-pw");
        p.put("medassist.kafka.registry.auto-register", "false");
        return p;
    }

    /** The services start only with a personId hash key outside dev (docs/security.md). */
    static Map<String, Object> withKey(Map<String, ?> props) {
        Map<String, Object> p = new java.util.HashMap<>(props);
        p.putIfAbsent("medassist.log.person-id-key", "k".repeat(32));
        return p;
    }

    static KafkaClients clients(ApplicationContext ctx) {
        return new KafkaClients(ctx.getBean(KafkaSettings.class), "settlement-service");
    }

    @Test
    void theServicesBindWhatAPropertiesFileSays() {
        Map<String, Object> props = new HashMap<>(secured());
        props.put("medassist.kafka.ensure-topics", false);
        try (ApplicationContext ctx = ApplicationContext.run(withKey(props))) {
            KafkaClients clients = clients(ctx);
            KafkaConnection fromFile = KafkaConnection.fromProperties(secured());
            assertEquals(fromFile.clientConfig(), clients.clientConfig());
            assertEquals(fromFile.registry().serdeProperties().get("apicurio.registry.auth.password"),
                    clients.avroSerdes().config().get("apicurio.registry.auth.password"));
            assertEquals("false", clients.avroSerdes().config().get("apicurio.registry.auto-register"));
            assertEquals("/etc/medassist/tls/ca.p12", clients.avroSerdes().config().get("apicurio.registry.tls.truststore.location"));
        }
    }

    @Test
    void everyClientCarriesTheSecuritySettings() {
        Map<String, Object> props = new HashMap<>(secured());
        props.put("medassist.kafka.ensure-topics", false);
        props.put("medassist.kafka.producer.linger.ms", "5");
        try (ApplicationContext ctx = ApplicationContext.run(withKey(props))) {
            KafkaClients clients = clients(ctx);
            for (Map<String, Object> c : java.util.List.of(clients.clientConfig(), clients.producerConfig(),
                    new HashMap<String, Object>((Map) clients.clientProperties()))) {
                assertEquals("SASL_SSL", c.get("security.protocol"));
                assertEquals("SCRAM-SHA-512", c.get("sasl.mechanism"));
                assertTrue(((String) c.get("sasl.jaas.config")).contains("username=\"medassist-settlement\""));
                assertEquals("/etc/medassist/tls/ca.p12", c.get("ssl.truststore.location"));
                assertEquals("broker-1:9093,broker-2:9093", c.get("bootstrap.servers"));
            }
            assertEquals("5", clients.producerConfig().get("linger.ms"));
        }
    }

    @Test
    void passwordsComeFromEnvironmentVariables() {
        Map<String, Object> env = new HashMap<>();
        env.put("MEDASSIST_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("MEDASSIST_KAFKA_SECURITY_USERNAME", "medassist-eligibility");
        env.put("MEDASSIST_KAFKA_SECURITY_PASSWORD", "from-env");
        env.put("MEDASSIST_KAFKA_SECURITY_TRUST_STORE", "/tls/ca.p12");
        env.put("MEDASSIST_KAFKA_SECURITY_TRUST_STORE_PASSWORD", "trust-from-env");
        env.put("MEDASSIST_KAFKA_REGISTRY_URL", "https://registry:8443/apis/registry/v3");
        env.put("MEDASSIST_KAFKA_REGISTRY_USERNAME", "eligibility-service");
        env.put("MEDASSIST_KAFKA_REGISTRY_PASSWORD", "registry-from-env");
        env.put("MEDASSIST_KAFKA_REGISTRY_AUTO_REGISTER", "false");
        env.put("MEDASSIST_KAFKA_ENSURE_TOPICS", "false");
        env.put("MEDASSIST_LOG_PERSON_ID_KEY", "k".repeat(32));
        try (ApplicationContext ctx = ApplicationContext.builder()
                .propertySources(PropertySource.of("env", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start()) {
            KafkaClients clients = clients(ctx);
            Map<String, Object> c = clients.clientConfig();
            assertTrue(((String) c.get("sasl.jaas.config")).contains("password=\"from-env\""), "the password binds");
            assertEquals("trust-from-env", c.get("ssl.truststore.password"));
            Map<String, Object> serde = clients.avroSerdes().config();
            assertEquals("https://registry:8443/apis/registry/v3", serde.get("apicurio.registry.url"));
            assertEquals("registry-from-env", serde.get("apicurio.registry.auth.password"));
            assertEquals("false", serde.get("apicurio.registry.auto-register"));
        }
    }

    @Test
    void settingsThatDoNotFitTogetherStopTheStart() {
        Map<String, Object> props = new HashMap<>(secured());
        props.remove("medassist.kafka.security.password");
        props.put("medassist.kafka.ensure-topics", false);
        // the context does not start: KafkaClients, built at start-up, refuses the settings
        Throwable e = assertThrows(RuntimeException.class, () -> ApplicationContext.run(withKey(props)).close());
        while (e.getCause() != null && !(e instanceof IllegalArgumentException)) e = e.getCause();
        assertTrue(e.getMessage().contains("medassist.kafka.security.password is required with SASL_SSL"), e.getMessage());
    }

    @Test
    void byDefaultNothingChanges() {
        try (ApplicationContext ctx = ApplicationContext.run(withKey(Map.of("medassist.kafka.ensure-topics", false)))) {
            KafkaClients clients = clients(ctx);
            assertEquals("PLAINTEXT", clients.clientConfig().get("security.protocol"));
            assertFalse(clients.clientConfig().containsKey("sasl.jaas.config"));
            assertEquals("true", clients.avroSerdes().config().get("apicurio.registry.auto-register"));
        }
    }
}
