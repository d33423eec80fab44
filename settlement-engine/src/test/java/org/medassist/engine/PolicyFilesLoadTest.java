package org.medassist.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;

class PolicyFilesLoadTest {
    @Test
    void everyRegionLoads() {
        PolicyCatalog catalog = PolicyLoader.bundled();
        assertEquals(5, catalog.all().size());
        for (String r : PolicyLoader.BUNDLED) assertNotNull(catalog.get(r), r);
        assertEquals("nanjing/宁政办发〔2023〕1号", catalog.get("nanjing").policyRef());
    }
}
