package org.medassist.settlement.app;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;

/** The policies the service settles with: the bundled policy files, validated at start-up. */
@Factory
@Requires(property = "medassist.settlement.enabled", notEquals = "false")
public class SettlementBeans {
    @Singleton
    PolicyCatalog policies() { return PolicyLoader.bundled(); }
}
