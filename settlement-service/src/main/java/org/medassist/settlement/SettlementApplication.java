package org.medassist.settlement;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/**
 * The settlement service: hospital and agency ingestion, the settlement topology, and its queries
 * ({@code GET /v1/persons/{personId}/years/{year}}, {@code GET /v1/claims/{claimId}}). See docs/settlement-service.md.
 */
public final class SettlementApplication {
    private SettlementApplication() {}

    public static void main(String[] args) {
        Micronaut.run(SettlementApplication.class, args);
    }

    /**
     * Starts the service in this JVM with {@code properties} over application.yml (for a launcher or a test). The
     * service's class loader is the context class loader while it starts, so its threads load its classes.
     */
    public static ApplicationContext start(Map<String, Object> properties) {
        ClassLoader own = SettlementApplication.class.getClassLoader();
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(own);
        try {
            return Micronaut.build(new String[0]).classLoader(own).mainClass(SettlementApplication.class).banner(false)
                    .properties(properties).start();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
