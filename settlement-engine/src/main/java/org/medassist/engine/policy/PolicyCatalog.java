package org.medassist.engine.policy;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The loaded region policies, by region key. */
public final class PolicyCatalog {
    private final Map<String, RegionPolicy> byRegion = new TreeMap<>();
    /** The same, for look-ups (every event asks; a tree compares strings all the way down). */
    private final Map<String, RegionPolicy> lookUp = new HashMap<>();

    public PolicyCatalog(Collection<RegionPolicy> policies) {
        for (RegionPolicy p : policies) {
            if (byRegion.put(p.region(), p) != null) {
                throw new IllegalArgumentException("two policy files for region " + p.region());
            }
            lookUp.put(p.region(), p);
        }
    }

    public RegionPolicy get(String region) { return region == null ? null : lookUp.get(region); }

    public Collection<RegionPolicy> all() { return byRegion.values(); }

    public String regions() { return String.join(", ", byRegion.keySet()); }
}
