package org.medassist.eligibility.ingest;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.kit.auth.PolicyRegions;
import org.medassist.kit.auth.RegionCatalog;

/**
 * The regions of the policy catalog, loaded as settlement-service loads it ({@code medassist.policies.dir}): an
 * identity event of a region no policy has would be folded and never pay anything, so it is refused at the door, and
 * a principal's {@code regions} must name known regions (docs/eligibility-service.md, docs/security.md).
 */
@Factory
@Requires(property = "medassist.eligibility.enabled", notEquals = "false")
public class EligibilityRegions {
    @Singleton
    PolicyCatalog policies(@Nullable @Value("${medassist.policies.dir:}") String dir) {
        return PolicyRegions.catalog(dir);
    }

    @Singleton
    RegionCatalog regions(PolicyCatalog policies) {
        return PolicyRegions.regions(policies);
    }
}
