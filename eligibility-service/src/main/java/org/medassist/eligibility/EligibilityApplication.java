package org.medassist.eligibility;

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
 * The eligibility service: department ingestion ({@code POST /v1/identity-events}), the identity-timeline topology
 * and its queries ({@code GET /v1/persons/{personId}/eligibility}). See docs/eligibility-service.md.
 */
@OpenAPIDefinition(
        info = @Info(title = "eligibility-service", version = "v1",
                description = "Department ingestion of identity events and eligibility queries of medassist "
                        + "(docs/eligibility-service.md). Every /v1/ request carries a bearer token (docs/security.md)."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A principal's token: medassist.auth.principals (docs/security.md, \"Tokens\")")
public final class EligibilityApplication {
    private EligibilityApplication() {}

    /** In the map given to {@link #start}: the Micronaut environments to activate ({@link ServiceStarter#ENVIRONMENTS}). */
    public static final String ENVIRONMENTS = ServiceStarter.ENVIRONMENTS;

    public static void main(String[] args) {
        Micronaut.run(EligibilityApplication.class, args);
    }

    /**
     * Starts the service in this JVM with {@code properties} over application.yml (for a launcher or a test), e.g.
     * {@code medassist.kafka.bootstrap-servers}, {@code medassist.kafka.registry-url}, {@code micronaut.server.port}.
     * Close the returned context to stop it.
     *
     * <p>The service's own class loader is the context class loader while it starts, so that the threads it creates
     * (HTTP, Kafka Streams) and the classes Kafka loads by name come from the service's class path even when a
     * launcher calls this from another class loader.
     */
    public static ApplicationContext start(Map<String, Object> properties) {
        return ServiceStarter.start(EligibilityApplication.class, properties);
    }
}
