package org.medassist.eligibility.http;

import io.micronaut.context.annotation.Requires;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medassist.eligibility.ingest.IdentityBatch;
import org.medassist.events.IdentityEvent;
import org.medassist.kit.http.BatchAnswers;
import org.medassist.kit.http.EventBatch.Outcome;
import org.medassist.eligibility.ingest.IdentityIngestion;
import org.medassist.events.Department;
import org.medassist.kit.audit.Audit;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.kit.auth.PrincipalKind;
import org.medassist.kit.http.ApiDocs;
import org.medassist.kit.http.ApiErrors;
import org.medassist.schemas.json.EventRules;
import org.medassist.kit.http.EventBatch;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.kit.http.RequestBodies;
import org.medassist.kit.kafka.AtomicBatchProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/identity-events}: a department's identity events, a JSON array in the contract's form.
 * 202 accepted / 401 unknown token (the filter) / 403 not the department's to send / 400 invalid / 413 too many /
 * 503 Kafka unavailable. All or nothing: unless the answer is 202, no event of the request was produced.
 */
@Requires(property = "medassist.eligibility.enabled", notEquals = "false")
@Controller("/v1")
@Tag(name = "ingestion")
public class IdentityEventsController {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityEventsController.class);

    private final IdentityIngestion ingestion;
    private final MeterRegistry meters;
    private final int maxEvents;
    private final PolicyCatalog policies;

    public IdentityEventsController(IdentityIngestion ingestion, @Nullable MeterRegistry meters,
                                    @Value("${medassist.eligibility.max-events-per-request:10000}") int maxEvents,
                                    PolicyCatalog policies) {
        this.ingestion = ingestion;
        this.meters = meters;
        this.maxEvents = maxEvents;
        this.policies = policies;
    }

    @Operation(operationId = "postIdentityEvents", summary = "A department's identity events",
            description = "A JSON array of `identity` events in the contract's form (docs/contract.md), sent by a department "
                    + "token for the identities it certifies and its regions. All or nothing: unless the answer is 202, no "
                    + "event of the request was produced. An event whose eventId is already known is counted in `duplicates`.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = ApiDocs.JSON, schema = @Schema(ref = ApiDocs.IDENTITY_EVENTS_SCHEMA),
                    examples = {@ExampleObject(name = ApiDocs.ACCEPTED, ref = "#/components/examples/IdentityEvents"),
                                @ExampleObject(name = ApiDocs.INVALID, ref = "#/components/examples/IdentityEventsInvalid")})))
    @ApiResponse(responseCode = "202", description = "Every event was written to identity-events",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.Accepted.class),
                    examples = @ExampleObject(name = ApiDocs.ACCEPTED, value = ApiExamples.IDENTITY_EVENTS_ACCEPTED)))
    @ApiResponse(responseCode = "400", description = ApiDocs.INVALID_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.INVALID, value = ApiExamples.IDENTITY_EVENTS_REFUSED)))
    @ApiResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAUTHORIZED, value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = ApiDocs.FORBIDDEN_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.FORBIDDEN, value = ApiExamples.IDENTITY_EVENTS_FORBIDDEN)))
    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.TOO_LARGE, value = ApiDocs.TOO_LARGE_EXAMPLE)))
    @ApiResponse(responseCode = "503", description = ApiDocs.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAVAILABLE, value = ApiDocs.UNAVAILABLE_WRITE_EXAMPLE)))
    @Post(uri = "/identity-events", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> post(HttpRequest<?> request, @Nullable @RequestAttribute(ApiPrincipal.ATTRIBUTE) ApiPrincipal principal,
                                @Nullable @Body byte[] body) {
        if (principal == null) return ApiErrors.of(HttpStatus.UNAUTHORIZED, "unauthorized", "missing bearer token");
        if (!principal.is(PrincipalKind.DEPARTMENT)) {
            count("forbidden", 1);
            return ApiErrors.forbidden("only department tokens may send identity events; this one is a "
                    + principal.kind().configName() + "'s");
        }
        String charset = RequestBodies.charsetProblem(request);
        if (charset != null) {
            count("invalid", 1);
            return ApiErrors.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", charset);
        }
        Department department = Department.valueOf(principal.name());
        Outcome<IdentityEvent> outcome = IdentityBatch.check(principal, body, maxEvents, personId -> Audit.person(request, personId));
        IdentityIngestion.Known known = null;
        if (outcome instanceof Outcome.Accepted<IdentityEvent> accepted) {
            var problems = unknownRegions(accepted.events());
            if (problems.isEmpty()) {
                known = ingestion.known(accepted.events()); // conflicts and duplicates, one look per event
                problems = known.conflicts();
            }
            if (!problems.isEmpty()) outcome = new Outcome.Invalid<>(problems);
        }
        HttpResponse<?> refused = BatchAnswers.refusal(outcome, "identity", meters);
        if (refused != null) {
            LOG.info("{} ({}): request refused with {}", department, principal.label(), refused.getStatus().getCode());
            return refused;
        }
        List<IdentityEvent> events = ((Outcome.Accepted<IdentityEvent>) outcome).events();
        IdentityIngestion.Written written;
        try {
            written = ingestion.write(events, known, principal, Audit.requestId(request));
        } catch (AtomicBatchProducer.BatchFailedException e) {
            LOG.warn("{} ({}): {} events not written: {}", department, principal.label(), events.size(), e.getMessage());
            return ApiErrors.unavailable("Kafka did not take the events; none was accepted, retry the request", 5);
        }
        LOG.info("{} ({}): {} identity events accepted ({} already known)", department, principal.label(),
                written.accepted(), written.duplicates());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", written.accepted());
        answer.put("duplicates", written.duplicates());
        return BatchAnswers.accepted(answer, "identity", events.size(), meters);
    }

    /** Events of a region no policy has: folded, they would never pay anything, so they are refused (as settlement's are). */
    private List<EventBatch.Problem> unknownRegions(List<IdentityEvent> events) {
        List<EventBatch.Problem> problems = new java.util.ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String unknown = policies.unknownRegion(events.get(i).getRegion());
            if (unknown != null) problems.add(new EventBatch.Problem(i, EventRules.shown(events.get(i).getEventId()), "region", unknown));
        }
        return problems;
    }

    private void count(String outcome, int n) {
        if (meters != null) meters.counter("medassist.ingest.events", "type", "identity", "outcome", outcome).increment(n);
    }
}
