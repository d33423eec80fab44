package org.medassist.dashboard;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.kit.auth.PolicyRegions;
import org.medassist.kit.auth.RegionCatalog;

/**
 * The policy catalog, as settlement-service loads it ({@code medassist.policies.dir} adds or replaces cities): the
 * regions principals may name, the cities' names, the alert rules of the watch list and the claim classes.
 */
@Requires(property = "medassist.dashboard.enabled", notEquals = "false")
@Factory
public class DashboardBeans {
    @Singleton
    PolicyCatalog policies(@Nullable @Value("${medassist.policies.dir:}") String dir) {
        return PolicyRegions.catalog(dir);
    }

    /** The catalog's regions: what principals' {@code regions} may name (docs/security.md). */
    @Singleton
    RegionCatalog regions(PolicyCatalog policies) {
        return PolicyRegions.regions(policies);
    }
}
