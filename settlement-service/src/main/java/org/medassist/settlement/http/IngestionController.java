package org.medassist.settlement.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.Parameter;
import org.medassist.events.YearClose;
import org.medassist.kit.audit.Audit;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.kit.auth.PrincipalKind;
import org.medassist.kit.auth.Scopes;
import org.medassist.kit.http.ApiDocs;
import org.medassist.kit.http.ApiErrors;
import org.medassist.kit.http.BatchAnswers;
import org.medassist.kit.http.EventBatch;
import org.medassist.kit.http.EventBatch.Authorizer;
import org.medassist.kit.http.EventBatch.Outcome;
import org.medassist.kit.http.EventBatch.Problem;
import org.medassist.kit.http.RequestBodies;
import org.medassist.kit.kafka.AtomicBatchProducer;
import org.medassist.settlement.avro.AvroMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hospital, agency and admin ingestion: JSON arrays in the contract's form. 202 accepted / 401 unknown token /
 * 403 not the caller's to send / 400 invalid (a reason per event) / 413 too many / 503 Kafka unavailable. All or
 * nothing: unless the answer is 202, no event of the request was produced.
 */
@Controller("/v1")
@Requires(property = "medassist.settlement.enabled", notEquals = "false")
@Tag(name = "ingestion")
public class IngestionController {
    private static final Logger LOG = LoggerFactory.getLogger(IngestionController.class);

    private final EventIngestion ingestion;
    private final PolicyCatalog policies;
    private final SettlementEngine validator;
    private final MeterRegistry meters;
    private final int maxEvents;

    public IngestionController(EventIngestion ingestion, PolicyCatalog policies, @Nullable MeterRegistry meters,
                               @Value("${medassist.settlement.max-events-per-request:10000}") int maxEvents) {
        this.ingestion = ingestion;
        this.policies = policies;
        this.validator = new SettlementEngine(policies, new ParameterBook());
        this.meters = meters;
        this.maxEvents = maxEvents;
    }

    @Operation(operationId = "postClaims", summary = "A hospital's claims",
            description = "A JSON array of `claim` events, sent by the token of the hospital they name (`hospitalId`) for its regions. The contract's JSON form (docs/contract.md). All or nothing: unless the "
                    + "answer is 202, no event of the request was produced (docs/settlement-service.md).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = ApiDocs.JSON, schema = @Schema(ref = ApiDocs.CLAIMS_SCHEMA),
                    examples = {@ExampleObject(name = ApiDocs.ACCEPTED, ref = "#/components/examples/Claims"),
                                @ExampleObject(name = ApiDocs.INVALID, ref = "#/components/examples/ClaimsInvalid"),
                                @ExampleObject(name = ApiDocs.FORBIDDEN, ref = "#/components/examples/ClaimsOfAnotherHospital")})))
    @ApiResponse(responseCode = "202", description = "Every event was written to hospital-events",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.Accepted.class),
                    examples = @ExampleObject(name = ApiDocs.ACCEPTED, value = ApiExamples.ACCEPTED)))
    @ApiResponse(responseCode = "400", description = ApiDocs.INVALID_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.INVALID, value = ApiExamples.CLAIMS_INVALID)))
    @ApiResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAUTHORIZED, value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = ApiDocs.FORBIDDEN_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.FORBIDDEN, value = ApiExamples.CLAIMS_FORBIDDEN)))
    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.TOO_LARGE, value = ApiDocs.TOO_LARGE_EXAMPLE)))
    @ApiResponse(responseCode = "503", description = ApiDocs.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAVAILABLE, value = ApiDocs.UNAVAILABLE_WRITE_EXAMPLE)))
    @Post(uri = "/claims", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> claims(HttpRequest<?> request, @Nullable @RequestAttribute(ApiPrincipal.ATTRIBUTE) ApiPrincipal principal,
                                  @Nullable @Body byte[] body) {
        return ingest(request, principal, body, PrincipalKind.HOSPITAL, Claim.class, "claim",
                (i, id, node) -> ownHospital(principal, i, id, node, "claims"), c -> Refusal.of("region", region(c.getRegion())));
    }

    /**
     * A hospital reverses only its own claims: over HTTP a reversal must name its {@code hospitalId}, the token's
     * (another hospital's is 403, a missing one 400). docs/security.md.
     */
    @Operation(operationId = "postClaimReversals", summary = "A hospital's claim reversals",
            description = "A JSON array of `claim_reversal` events: over HTTP a reversal names its `hospitalId`, the token's own. The contract's JSON form (docs/contract.md). All or nothing: unless the "
                    + "answer is 202, no event of the request was produced (docs/settlement-service.md).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = ApiDocs.JSON, schema = @Schema(ref = ApiDocs.CLAIM_REVERSALS_SCHEMA),
                    examples = {@ExampleObject(name = ApiDocs.ACCEPTED, ref = "#/components/examples/ClaimReversals"),
                                @ExampleObject(name = ApiDocs.INVALID, ref = "#/components/examples/ClaimReversalsInvalid")})))
    @ApiResponse(responseCode = "202", description = "Every event was written to hospital-events",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.Accepted.class),
                    examples = @ExampleObject(name = ApiDocs.ACCEPTED, value = ApiExamples.ACCEPTED)))
    @ApiResponse(responseCode = "400", description = ApiDocs.INVALID_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.INVALID, value = ApiExamples.CLAIM_REVERSALS_INVALID)))
    @ApiResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAUTHORIZED, value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = ApiDocs.FORBIDDEN_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.FORBIDDEN, value = ApiExamples.CLAIM_REVERSALS_FORBIDDEN)))
    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.TOO_LARGE, value = ApiDocs.TOO_LARGE_EXAMPLE)))
    @ApiResponse(responseCode = "503", description = ApiDocs.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAVAILABLE, value = ApiDocs.UNAVAILABLE_WRITE_EXAMPLE)))
    @Post(uri = "/claim-reversals", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> reversals(HttpRequest<?> request, @Nullable @RequestAttribute(ApiPrincipal.ATTRIBUTE) ApiPrincipal principal,
                                  @Nullable @Body byte[] body) {
        return ingest(request, principal, body, PrincipalKind.HOSPITAL, ClaimReversal.class, "claim_reversal",
                (i, id, node) -> ownHospital(principal, i, id, node, "reversals"),
                r -> r.getHospitalId() == null
                        ? Refusal.of("hospitalId", "reversal " + r.getReversalId() + ": hospitalId is missing; a reversal sent over HTTP"
                                + " names the hospital of the claim it reverses, which must be this token's (" + principal.name() + ")")
                        : Refusal.of("region", region(r.getRegion())));
    }

    @Operation(operationId = "postApplications", summary = "An agency's applications",
            description = "A JSON array of `application` events, sent by an agency token for its regions; a county decision outside the policy's bounds is refused. The contract's JSON form (docs/contract.md). All or nothing: unless the "
                    + "answer is 202, no event of the request was produced (docs/settlement-service.md).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = ApiDocs.JSON, schema = @Schema(ref = ApiDocs.APPLICATIONS_SCHEMA),
                    examples = {@ExampleObject(name = ApiDocs.ACCEPTED, ref = "#/components/examples/Applications"),
                                @ExampleObject(name = ApiDocs.INVALID, ref = "#/components/examples/ApplicationsInvalid")})))
    @ApiResponse(responseCode = "202", description = "Every event was written to applications",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.Accepted.class),
                    examples = @ExampleObject(name = ApiDocs.ACCEPTED, value = ApiExamples.ACCEPTED)))
    @ApiResponse(responseCode = "400", description = ApiDocs.INVALID_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.INVALID, value = ApiExamples.APPLICATIONS_INVALID)))
    @ApiResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAUTHORIZED, value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = ApiDocs.FORBIDDEN_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.FORBIDDEN, value = ApiExamples.APPLICATIONS_FORBIDDEN)))
    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.TOO_LARGE, value = ApiDocs.TOO_LARGE_EXAMPLE)))
    @ApiResponse(responseCode = "503", description = ApiDocs.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAVAILABLE, value = ApiDocs.UNAVAILABLE_WRITE_EXAMPLE)))
    @Post(uri = "/applications", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> applications(HttpRequest<?> request, @Nullable @RequestAttribute(ApiPrincipal.ATTRIBUTE) ApiPrincipal principal,
                                  @Nullable @Body byte[] body) {
        return ingest(request, principal, body, PrincipalKind.AGENCY, Application.class, "application", Authorizer.ANYONE,
                a -> {
                    String unknown = region(a.getRegion());
                    // a county decision outside the policy's bounds (FCG-A10, docs/readings.md), as the engine refuses it
                    return unknown != null ? Refusal.of("region", unknown)
                            : Refusal.of("decision", validator.decisionRefusal(AvroMapping.application(a)));
                });
    }

    @Operation(operationId = "postYearCloses", summary = "An agency's year closes",
            description = "A JSON array of `year_close` events, sent by an agency token for its regions. The contract's JSON form (docs/contract.md). All or nothing: unless the "
                    + "answer is 202, no event of the request was produced (docs/settlement-service.md).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = ApiDocs.JSON, schema = @Schema(ref = ApiDocs.YEAR_CLOSES_SCHEMA),
                    examples = {@ExampleObject(name = ApiDocs.ACCEPTED, ref = "#/components/examples/YearCloses"),
                                @ExampleObject(name = ApiDocs.INVALID, ref = "#/components/examples/YearClosesInvalid")})))
    @ApiResponse(responseCode = "202", description = "Every event was written to year-closes",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.Accepted.class),
                    examples = @ExampleObject(name = ApiDocs.ACCEPTED, value = ApiExamples.ACCEPTED)))
    @ApiResponse(responseCode = "400", description = ApiDocs.INVALID_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.INVALID, value = ApiExamples.YEAR_CLOSES_INVALID)))
    @ApiResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAUTHORIZED, value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = ApiDocs.FORBIDDEN_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.FORBIDDEN, value = ApiExamples.YEAR_CLOSES_FORBIDDEN)))
    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.TOO_LARGE, value = ApiDocs.TOO_LARGE_EXAMPLE)))
    @ApiResponse(responseCode = "503", description = ApiDocs.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAVAILABLE, value = ApiDocs.UNAVAILABLE_WRITE_EXAMPLE)))
    @Post(uri = "/year-closes", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> yearCloses(HttpRequest<?> request, @Nullable @RequestAttribute(ApiPrincipal.ATTRIBUTE) ApiPrincipal principal,
                                  @Nullable @Body byte[] body) {
        return ingest(request, principal, body, PrincipalKind.AGENCY, YearClose.class, "year_close", Authorizer.ANYONE,
                y -> Refusal.of("region", region(y.getRegion())));
    }

    @Operation(operationId = "postParameters", summary = "An administrator's yearly parameters",
            description = "A JSON array of `parameter` events, sent by an admin token; an unknown name is refused with the known ones. The contract's JSON form (docs/contract.md). All or nothing: unless the "
                    + "answer is 202, no event of the request was produced (docs/settlement-service.md).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = ApiDocs.JSON, schema = @Schema(ref = ApiDocs.PARAMETERS_SCHEMA),
                    examples = {@ExampleObject(name = ApiDocs.ACCEPTED, ref = "#/components/examples/Parameters"),
                                @ExampleObject(name = ApiDocs.INVALID, ref = "#/components/examples/ParametersInvalid")})))
    @ApiResponse(responseCode = "202", description = "Every event was written to policy-parameters",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.Accepted.class),
                    examples = @ExampleObject(name = ApiDocs.ACCEPTED, value = ApiExamples.ACCEPTED)))
    @ApiResponse(responseCode = "400", description = ApiDocs.INVALID_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.INVALID, value = ApiExamples.PARAMETERS_INVALID)))
    @ApiResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAUTHORIZED, value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = ApiDocs.FORBIDDEN_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.FORBIDDEN, value = ApiExamples.PARAMETERS_FORBIDDEN)))
    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.TOO_LARGE, value = ApiDocs.TOO_LARGE_EXAMPLE)))
    @ApiResponse(responseCode = "503", description = ApiDocs.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAVAILABLE, value = ApiDocs.UNAVAILABLE_WRITE_EXAMPLE)))
    @Post(uri = "/parameters", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> parameters(HttpRequest<?> request, @Nullable @RequestAttribute(ApiPrincipal.ATTRIBUTE) ApiPrincipal principal,
                                  @Nullable @Body byte[] body) {
        return ingest(request, principal, body, PrincipalKind.ADMIN, Parameter.class, "parameter", Authorizer.ANYONE,
                p -> {
                    String unknown = region(p.getRegion());
                    // in a known region the engine refuses only a name the region's policy does not use
                    return unknown != null ? Refusal.of("region", unknown)
                            : Refusal.of("name", validator.parameterRefusal(AvroMapping.parameter(p)));
                });
    }

    /** A hospital sends only events with its own {@code hospitalId}; a missing one is left to validation. */
    private static Problem ownHospital(ApiPrincipal principal, int i, String id, JsonNode node, String what) {
        String hospital = EventBatch.text(node.get("hospitalId"));
        return hospital != null && !hospital.equals(principal.name())
                ? new Problem(i, id, "hospitalId", "this token is for hospital " + principal.name() + " and cannot send "
                        + what + " of hospital " + hospital)
                : null;
    }

    /** Why an endpoint's own rule refuses a valid event, and the field it concerns; null when it does not. */
    private record Refusal(String field, String reason) {
        static Refusal of(String field, String reason) { return reason == null ? null : new Refusal(field, reason); }
    }

    private String region(String region) {
        return policies.unknownRegion(region);
    }

    /**
     * The shared path of every endpoint: principal kind, the batch check, the endpoint's own semantic check (null
     * when fine), then one transaction.
     */
    private <T extends SpecificRecord> HttpResponse<?> ingest(HttpRequest<?> request, ApiPrincipal principal, byte[] body, PrincipalKind kind,
                                                             Class<T> type, String typeName, Authorizer authorizer,
                                                             Function<T, Refusal> semantics) {
        if (principal == null) return ApiErrors.of(HttpStatus.UNAUTHORIZED, "unauthorized", "missing bearer token");
        if (!principal.is(kind)) {
            return ApiErrors.forbidden("only " + kind.configName() + " tokens may send " + typeName
                    + " events; this one is a " + principal.kind().configName() + "'s");
        }
        String charset = RequestBodies.charsetProblem(request);
        if (charset != null) return ApiErrors.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", charset);
        // every event's region must be one the principal acts for, then the endpoint's own rule (docs/security.md)
        Authorizer scoped = (i, id, node) -> {
            Audit.person(request, EventBatch.text(node.get("personId"))); // audited, refused or not
            Problem outOfRegion = Scopes.regionProblem(principal, i, id, node);
            return outOfRegion != null ? outOfRegion : authorizer.check(i, id, node);
        };
        Outcome<T> outcome = EventBatch.check(body, maxEvents, type, typeName, scoped);
        if (outcome instanceof Outcome.Accepted<T> accepted) {
            List<Problem> problems = new ArrayList<>();
            List<T> events = accepted.events();
            for (int i = 0; i < events.size(); i++) {
                Refusal refusal = semantics.apply(events.get(i));
                if (refusal != null) problems.add(new Problem(i, EventBatch.id(events.get(i)), refusal.field(), refusal.reason()));
            }
            if (!problems.isEmpty()) outcome = new Outcome.Invalid<>(problems);
        }
        HttpResponse<?> refused = BatchAnswers.refusal(outcome, typeName, meters);
        if (refused != null) {
            LOG.info("{}: {} request refused with {}", principal.label(), typeName, refused.getStatus().getCode());
            return refused;
        }
        List<T> events = ((Outcome.Accepted<T>) outcome).events();
        try {
            ingestion.write(events, principal, Audit.requestId(request));
        } catch (AtomicBatchProducer.BatchFailedException e) {
            LOG.warn("{}: {} {} events not written: {}", principal.label(), events.size(), typeName, e.getMessage());
            return ApiErrors.unavailable("Kafka did not take the events; none was accepted, retry the request", 5);
        }
        LOG.info("{}: {} {} events accepted", principal.label(), events.size(), typeName);
        return BatchAnswers.accepted(Map.of("accepted", events.size()), typeName, events.size(), meters);
    }
}
