package org.medassist.kit.http;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What the services' OpenAPI documents share (docs/api.md): the {@link ApiErrors} body as a schema, and the
 * examples of the answers every endpoint may give. Examples are paired by name: a request example named {@code x}
 * gets the response example named {@code x}, under its status; the services' {@code OpenApiTest} sends each
 * request example and checks the status and shape of the answer.
 */
public final class ApiDocs {
    private ApiDocs() {}

    /** The bearer-token security scheme's name in the documents. */
    public static final String BEARER = "bearer";

    public static final String JSON = "application/json";

    /** Schemas of service-kit/src/main/openapi/medassist-contract.yml, merged into every document. */
    public static final String PERSON_ID_SCHEMA = "#/components/schemas/PersonId";
    public static final String REGION_SCHEMA = "#/components/schemas/Region";
    public static final String YEAR_SCHEMA = "#/components/schemas/Year";
    public static final String IDENTITY_EVENTS_SCHEMA = "#/components/schemas/IdentityEvents";
    public static final String CLAIMS_SCHEMA = "#/components/schemas/Claims";
    public static final String CLAIM_REVERSALS_SCHEMA = "#/components/schemas/ClaimReversals";
    public static final String APPLICATIONS_SCHEMA = "#/components/schemas/Applications";
    public static final String PARAMETERS_SCHEMA = "#/components/schemas/Parameters";
    public static final String YEAR_CLOSES_SCHEMA = "#/components/schemas/YearCloses";

    /** The names that pair request and response examples. */
    public static final String ACCEPTED = "accepted";
    public static final String FOUND = "found";
    public static final String INVALID = "invalid";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String TOO_LARGE = "too_large";
    public static final String UNAVAILABLE = "unavailable";

    public static final String UNAUTHORIZED_DESCRIPTION = "No bearer token, or an unknown one (`WWW-Authenticate: Bearer`).";
    public static final String UNAUTHORIZED_EXAMPLE = """
            {"error":"unauthorized","message":"missing bearer token (Authorization: Bearer <token>)"}""";

    public static final String FORBIDDEN_DESCRIPTION = "The token's principal may not do this (its kind, name or regions; docs/security.md).";

    public static final String UNAVAILABLE_DESCRIPTION = "Kafka did not take the events, or the store is not ready (a rebalance): "
            + "nothing was accepted; retry after `Retry-After` seconds.";
    public static final String UNAVAILABLE_WRITE_EXAMPLE = """
            {"error":"unavailable","message":"Kafka did not take the events; none was accepted, retry the request"}""";
    public static final String UNAVAILABLE_READ_EXAMPLE = """
            {"error":"unavailable","message":"the stream application has not started yet"}""";

    public static final String INVALID_DESCRIPTION = "Malformed JSON or invalid events, a reason per event; no event of the request was accepted.";
    public static final String TOO_LARGE_DESCRIPTION = "More events than `max-events-per-request` (10,000 by default); nothing was accepted.";
    public static final String TOO_LARGE_EXAMPLE = """
            {"error":"too_large","message":"10001 events in one request; at most 10000"}""";

    public static final String NOT_FOUND_DESCRIPTION = "Nothing is known for this key.";

    /** The one error body of every endpoint ({@link ApiErrors}). */
    @Schema(name = "ApiError", description = "The error body of every endpoint (docs/api.md).")
    public record ApiError(
            @Schema(description = "A stable code", requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"unauthorized", "forbidden", "invalid", "not_found", "unavailable", "too_large"})
            String error,
            @Schema(description = "For people", requiredMode = Schema.RequiredMode.REQUIRED)
            String message,
            @Schema(description = "Per event, for 400 and 403 answers to a batch", nullable = true)
            List<EventProblem> events) {}

    /** One refused event of a batch. */
    @Schema(name = "EventProblem")
    public record EventProblem(
            @Schema(description = "The event's position in the request's array, from 0") int index,
            @Schema(nullable = true, description = "The event's own id, when it could be read") String eventId,
            @Schema(nullable = true, description = "The field at fault, when there is one") String field,
            @Schema(description = "Why it was refused") String reason) {}

    /** A batch's 202 answer. */
    @Schema(name = "Accepted")
    public record Accepted(
            @Schema(description = "Events accepted (written to Kafka in one transaction)") int accepted,
            @Schema(nullable = true, description = "Identity events only: events already known by id, not written again")
            Integer duplicates) {}
}
