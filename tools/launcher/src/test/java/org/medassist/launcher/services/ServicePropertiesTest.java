package org.medassist.launcher.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medassist.launcher.Tokens;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.simulator.City;
import org.medassist.simulator.SimulationConfig;
import org.medassist.simulator.SyntheticStream;

class ServicePropertiesTest {

    @Test
    void givesEachServiceItsKafkaRegistryPortStateAndEveryToken() {
        var infra = new ServiceProperties.Infrastructure("127.0.0.1:9092", "http://127.0.0.1:18081/apis/registry/v2", 6, 1, "k", null);
        List<City> cities = new SyntheticStream(PolicyLoader.bundled(), SimulationConfig.of(42, 10, 1)).cities();
        Map<String, Object> p = ServiceProperties.of("settlement-service", infra, 8082, Path.of("/data/settlement-service/state"),
                Tokens.load(null), cities);
        assertEquals("127.0.0.1:9092", p.get("medassist.kafka.bootstrap-servers"));
        assertEquals("http://127.0.0.1:18081/apis/registry/v2", p.get("medassist.kafka.registry-url"));
        assertEquals(6, p.get("medassist.kafka.person-partitions"));
        assertEquals(1, p.get("medassist.kafka.replication-factor"));
        assertEquals("/data/settlement-service/state", p.get("medassist.kafka.state-dir"));
        assertEquals(8082, p.get("micronaut.server.port"));
        assertEquals("127.0.0.1", p.get("micronaut.server.host"));
        assertEquals("k", p.get("medassist.log.person-id-key"));
        assertEquals("settlement-service-local", p.get("medassist.kafka.streams.group.instance.id"));
        assertEquals("10000", p.get("medassist.kafka.streams.session.timeout.ms"));

        assertEquals("department", p.get("medassist.auth.principals.civil-affairs.kind"));
        assertEquals("civil_affairs", p.get("medassist.auth.principals.civil-affairs.name"));
        assertEquals("local-civil-affairs", p.get("medassist.auth.principals.civil-affairs.token"));
        assertEquals("hospital", p.get("medassist.auth.principals.hospital-nanjing-h21.kind"));
        assertEquals("NANJING-H21", p.get("medassist.auth.principals.hospital-nanjing-h21.name"));
        assertEquals("agency", p.get("medassist.auth.principals.agency-jiangyin.kind"));
        assertEquals("jiangyin", p.get("medassist.auth.principals.agency-jiangyin.name"));
        assertEquals("admin", p.get("medassist.auth.principals.admin.kind"));
        assertEquals("dev", p.get("micronaut.environments"), "the local run's plain-text tokens are development tokens");
        assertEquals("nanjing", p.get("medassist.auth.principals.hospital-nanjing-h21.regions"));
        assertEquals("jiangyin", p.get("medassist.auth.principals.agency-jiangyin.regions"));
        for (var c : cities) {
            assertTrue(p.get("medassist.auth.principals.civil-affairs.regions").toString().contains(c.region()));
            assertTrue(p.get("medassist.auth.principals.admin.regions").toString().contains(c.region()));
        }
        long principals = p.keySet().stream().filter(k -> k.endsWith(".token")).count();
        assertEquals(5 + 5 * cities.size() + cities.size() + 1 + 1, principals, "departments, hospitals, agencies, admin, reader");
        assertEquals("reader", p.get("medassist.auth.principals.reader.kind"));
        assertEquals("local-reader", p.get("medassist.auth.principals.reader.token"));
        for (var c : cities) assertTrue(p.get("medassist.auth.principals.reader.regions").toString().contains(c.region()));
        assertEquals(null, p.get("medassist.policies.dir"), "the shipped policies unless --policies names a directory");
        for (String key : p.keySet()) {
            if (key.startsWith("medassist.auth.principals.")) {
                String label = key.substring("medassist.auth.principals.".length(), key.lastIndexOf('.'));
                assertTrue(label.matches("[a-z0-9-]+"), "labels are lower-case kebab: " + label);
            }
        }
    }
}

