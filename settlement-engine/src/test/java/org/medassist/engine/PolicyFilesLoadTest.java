package org.medassist.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;

class PolicyFilesLoadTest {
    @Test
    void everyShippedRegionDirectoryLoads() {
        PolicyCatalog catalog = PolicyLoader.bundled();
        var sources = PolicyLoader.sources(null);
        assertEquals(sources.size(), catalog.all().size());
        assertTrue(sources.size() >= 5, "the five cities ship: " + catalog.regions());
        for (PolicySource s : sources) assertEquals(s.region(), catalog.get(s.region()).region());
        RegionPolicy nanjing = catalog.get("nanjing");
        assertEquals("nanjing/宁政办发〔2023〕1号", nanjing.policyRef());
    }
}
