package org.medassist.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyFileException;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;

/** {@code medassist.policies.dir} (docs/operations.md): an operator's directory adds cities and replaces shipped ones. */
class OperatorPoliciesTest {
    static String shipped(String region) {
        return PolicyLoader.sources(null).stream().filter(s -> s.region().equals(region)).findFirst().orElseThrow().policy();
    }

    @Test
    void theConfiguredDirectoryAddsAndReplacesRegions(@TempDir Path dir) throws Exception {
        String nanjing = shipped("nanjing");
        Files.createDirectories(dir.resolve("testcity"));
        Files.writeString(dir.resolve("testcity/policy.yaml"), nanjing.replace("region: nanjing", "region: testcity").replace("nanjing/", "testcity/"));
        Files.createDirectories(dir.resolve("nanjing"));
        Files.writeString(dir.resolve("nanjing/policy.yaml"), nanjing.replace("name: 南京", "name: 南京（运营方）"));

        PolicyCatalog catalog = new SettlementBeans().policies(dir.toString());
        assertNotNull(catalog.get("testcity"));
        assertEquals("南京（运营方）", catalog.get("nanjing").name(), "the operator's file replaces the shipped one");
        assertEquals(PolicyLoader.bundled().all().size() + 1, catalog.all().size());
        assertEquals(PolicyLoader.bundled().all().size(), new SettlementBeans().policies("").all().size(), "unset: the shipped ones");
    }

    @Test
    void aBrokenOperatorFileStopsTheServiceWithItsPath(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("testcity"));
        Files.writeString(dir.resolve("testcity/" + PolicySource.POLICY), shipped("nanjing"));
        var e = assertThrows(PolicyFileException.class, () -> new SettlementBeans().policies(dir.toString()));
        assertTrue(e.getMessage().contains("testcity/policy.yaml: region is \"nanjing\" but the file is in directory \"testcity\""), e.getMessage());
    }
}
