package org.medassist.kit.auth;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.load.PolicyLoader;

/**
 * The policy catalog every service loads the same way: the shipped policy files, and those of the operator's
 * directory {@code medassist.policies.dir} (one {@code <region>/policy.yaml} each), which add cities or replace shipped
 * ones; and its regions, which are what principals' {@code regions}, events' regions and metric labels may name
 * (docs/security.md). Each service's factory calls these, so no two services disagree on which regions exist.
 */
public final class PolicyRegions {
    private PolicyRegions() {}

    /** The catalog of {@code dir} over the shipped policies; a blank or null {@code dir}: the shipped ones only. */
    public static PolicyCatalog catalog(String dir) {
        return PolicyLoader.catalog(dir == null || dir.isBlank() ? null : Path.of(dir));
    }

    /** The catalog's regions. */
    public static RegionCatalog regions(PolicyCatalog policies) {
        Set<String> regions = policies.all().stream().map(RegionPolicy::region).collect(Collectors.toUnmodifiableSet());
        return () -> regions;
    }
}
