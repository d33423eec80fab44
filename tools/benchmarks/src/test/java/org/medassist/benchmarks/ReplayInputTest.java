package org.medassist.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.schemas.json.EventJson;

class ReplayInputTest {
    private static final PolicyCatalog CATALOG = PolicyLoader.bundled();

    @Test
    void everyLineIsAValidContractEventAndTheSeedFixesTheFile() throws Exception {
        StringWriter a = new StringWriter();
        long lines = ReplayInput.write(CATALOG, 300, 2, 5, a);
        StringWriter b = new StringWriter();
        ReplayInput.write(CATALOG, 300, 2, 5, b);
        assertEquals(a.toString(), b.toString(), "same seed, same file");
        Set<String> types = new HashSet<>();
        Set<String> regions = new HashSet<>();
        String[] all = a.toString().split("\n");
        assertEquals(lines, all.length);
        for (String line : all) {
            var record = EventJson.read(line); // throws on any contract breach
            types.add(EventJson.typeOf(record));
            if (line.contains("\"type\":\"claim\"")) regions.add(line.replaceAll(".*\"region\":\"([a-z]+)\".*", "$1"));
        }
        assertEquals(Set.of("parameter", "identity", "claim", "claim_reversal", "application", "year_close"), types);
        for (RegionPolicy p : CATALOG.all()) assertTrue(regions.contains(p.region()), p.region() + " has claims");
    }
}
