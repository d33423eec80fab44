package org.medassist.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medassist.schemas.kafka.KafkaConnection;

/** --kafka-config: the services' medassist.kafka.* keys, also for this run's own clients. */
class KafkaConfigFileTest {
    @TempDir
    Path dir;

    Path file(String... lines) throws Exception {
        Path f = dir.resolve("kafka.properties");
        Files.write(f, List.of(lines));
        return f;
    }

    @Test
    void theReaderAndTheTopicSetUpUseTheFilesSecurity() throws Exception {
        Map<String, String> m = KafkaConfigFile.load(file(
                "medassist.kafka.security.protocol=SASL_SSL",
                "medassist.kafka.security.username=medassist-operator",
                "medassist.kafka.security.password=pw",
                "medassist.kafka.registry.username=ops",
                "medassist.kafka.registry.password=rpw"), false, false);
        Map<String, String> p = new java.util.HashMap<>(m);
        p.put("medassist.kafka.bootstrap-servers", "kafka.example:9093");
        Map<String, Object> c = KafkaConnection.fromProperties(p).clientConfig();
        assertEquals("SASL_SSL", c.get("security.protocol"));
        assertTrue(((String) c.get("sasl.jaas.config")).contains("username=\"medassist-operator\""));
    }

    @Test
    void securityForTheEmbeddedBrokerOrRegistryIsAMistake() throws Exception {
        Path f = file("medassist.kafka.security.protocol=SASL_SSL");
        LaunchException e = assertThrows(LaunchException.class, () -> KafkaConfigFile.load(f, true, false));
        assertTrue(e.getMessage().contains("--bootstrap-servers"), e.getMessage());
        Path r = file("medassist.kafka.registry.username=ops");
        assertTrue(assertThrows(LaunchException.class, () -> KafkaConfigFile.load(r, false, true)).getMessage().contains("--registry-url"));
        Path other = file("micronaut.server.port=1");
        assertTrue(assertThrows(LaunchException.class, () -> KafkaConfigFile.load(other, false, false)).getMessage()
                .contains("not a medassist.kafka.* key"));
        assertEquals(Map.of(), KafkaConfigFile.load(null, true, true));
    }
}
