package org.medassist.settlement.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.ledger.Entry;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.model.ClaimKey;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.events.Parameter;
import org.medassist.kit.audit.Audit;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.kit.auth.PrincipalKind;
import org.medassist.kit.auth.Scopes;
import org.medassist.kit.http.ApiDocs;
import org.medassist.kit.http.ApiErrors;
import org.medassist.kit.kafka.KafkaClients;
import org.medassist.kit.ownership.Ownership;
import org.medassist.kit.query.InteractiveQueries;
import org.medassist.kit.streams.ManagedStreams;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.ledger.StoredLedgers;
import org.medassist.settlement.route.EventRouter;
import org.medassist.settlement.stream.SettlementTopology;

/**
 * Reads, answered from the stores of the instance that owns the key (forwarded there when it is another):
 * <ul>
 *   <li>{@code GET /v1/persons/{personId}/years/{year}}: the person-year's totals and ledger;</li>
 *   <li>{@code GET /v1/persons/{personId}/claims/{hospitalId}/{claimId}}: one claim's state, explanation included;</li>
 *   <li>{@code GET /v1/hospitals/{hospitalId}/claims/{claimId}}: which person and year hold a claim (from the claim
 *       owners' registry, keyed as a claim is identified: hospital and claimId), with the link to the claim.</li>
 * </ul>
 * Who may read what: docs/security.md. Every person read is audited with the person hashed.
 */
@Controller("/v1")
@Requires(property = "medassist.settlement.enabled", notEquals = "false")
@Tag(name = "queries")
public class QueryController {
    private final InteractiveQueries queries;
    private final ManagedStreams streams;
    private final PolicyCatalog policies;
    private final KafkaClients clients;

    public QueryController(InteractiveQueries queries, ManagedStreams streams, PolicyCatalog policies, KafkaClients clients) {
        this.queries = queries;
        this.streams = streams;
        this.policies = policies;
        this.clients = clients;
    }

    @Operation(operationId = "getPersonYear", summary = "A person-year's totals and ledger",
            description = "What was paid to the person in the year, per region the token reads, with every claim's "
                    + "settlement (docs/settlement-service.md).")
    @ApiResponse(responseCode = "200", description = "The person-year",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(type = "object"),
                    examples = @ExampleObject(name = ApiDocs.FOUND, value = ApiExamples.PERSON_YEAR)))
    @ApiResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAUTHORIZED, value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = ApiDocs.FORBIDDEN_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.FORBIDDEN, value = ApiExamples.PERSON_YEAR_FORBIDDEN)))
    @ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.NOT_FOUND, value = ApiExamples.PERSON_YEAR_NOT_FOUND)))
    @ApiResponse(responseCode = "503", description = ApiDocs.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAVAILABLE, value = ApiDocs.UNAVAILABLE_READ_EXAMPLE)))
    @Get(uri = "/persons/{personId}/years/{year}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> personYear(HttpRequest<?> request,
            @io.swagger.v3.oas.annotations.Parameter(schema = @Schema(ref = ApiDocs.PERSON_ID_SCHEMA), examples = {@ExampleObject(name = ApiDocs.FOUND, value = "P-0001"),
                    @ExampleObject(name = ApiDocs.NOT_FOUND, value = "P-UNKNOWN-0001")}) @PathVariable String personId,
            @io.swagger.v3.oas.annotations.Parameter(schema = @Schema(ref = ApiDocs.YEAR_SCHEMA), examples = {@ExampleObject(name = ApiDocs.FOUND, value = "2023")}) @PathVariable int year) {
        ApiPrincipal principal = ApiPrincipal.of(request).orElse(null);
        if (principal == null) return ApiErrors.of(HttpStatus.UNAUTHORIZED, "unauthorized", "missing bearer token");
        MutableHttpResponse<String> kindRefused = Scopes.personReadRefusal(principal);
        if (kindRefused != null) return kindRefused;
        return queries.<byte[]>route(request, SettlementTopology.HEADER_STORE, personId, header -> {
            if (header.isEmpty()) return ApiErrors.notFound("no settlement data for this person");
            PersonLedger ledger = ledger(personId);
            MutableHttpResponse<String> outOfRegion = Scopes.personRegionRefusal(principal, dataRegions(ledger));
            if (outOfRegion != null) return outOfRegion;
            Audit.person(request, personId);
            var view = PersonYearView.render(ledger, year, policies, principal::serves);
            if (((List<?>) view.get("regions")).isEmpty()) return ApiErrors.notFound("this person has nothing in " + year);
            return ApiErrors.json(HttpStatus.OK, view);
        });
    }

    /** One claim of a person: its state, what was paid on it and its current explanation. */
    @Operation(operationId = "getPersonClaim", summary = "One claim of a person",
            description = "The claim's state, what was paid on it and its explanation (docs/settlement-service.md). A "
                    + "hospital reads its own claims; readers, agencies and administrators those of their regions.")
    @ApiResponse(responseCode = "200", description = "The claim",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(type = "object"),
                    examples = @ExampleObject(name = ApiDocs.FOUND, value = ApiExamples.PERSON_CLAIM)))
    @ApiResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAUTHORIZED, value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = ApiDocs.FORBIDDEN_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.FORBIDDEN, value = ApiExamples.PERSON_CLAIM_FORBIDDEN)))
    @ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.NOT_FOUND, value = ApiExamples.PERSON_CLAIM_NOT_FOUND)))
    @ApiResponse(responseCode = "503", description = ApiDocs.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAVAILABLE, value = ApiDocs.UNAVAILABLE_READ_EXAMPLE)))
    @Get(uri = "/persons/{personId}/claims/{hospitalId}/{claimId}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> personClaim(HttpRequest<?> request,
            @io.swagger.v3.oas.annotations.Parameter(schema = @Schema(ref = ApiDocs.PERSON_ID_SCHEMA), examples = {@ExampleObject(name = ApiDocs.FOUND, value = "P-0001"),
                    @ExampleObject(name = ApiDocs.NOT_FOUND, value = "P-UNKNOWN-0001")}) @PathVariable String personId,
            @io.swagger.v3.oas.annotations.Parameter(examples = {@ExampleObject(name = ApiDocs.FOUND, value = "H0012"),
                    @ExampleObject(name = ApiDocs.FORBIDDEN, value = "H0099")}) @PathVariable String hospitalId,
            @io.swagger.v3.oas.annotations.Parameter(examples = {@ExampleObject(name = ApiDocs.FOUND, value = "H0012-2023-88812"),
                    @ExampleObject(name = ApiDocs.NOT_FOUND, value = "H0012-2023-00000")}) @PathVariable String claimId) {
        ApiPrincipal principal = ApiPrincipal.of(request).orElse(null);
        if (principal == null) return ApiErrors.of(HttpStatus.UNAUTHORIZED, "unauthorized", "missing bearer token");
        MutableHttpResponse<String> refused = claimReadRefusal(principal, hospitalId);
        if (refused != null) return refused;
        return queries.<byte[]>route(request, SettlementTopology.HEADER_STORE, personId, header -> {
            if (header.isEmpty()) return ApiErrors.notFound("no settlement data for this person");
            PersonLedger ledger = ledger(personId);
            ClaimKey key = new ClaimKey(hospitalId, claimId);
            for (String region : ledger.regions()) {
                for (PersonYear py : ledger.years(region)) {
                    Entry e = py.claim(key);
                    if (e == null) continue;
                    if (!principal.is(PrincipalKind.HOSPITAL) && !principal.serves(py.region)) {
                        return ApiErrors.forbidden("this claim is of a region this token may not read (it reads "
                                + principal.regionsText() + ")");
                    }
                    Audit.person(request, personId);
                    return ApiErrors.json(HttpStatus.OK, PersonYearView.claim(ledger.personId, py, e));
                }
            }
            return ApiErrors.notFound("no claim " + key + " for this person");
        });
    }

    /** Which person and year hold a claim, from the claim owners' registry. */
    @Operation(operationId = "getClaimOwner", summary = "Which person and year hold a claim",
            description = "From the claim owners' registry: a claim is identified by its hospital and claimId "
                    + "(docs/settlement-service.md); `claim` links to the claim's own resource.")
    @ApiResponse(responseCode = "200", description = "The claim's person and year",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(type = "object"),
                    examples = @ExampleObject(name = ApiDocs.FOUND, value = ApiExamples.CLAIM_OWNER)))
    @ApiResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAUTHORIZED, value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = ApiDocs.FORBIDDEN_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.FORBIDDEN, value = ApiExamples.CLAIM_OWNER_FORBIDDEN)))
    @ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.NOT_FOUND, value = ApiExamples.CLAIM_OWNER_NOT_FOUND)))
    @ApiResponse(responseCode = "503", description = ApiDocs.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAVAILABLE, value = ApiDocs.UNAVAILABLE_READ_EXAMPLE)))
    @Get(uri = "/hospitals/{hospitalId}/claims/{claimId}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> claimOwner(HttpRequest<?> request,
            @io.swagger.v3.oas.annotations.Parameter(examples = {@ExampleObject(name = ApiDocs.FOUND, value = "H0012"),
                    @ExampleObject(name = ApiDocs.FORBIDDEN, value = "H0099")}) @PathVariable String hospitalId,
            @io.swagger.v3.oas.annotations.Parameter(examples = {@ExampleObject(name = ApiDocs.FOUND, value = "H0012-2023-88812"),
                    @ExampleObject(name = ApiDocs.NOT_FOUND, value = "H0012-2023-00000")}) @PathVariable String claimId) {
        ApiPrincipal principal = ApiPrincipal.of(request).orElse(null);
        if (principal == null) return ApiErrors.of(HttpStatus.UNAUTHORIZED, "unauthorized", "missing bearer token");
        MutableHttpResponse<String> refused = claimReadRefusal(principal, hospitalId);
        if (refused != null) return refused;
        String id = EventRouter.claimOwnershipId(new ClaimKey(hospitalId, claimId));
        return queries.<String>route(request, SettlementTopology.CLAIM_OWNERS_STORE, id, stored -> {
            if (stored.isEmpty()) return ApiErrors.notFound("no claim " + hospitalId + "/" + claimId + " was received");
            String personId = Ownership.owner(stored.get());
            String[] where = Ownership.where(stored.get()).split("\\|", 2);
            if (!principal.is(PrincipalKind.HOSPITAL) && !principal.serves(where[0])) {
                return ApiErrors.forbidden("this claim is of a region this token may not read (it reads " + principal.regionsText() + ")");
            }
            Audit.person(request, personId);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("hospitalId", hospitalId);
            body.put("claimId", claimId);
            body.put("personId", personId);
            body.put("region", where[0]);
            body.put("year", Integer.parseInt(where[1]));
            body.put("claim", "/v1/persons/" + personId + "/claims/" + hospitalId + "/" + claimId);
            return ApiErrors.json(HttpStatus.OK, body);
        });
    }

    /** Who may read a claim: its own hospital, and readers, agencies and administrators (then by region). */
    static MutableHttpResponse<String> claimReadRefusal(ApiPrincipal principal, String hospitalId) {
        if (principal.is(PrincipalKind.HOSPITAL)) {
            return principal.name().equals(hospitalId) ? null : ApiErrors.forbidden("this token is for hospital "
                    + principal.name() + " and cannot read claims of hospital " + hospitalId);
        }
        if (Scopes.REGION_READERS.contains(principal.kind())) return null;
        return ApiErrors.forbidden(principal.kind().configName() + " tokens may not read claims; a hospital reads its own, "
                + "readers, agencies and administrators those of their regions");
    }

    /** The person's ledger from this instance's stores, refolded with the parameters the topology settles with. */
    private PersonLedger ledger(String personId) {
        SettlementEngine engine = new SettlementEngine(policies, parameters());
        return StoredLedgers.load(new QueryLedgerStore(queries), engine, personId);
    }

    /** The parameters the topology settles with: the global policy-parameters table, on every instance. */
    private ParameterBook parameters() {
        ParameterBook book = new ParameterBook();
        KafkaStreams ks = streams.streams();
        if (ks == null) return book;
        ReadOnlyKeyValueStore<String, byte[]> store = ks.store(StoreQueryParameters.fromNameAndType(
                SettlementTopology.PARAMETER_STORE, QueryableStoreTypes.keyValueStore()));
        var reader = clients.avroSerdes().value(Parameter.class).deserializer();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (kv.value == null) continue;
                byte[] value = org.medassist.settlement.stream.ParameterRecords.read(kv.value).value();
                if (value == null) continue;
                try {
                    Parameter p = reader.deserialize(Topics.POLICY_PARAMETERS.name(), value);
                    book.put(p.getRegion(), p.getYear(), p.getName(), p.getValue());
                } catch (RuntimeException e) {
                    // an unreadable value is the settle processor's to dead-letter; the view goes without it
                }
            }
        }
        return book;
    }

    /**
     * The regions a person has data in: those of their person-years, or, for a person known only by an identity
     * timeline (no claim yet), the regions of its identity events. A token of one of those regions then gets 404
     * ("nothing in the year"), not a 403 that names no region of the person's.
     */
    private static java.util.Collection<String> dataRegions(PersonLedger ledger) {
        if (!ledger.regions().isEmpty()) return ledger.regions();
        java.util.Set<String> regions = new java.util.TreeSet<>();
        for (var change : ledger.timeline.changes()) regions.add(change.region());
        return regions;
    }
}
