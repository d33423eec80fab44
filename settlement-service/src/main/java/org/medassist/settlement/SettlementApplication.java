package org.medassist.settlement;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.Map;
import org.medassist.kit.ServiceStarter;

/**
 * The settlement service: hospital and agency ingestion, the settlement topology, and its queries
 * ({@code GET /v1/persons/{personId}/years/{year}}, {@code GET /v1/hospitals/{hospitalId}/claims/{claimId}}). See docs/settlement-service.md.
 */
@OpenAPIDefinition(
        info = @Info(title = "settlement-service", version = "v1",
                description = "Hospital, agency and admin ingestion and the person-year and claim queries of medassist "
                        + "(docs/settlement-service.md). Every /v1/ request carries a bearer token (docs/security.md)."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A principal's token: medassist.auth.principals (docs/security.md, \"Tokens\")")
public final class SettlementApplication {
    private SettlementApplication() {}

    /** In the map given to {@link #start}: the Micronaut environments to activate ({@link ServiceStarter#ENVIRONMENTS}). */
    public static final String ENVIRONMENTS = ServiceStarter.ENVIRONMENTS;

    public static void main(String[] args) {
        Micronaut.run(SettlementApplication.class, args);
    }

    /**
     * Starts the service in this JVM with {@code properties} over application.yml (for a launcher or a test). The
     * service's class loader is the context class loader while it starts, so its threads load its classes.
     */
    public static ApplicationContext start(Map<String, Object> properties) {
        return ServiceStarter.start(SettlementApplication.class, properties);
    }
}
