package org.medassist.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medassist.launcher.Options.Opt;
import org.medassist.launcher.Options.UsageException;
import org.medassist.simulator.SimulationConfig;

class OptionsTest {

    private static Options parse(String... args) {
        return Options.parse(List.of(args), Map.of());
    }

    private static String error(Map<String, String> env, String... args) {
        return assertThrows(UsageException.class, () -> Options.parse(List.of(args), env)).getMessage();
    }

    @Test
    void defaults() {
        Options o = parse();
        assertEquals(Path.of("data").toAbsolutePath(), o.dataDir());
        assertEquals(9092, o.kafkaPort());
        assertEquals(18081, o.registryPort());
        assertEquals(8081, o.eligibilityPort());
        assertEquals(8082, o.settlementPort());
        assertEquals(8080, o.dashboardPort());
        assertTrue(o.embeddedKafka());
        assertTrue(o.embeddedRegistry());
        assertTrue(o.services());
        assertTrue(o.stream());
        assertEquals(50, o.rate());
        assertEquals(SimulationConfig.of(42, 500, 1).withInvalidShare(0), o.streamConfig());
        assertNull(o.policiesDir());
        assertEquals(6, o.partitions());
        assertNull(o.tokensFile());
        assertFalse(o.help());
        assertEquals(List.of(Opt.KAFKA_PORT, Opt.REGISTRY_PORT, Opt.ELIGIBILITY_PORT, Opt.SETTLEMENT_PORT, Opt.DASHBOARD_PORT),
                List.copyOf(o.boundPorts().keySet()));
    }

    @Test
    void flagsInBothFormsAndEnvironmentVariables() {
        Options o = Options.parse(List.of("--data-dir", "/tmp/x", "--kafka-port=19092", "--rate", "12.5", "--people=80", "--no-stream"),
                Map.of("MEDASSIST_KAFKA_PORT", "29092", "MEDASSIST_DASHBOARD_PORT", "8099", "MEDASSIST_SEED", "7"));
        assertEquals(Path.of("/tmp/x"), o.dataDir());
        assertEquals(19092, o.kafkaPort(), "a flag wins over the environment");
        assertEquals(8099, o.dashboardPort());
        assertEquals(12.5, o.rate());
        assertEquals(SimulationConfig.of(7, 80, 1).withInvalidShare(0), o.streamConfig());
        assertFalse(o.stream());
        assertTrue(o.services());
        assertFalse(Options.parse(List.of(), Map.of("MEDASSIST_NO_STREAM", "true")).stream());
        assertTrue(parse("-h").help());
        assertTrue(parse("--help", "--kafka-port", "nonsense").help(), "--help wins over a wrong value");
        assertEquals(2, parse("--seed", "1", "--seed=2").streamConfig().seed(), "a later flag wins");
        assertEquals(Path.of("/tmp/policies"), parse("--policies", "/tmp/policies").policiesDir());
        assertEquals(Path.of("/tmp/p2"), Options.parse(List.of(), Map.of("MEDASSIST_POLICIES", "/tmp/p2")).policiesDir());
    }

    @Test
    void externalKafkaAndRegistryReplaceTheEmbeddedOnes() {
        Options o = parse("--bootstrap-servers", "k1:9092,k2:9092", "--registry-url", "http://reg:8080/apis/registry/v2/");
        assertFalse(o.embeddedKafka());
        assertFalse(o.embeddedRegistry());
        assertEquals("k1:9092,k2:9092", o.bootstrapServers());
        assertEquals("http://reg:8080/apis/registry/v2", o.registryUrl());
        assertFalse(o.boundPorts().containsKey(Opt.KAFKA_PORT));
        assertFalse(o.boundPorts().containsKey(Opt.REGISTRY_PORT));
    }

    @Test
    void withoutServicesThereIsNoStream() {
        Options o = parse("--no-services");
        assertFalse(o.services());
        assertFalse(o.stream());
        assertEquals(List.of(Opt.KAFKA_PORT, Opt.REGISTRY_PORT, Opt.DASHBOARD_PORT), List.copyOf(o.boundPorts().keySet()));
    }

    @Test
    void wrongInputIsExplained() {
        assertEquals("unknown option --kafka (bin/run --help lists them)", error(Map.of(), "--kafka", "1"));
        assertTrue(error(Map.of(), "run").contains("unexpected argument \"run\""));
        assertEquals("--kafka-port needs a value: --kafka-port N", error(Map.of(), "--kafka-port"));
        assertEquals("--kafka-port needs a value: --kafka-port N", error(Map.of(), "--kafka-port", "--no-stream"));
        assertEquals("--kafka-port \"x\" is not a whole number", error(Map.of(), "--kafka-port", "x"));
        assertEquals("--dashboard-port 70000 is not between 0 and 65535", error(Map.of(), "--dashboard-port", "70000"));
        assertEquals("--settlement-port 99999 is not between 0 and 65535 (from MEDASSIST_SETTLEMENT_PORT)",
                error(Map.of("MEDASSIST_SETTLEMENT_PORT", "99999")));
        assertEquals("--no-stream takes no value", error(Map.of(), "--no-stream=yes"));
        assertEquals("unknown option --kafka (bin/run --help lists them)", error(Map.of(), "--kafka=1"));
        assertTrue(error(Map.of(), "--rate", "-1").startsWith("--rate -1 is not between 0 and"));
        assertTrue(error(Map.of(), "--years", "9").startsWith("--years 9 is not between 1 and"));
        assertTrue(error(Map.of(), "--people", "0").startsWith("--people 0 is not between 1 and"));
        assertTrue(error(Map.of(), "--bootstrap-servers", "localhost").contains("is not a list of host:port"));
        assertTrue(error(Map.of(), "--registry-url", "localhost:8080").contains("is not an http(s) URL"));
        assertEquals("--eligibility-port and --settlement-port are both 8081: give one of them another port",
                error(Map.of(), "--settlement-port", "8081"));
        // 0 (any free port) may repeat
        parse("--eligibility-port", "0", "--settlement-port", "0");
        // a port that is not bound does not clash
        parse("--bootstrap-servers", "k:9092", "--kafka-port", "8080");
    }

    @Test
    void usageListsEveryOptionWithItsVariable() {
        String usage = Options.usage();
        for (Opt o : Opt.values()) {
            assertTrue(usage.contains(o.flag), o.flag);
            if (o != Opt.HELP) assertTrue(usage.contains(o.env()), o.env());
        }
        assertEquals("MEDASSIST_ELIGIBILITY_PORT", Opt.ELIGIBILITY_PORT.env());
        assertEquals("--kafka-port N (or MEDASSIST_KAFKA_PORT=N)", Options.howToChange(Opt.KAFKA_PORT));
    }
}
