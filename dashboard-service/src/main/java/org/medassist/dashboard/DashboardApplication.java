package org.medassist.dashboard;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/**
 * The dashboard service: the monitoring offices' alert feed ({@code GET /v1/alerts/stream}) and monthly lists
 * ({@code GET /v1/alerts}), the fund report ({@code GET /v1/reports/fund}), the overview and watch list behind the
 * page, the person search (proxied to settlement-service) and the page itself at {@code /}. It reads the output topics
 * on its own, so reporting never slows the settlement path. See docs/dashboard-service.md.
 */
public final class DashboardApplication {
    private DashboardApplication() {}

    /**
     * In the map given to {@link #start}: the Micronaut environments to activate, comma-separated (e.g. {@code dev},
     * which allows the development tokens; docs/security.md). Elsewhere {@code MICRONAUT_ENVIRONMENTS} does it.
     */
    public static final String ENVIRONMENTS = "micronaut.environments";

    public static void main(String[] args) {
        Micronaut.run(DashboardApplication.class, args);
    }

    /**
     * Starts the service in this JVM with {@code properties} over application.yml (for a launcher or a test). The
     * service's class loader is the context class loader while it starts, so its threads load its classes.
     */
    public static ApplicationContext start(Map<String, Object> properties) {
        ClassLoader own = DashboardApplication.class.getClassLoader();
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(own);
        try {
            var builder = Micronaut.build(new String[0]).classLoader(own).mainClass(DashboardApplication.class).banner(false)
                    .properties(properties);
            Object environments = properties.get(ENVIRONMENTS);
            if (environments != null && !environments.toString().isBlank()) {
                builder.environments(environments.toString().trim().split("\\s*,\\s*"));
            }
            return builder.start();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
