package org.medassist.dashboard;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Map;
import org.medassist.kit.ServiceStarter;

/**
 * The dashboard service: the monitoring offices' alert feed ({@code GET /v1/alerts/stream}) and monthly lists
 * ({@code GET /v1/alerts}), the fund report ({@code GET /v1/reports/fund}), the overview and watch list behind the
 * page, the person search (proxied to settlement-service) and the page itself at {@code /}. It reads the output topics
 * on its own, so reporting never slows the settlement path. See docs/dashboard-service.md.
 */
public final class DashboardApplication {
    private DashboardApplication() {}

    /** In the map given to {@link #start}: the Micronaut environments to activate ({@link ServiceStarter#ENVIRONMENTS}). */
    public static final String ENVIRONMENTS = ServiceStarter.ENVIRONMENTS;

    public static void main(String[] args) {
        Micronaut.run(DashboardApplication.class, args);
    }

    /**
     * Starts the service in this JVM with {@code properties} over application.yml (for a launcher or a test). The
     * service's class loader is the context class loader while it starts, so its threads load its classes.
     */
    public static ApplicationContext start(Map<String, Object> properties) {
        return ServiceStarter.start(DashboardApplication.class, properties);
    }
}
