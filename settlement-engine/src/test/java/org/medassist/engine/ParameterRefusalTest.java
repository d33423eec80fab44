package org.medassist.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medassist.engine.model.ParameterValue;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.load.PolicyLoader;

/** A parameter a region does not use is refused with the names it does use, always in the same (sorted) order. */
class ParameterRefusalTest {
    @Test
    void theKnownNamesAreListedSorted() {
        PolicyCatalog catalog = PolicyLoader.bundled();
        SettlementEngine engine = new SettlementEngine(catalog, new ParameterBook());
        for (RegionPolicy p : catalog.all()) {
            String refusal = engine.parameterRefusal(new ParameterValue(p.region(), 2024, "average_rent", 100));
            String prefix = "parameter average_rent is not used by " + p.region() + "; known: " + ParameterBook.INCOME;
            assertTrue(refusal.startsWith(prefix), refusal);
            List<String> rest = refusal.length() == prefix.length() ? List.of()
                    : List.of(refusal.substring(prefix.length() + 2).split(", "));
            List<String> sorted = new ArrayList<>(rest);
            sorted.sort(null);
            assertEquals(sorted, rest, refusal);
            assertEquals(p.namedAmounts().size(), rest.size(), refusal);
            assertNull(engine.parameterRefusal(new ParameterValue(p.region(), 2024, ParameterBook.INCOME, 100)));
        }
    }
}
