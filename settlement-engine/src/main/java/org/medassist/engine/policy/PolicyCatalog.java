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

    /**
     * Why an event of {@code region} has no place here, or null when a policy has it: the one wording every path uses
     * (the engine's rejection, the services' 400s, eligibility's dead letter).
     */
    public String unknownRegion(String region) {
        return get(region) != null ? null : "region \"" + region + "\" has no policy; known regions: " + regions();
    }
}
