package org.medassist.schemas.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** The one client configuration: what Kafka and Apicurio properties the keys make, and what they refuse. */
class KafkaConnectionTest {

    @Test
    void scramOverTlsMakesTheSaslAndTrustStoreSettings() {
        Map<String, Object> c = KafkaSecurity.scram("medassist-settlement", "s3cret", "/etc/medassist/tls/ca.p12", "changeit")
                .clientProperties();
        assertEquals("SASL_SSL", c.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", c.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"medassist-settlement\""
                + " password=\"s3cret\";", c.get("sasl.jaas.config"));
        assertEquals("/etc/medassist/tls/ca.p12", c.get("ssl.truststore.location"));
        assertEquals("PKCS12", c.get("ssl.truststore.type"));
        assertEquals("changeit", c.get("ssl.truststore.password"));
        assertFalse(c.containsKey("ssl.keystore.location"));
    }

    @Test
    void aPasswordWithQuotesAndBackslashesSurvivesTheJaasParser() {
        String password = "a\"b\\c d;e";
        String jaas = (String) KafkaSecurity.scram("u", password, null, null).clientProperties().get("sasl.jaas.config");
        var entry = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(jaas))).configurationEntries().get(0);
        assertEquals(password, entry.getOptions().get("password"));
        assertEquals("u", entry.getOptions().get("username"));
    }

    @Test
    void mutualTlsMakesTheKeyStoreSettings() {
        Map<String, Object> c = KafkaSecurity.mutualTls("/tls/svc.p12", "k", "/tls/ca.p12", "t").clientProperties();
        assertEquals("SSL", c.get("security.protocol"));
        assertEquals("/tls/svc.p12", c.get("ssl.keystore.location"));
        assertEquals("k", c.get("ssl.keystore.password"));
        assertEquals("PKCS12", c.get("ssl.keystore.type"));
        assertFalse(c.containsKey("sasl.jaas.config"));
    }

    @Test
    void plaintextIsTheDefaultAndSendsNothing() {
        assertEquals(Map.of("security.protocol", "PLAINTEXT"), KafkaSecurity.NONE.clientProperties());
    }

    @Test
    void settingsThatDoNotFitTogetherAreRefusedByName() {
        assertRefused("medassist.kafka.security.protocol", new KafkaSecurity("SASL_TLS", null, null, null, null, null, null, null, null, null, null));
        assertRefused("medassist.kafka.security.password", new KafkaSecurity("SASL_SSL", null, "u", null, null, null, null, null, null, null, null));
        assertRefused("medassist.kafka.security.username", new KafkaSecurity("sasl_ssl", null, null, "p", null, null, null, null, null, null, null));
        // credentials that PLAINTEXT would silently not send
        assertRefused("use SASL_SSL", new KafkaSecurity(null, null, "u", "p", null, null, null, null, null, null, null));
        assertRefused("does not use TLS", new KafkaSecurity("SASL_PLAINTEXT", null, "u", "p", "/ca.p12", null, null, null, null, null, null));
        assertRefused("sasl-mechanism", new KafkaSecurity("SASL_SSL", "PLAIN", "u", "p", null, null, null, null, null, null, null));
        assertRefused("key-store", new KafkaSecurity("SSL", null, null, null, null, null, null, null, "k", null, null));
    }

    static void assertRefused(String mention, KafkaSecurity s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::clientProperties);
        assertTrue(e.getMessage().contains(mention), e.getMessage());
    }

    @Test
    void noPasswordOrSecretIsPrinted() {
        String s = new KafkaConnection("b:9093", KafkaSecurity.scram("u", "kafka-pw", "/ca.p12", "trust-pw"),
                Map.of("ssl.keystore.password", "raw-pw"), RegistryAccess.open("https://r/apis/registry/v3")
                .withBasicAuth("svc", "registry-pw").withTrustStore("/ca.p12", "trust-pw", null)).toString();
        for (String secret : new String[] {"kafka-pw", "trust-pw", "raw-pw", "registry-pw"}) {
            assertFalse(s.contains(secret), s);
        }
        assertTrue(s.contains("SASL_SSL") && s.contains("user=u") && s.contains("user=svc"), s);
    }

    @Test
    void theRegistryTakesBasicAuthATrustStoreAndAutoRegistrationOff() {
        Map<String, Object> c = RegistryAccess.open("https://registry:8443/apis/registry/v3").withBasicAuth("svc", "pw")
                .withTrustStore("/tls/ca.p12", "t", null).withAutoRegister(false).serdeProperties();
        assertEquals("https://registry:8443/apis/registry/v3", c.get("apicurio.registry.url"));
        assertEquals("false", c.get("apicurio.registry.auto-register"));
        assertEquals("svc", c.get("apicurio.registry.auth.username"));
        assertEquals("pw", c.get("apicurio.registry.auth.password"));
        assertEquals("/tls/ca.p12", c.get("apicurio.registry.tls.truststore.location"));
        assertEquals("PKCS12", c.get("apicurio.registry.tls.truststore.type"));
        assertEquals("t", c.get("apicurio.registry.tls.truststore.password"));
    }

    @Test
    void theRegistryTakesOAuthClientCredentials() {
        Map<String, Object> c = new RegistryAccess("https://r/apis/registry/v3", null, null, "https://idp/token", "svc",
                "secret", "registry", null, null, null, false).serdeProperties();
        assertEquals("https://idp/token", c.get("apicurio.registry.auth.service.token.endpoint"));
        assertEquals("svc", c.get("apicurio.registry.auth.client.id"));
        assertEquals("secret", c.get("apicurio.registry.auth.client.secret"));
        assertEquals("registry", c.get("apicurio.registry.auth.client.scope"));
        assertFalse(c.containsKey("apicurio.registry.auth.username"));
    }

    @Test
    void registrySettingsThatDoNotFitTogetherAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                RegistryAccess.open("http://r/apis/registry/v3").withTrustStore("/ca.p12", null, null).serdeProperties());
        assertTrue(e.getMessage().contains("not https"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                RegistryAccess.open("https://r").withBasicAuth("svc", null).serdeProperties());
        assertThrows(IllegalArgumentException.class, () -> new RegistryAccess("https://r", null, null, "https://idp/token",
                "svc", null, null, null, null, null, true).serdeProperties());
    }

    @Test
    void aPropertiesFileReadsAsTheServicesBindIt() {
        Map<String, String> p = new HashMap<>();
        p.put("medassist.kafka.bootstrap-servers", "broker-1:9093");
        p.put("medassist.kafka.security.protocol", "SASL_SSL");
        p.put("medassist.kafka.security.username", "medassist-operator");
        p.put("medassist.kafka.security.password", "pw");
        p.put("medassist.kafka.security.trust-store", "/tls/ca.p12");
        p.put("medassist.kafka.security.trust-store-password", "t");
        p.put("medassist.kafka.client.client.dns.lookup", "use_all_dns_ips");
        p.put("medassist.kafka.registry-url", "https://registry:8443/apis/registry/v3");
        p.put("medassist.kafka.registry.username", "ops");
        p.put("medassist.kafka.registry.password", "rpw");
        p.put("medassist.kafka.registry.auto-register", "false");
        p.put("unrelated", "x");
        KafkaConnection c = KafkaConnection.fromProperties(p);
        Map<String, Object> client = c.clientConfig();
        assertEquals("broker-1:9093", client.get("bootstrap.servers"));
        assertEquals("SASL_SSL", client.get("security.protocol"));
        assertTrue(((String) client.get("sasl.jaas.config")).contains("username=\"medassist-operator\""));
        assertEquals("use_all_dns_ips", client.get("client.dns.lookup"));
        assertFalse(c.registry().autoRegister());
        assertEquals("ops", c.registry().serdeProperties().get("apicurio.registry.auth.username"));
        // and with nothing set: the local defaults
        KafkaConnection local = KafkaConnection.fromProperties(Map.of());
        assertEquals(KafkaConnection.DEFAULT_BOOTSTRAP_SERVERS, local.bootstrapServers());
        assertTrue(local.registry().autoRegister());
        assertEquals("PLAINTEXT", local.clientConfig().get("security.protocol"));
    }

    @Test
    void rawClientSettingsWin() {
        KafkaConnection c = new KafkaConnection("b:9093", KafkaSecurity.scram("u", "p", null, null),
                Map.of("ssl.endpoint.identification.algorithm", "", "sasl.mechanism", "SCRAM-SHA-256"), RegistryAccess.open("http://r"));
        assertEquals("SCRAM-SHA-256", c.clientConfig().get("sasl.mechanism"));
        assertEquals("", c.clientConfig().get("ssl.endpoint.identification.algorithm"));
    }
}
