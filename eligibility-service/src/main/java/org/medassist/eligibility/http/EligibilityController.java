package org.medassist.eligibility.http;

import io.micronaut.context.annotation.Requires;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.medassist.eligibility.topology.EligibilityTopology;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentitySpell;
import org.medassist.events.PersonEligibility;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.kit.auth.Scopes;
import org.medassist.kit.http.ApiDocs;
import org.medassist.kit.http.ApiErrors;
import org.medassist.kit.query.InteractiveQueries;
import org.medassist.schemas.json.EventJson;

/**
 * {@code GET /v1/persons/{personId}/eligibility}: the person's timeline from the {@code person-timelines} store of
 * the instance that owns the person (forwarded there when it is another). Readers, agencies and administrators may
 * ask, for a person with data in one of their regions, and see those regions only (docs/security.md).
 * 200 / 401 / 403 not this token's to read / 404 unknown person / 503 rebalancing.
 */
@Requires(property = "medassist.eligibility.enabled", notEquals = "false")
@Controller("/v1")
@Tag(name = "queries")
public class EligibilityController {
    private static final JsonFactory JSON = new JsonFactory();

    private final InteractiveQueries queries;

    public EligibilityController(InteractiveQueries queries) {
        this.queries = queries;
    }

    @Operation(operationId = "getEligibility", summary = "A person's identity timeline",
            description = "The person's identity events and spells, of the regions the token reads (docs/eligibility-service.md).")
    @ApiResponse(responseCode = "200", description = "The timeline",
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(type = "object"),
                    examples = @ExampleObject(name = ApiDocs.FOUND, value = ApiExamples.ELIGIBILITY)))
    @ApiResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAUTHORIZED, value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = ApiDocs.FORBIDDEN_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.FORBIDDEN, value = ApiExamples.ELIGIBILITY_FORBIDDEN)))
    @ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.NOT_FOUND, value = ApiExamples.ELIGIBILITY_NOT_FOUND)))
    @ApiResponse(responseCode = "503", description = ApiDocs.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ApiDocs.ApiError.class),
                    examples = @ExampleObject(name = ApiDocs.UNAVAILABLE, value = ApiDocs.UNAVAILABLE_READ_EXAMPLE)))
    @Get(uri = "/persons/{personId}/eligibility", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> eligibility(HttpRequest<?> request,
            @Parameter(schema = @Schema(ref = ApiDocs.PERSON_ID_SCHEMA), examples = {@ExampleObject(name = ApiDocs.FOUND, value = "P-0001"),
                    @ExampleObject(name = ApiDocs.NOT_FOUND, value = "P-UNKNOWN-0001")}) @PathVariable String personId) {
        ApiPrincipal principal = ApiPrincipal.of(request).orElse(null);
        if (principal == null) return ApiErrors.of(HttpStatus.UNAUTHORIZED, "unauthorized", "missing bearer token");
        MutableHttpResponse<String> kindRefused = Scopes.personReadRefusal(principal);
        if (kindRefused != null) return kindRefused;
        return queries.<PersonEligibility>route(request, EligibilityTopology.STORE, personId, found -> {
            if (found.isEmpty()) return ApiErrors.notFound("no identity event is known for this person");
            PersonEligibility pe = found.get();
            Set<String> regions = new TreeSet<>();
            for (IdentityEvent e : pe.getEvents()) regions.add(e.getRegion());
            MutableHttpResponse<String> outOfRegion = Scopes.personRegionRefusal(principal, regions);
            if (outOfRegion != null) return outOfRegion;
            return HttpResponse.ok(render(pe, principal::serves)).contentType(MediaType.APPLICATION_JSON_TYPE);
        });
    }

    /** {@code {"personId", "events": [contract JSON], "spells": [{region, identity, department, recognized, exit}]}}. */
    public static String render(PersonEligibility pe) {
        return render(pe, region -> true);
    }

    /** The same, with the events and spells of the regions {@code shown} accepts only (a principal's regions). */
    public static String render(PersonEligibility pe, Predicate<String> shown) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("personId", pe.getPersonId());
            g.writeArrayFieldStart("events");
            for (IdentityEvent e : pe.getEvents()) if (shown.test(e.getRegion())) g.writeRawValue(EventJson.write(e));
            g.writeEndArray();
            g.writeArrayFieldStart("spells");
            for (IdentitySpell s : pe.getSpells()) {
                if (!shown.test(s.getRegion())) continue;
                g.writeStartObject();
                g.writeStringField("region", s.getRegion());
                g.writeStringField("identity", s.getIdentity());
                g.writeStringField("department", s.getDepartment());
                g.writeStringField("recognized", date(s.getRecognized()));
                g.writeStringField("exit", date(s.getExit()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
