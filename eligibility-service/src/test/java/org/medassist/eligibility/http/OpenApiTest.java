package org.medassist.eligibility.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.apitest.OpenApiContract;
import org.medassist.eligibility.RunningService;
import org.medassist.kafkatest.KafkaTestEnvironment;

/**
 * The OpenAPI document Micronaut OpenAPI generated at build time (docs/api.md): served without a token at
 * /swagger/eligibility-service.yml, valid, naming every controller route with its method, documenting 202/400/401/
 * 403/413/503 for the write and 200/401/403/404/503 for the read with examples, and the running service answers each
 * example (503 aside: it needs Kafka gone) with the documented status and shape.
 */
@ExtendWith(KafkaTestEnvironment.class)
class OpenApiTest {
    static final String PATH = "/swagger/eligibility-service.yml";
    static final int MAX_EVENTS = 3;
    private static RunningService service;

    @BeforeAll
    static void start(KafkaTestEnvironment.Environment env) throws Exception {
        service = RunningService.start(env, "eligibility-openapi-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("medassist.eligibility.max-events-per-request", MAX_EVENTS));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) service.close();
    }

    @Test
    void theDocumentNamesEveryRouteAndEveryAnswer() throws Exception {
        OpenApiContract doc = OpenApiContract.fetch(service.baseUrl, PATH);
        doc.assertDocuments(OpenApiContract.routes(service.context(), "org.medassist.eligibility"));
        doc.assertAnswers(Set.of("202", "400", "401", "403", "413", "503"), Set.of("200", "401", "403", "404", "503"));
    }

    @Test
    void theServiceAnswersEveryExampleAsDocumented() throws Exception {
        service.awaitRunning(Duration.ofSeconds(60));
        OpenApiContract doc = OpenApiContract.fetch(service.baseUrl, PATH);
        List<String> made = doc.assertExamplesLive(service.baseUrl, (operation, example) -> switch (example) {
            case "forbidden" -> RunningService.HOSPITAL; // a hospital may neither send identities nor read persons
            default -> operation.startsWith("post") ? RunningService.CIVIL : RunningService.READER;
        }, MAX_EVENTS, Set.of("503"), Duration.ofSeconds(60));
        assertTrue(made.size() >= 9, "every example but 503's was requested: " + made);
    }
}
