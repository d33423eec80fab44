package org.medassist.settlement.app;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Set;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.kit.auth.PolicyRegions;
import org.medassist.kit.auth.RegionCatalog;

/**
 * The policies the service settles with, validated at start-up: the shipped policy files, and those of the
 * operator's directory {@code medassist.policies.dir} (one {@code <region>/policy.yaml} each), which add cities or
 * replace shipped ones.
 */
@Factory
@Requires(property = "medassist.settlement.enabled", notEquals = "false")
public class SettlementBeans {
    @Singleton
    PolicyCatalog policies(@Nullable @Value("${medassist.policies.dir:}") String dir) {
        return PolicyRegions.catalog(dir);
    }

    /** The catalog's regions: what principals' {@code regions} and metric labels may name (docs/security.md). */
    @Singleton
    RegionCatalog regions(PolicyCatalog policies) {
        return PolicyRegions.regions(policies);
    }
}
