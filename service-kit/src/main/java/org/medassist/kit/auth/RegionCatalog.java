package org.medassist.kit.auth;

import java.util.Set;

/**
 * The regions a service knows (settlement-service: its policy catalog). When a service has this bean, every
 * principal's configured {@code regions} must be among them, and metric labels name only these regions
 * (docs/security.md). A service without it checks region keys by their form only.
 */
public interface RegionCatalog {
    Set<String> regions();

    /** {@code region} when the catalog knows it, else {@code other}: a closed set of metric label values. */
    default String label(String region) {
        return region != null && regions().contains(region) ? region : "other";
    }
}
