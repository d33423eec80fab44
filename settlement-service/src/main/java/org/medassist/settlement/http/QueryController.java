package org.medassist.settlement.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.medassist.engine.SettlementEngine;
import org.medassist.settlement.ledger.LedgerCodec;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.events.Parameter;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.medassist.kit.audit.Audit;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.kit.auth.PrincipalKind;
import org.medassist.kit.auth.Scopes;
import org.medassist.kit.http.ApiErrors;
import org.medassist.kit.query.InteractiveQueries;
import org.medassist.kit.streams.ManagedStreams;
import org.medassist.settlement.stream.SettlementTopology;

/**
 * Reads, answered from the stores of the instance that owns the key (forwarded there when it is another):
 * {@code GET /v1/persons/{personId}/years/{year}} from person-ledgers, {@code GET
 * /v1/hospitals/{hospitalId}/claims/{claimId}} from settlements-by-claim. Who may read what: docs/security.md.
 */
@Controller("/v1")
@Requires(property = "medassist.settlement.enabled", notEquals = "false")
public class QueryController {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InteractiveQueries queries;
    private final ManagedStreams streams;
    private final PolicyCatalog policies;

    public QueryController(InteractiveQueries queries, ManagedStreams streams, PolicyCatalog policies) {
        this.queries = queries;
        this.streams = streams;
        this.policies = policies;
    }

    @Get(uri = "/persons/{personId}/years/{year}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> personYear(HttpRequest<?> request, @PathVariable String personId, @PathVariable int year) {
        ApiPrincipal principal = ApiPrincipal.of(request).orElse(null);
        if (principal == null) return ApiErrors.of(HttpStatus.UNAUTHORIZED, "unauthorized", "missing bearer token");
        MutableHttpResponse<String> kindRefused = Scopes.personReadRefusal(principal);
        if (kindRefused != null) return kindRefused;
        return queries.<byte[]>route(request, SettlementTopology.LEDGER_STORE, personId, value -> {
            if (value.isEmpty()) return ApiErrors.notFound("no settlement data for this person");
            PersonLedger ledger = LedgerCodec.read(value.get(), new SettlementEngine(policies, parameters()));
            MutableHttpResponse<String> outOfRegion = Scopes.personRegionRefusal(principal, ledger.regions());
            if (outOfRegion != null) return outOfRegion;
            var view = PersonYearView.render(ledger, year, policies, principal::serves);
            if (((List<?>) view.get("regions")).isEmpty()) return ApiErrors.notFound("this person has nothing in " + year);
            return ApiErrors.json(HttpStatus.OK, view);
        });
    }

    /**
     * Every settlement event of the claim {@code claimId} of hospital {@code hospitalId}, in order. A hospital reads
     * only its own claims (another hospitalId is 403 before any look-up); readers, agencies and administrators read
     * the claims of their regions (docs/security.md).
     */
    @Get(uri = "/hospitals/{hospitalId}/claims/{claimId}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> claim(HttpRequest<?> request, @PathVariable String hospitalId, @PathVariable String claimId) {
        ApiPrincipal principal = ApiPrincipal.of(request).orElse(null);
        if (principal == null) return ApiErrors.of(HttpStatus.UNAUTHORIZED, "unauthorized", "missing bearer token");
        MutableHttpResponse<String> refused = claimReadRefusal(principal, hospitalId);
        if (refused != null) return refused;
        return queries.<String>route(request, SettlementTopology.CLAIM_STORE, claimId, value -> {
            List<JsonNode> events = new ArrayList<>();
            Set<String> regions = new TreeSet<>();
            for (String line : value.orElse("").split("\n")) {
                if (line.isBlank()) continue;
                JsonNode s;
                try {
                    s = JSON.readTree(line);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                if (!hospitalId.equals(hospitalOf(s, claimId))) continue;
                events.add(s);
                regions.add(s.path("region").asText());
            }
            if (events.isEmpty()) return ApiErrors.notFound("no settlement for claim " + claimId + " of hospital " + hospitalId);
            if (!principal.is(PrincipalKind.HOSPITAL) && !principal.servesAny(regions)) {
                return ApiErrors.forbidden("this claim is of a region this token may not read (it reads " + principal.regionsText() + ")");
            }
            Audit.persons(request, events.stream().map(e -> e.path("personId").asText(null)).toList());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("hospitalId", hospitalId);
            body.put("claimId", claimId);
            body.put("settlements", events);
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

    /** The hospital of a settlement: its {@code hospitalId}, else the first part of its {@code hospital/claimId/n} id. */
    private static String hospitalOf(JsonNode settlement, String claimId) {
        String h = settlement.path("hospitalId").asText(null);
        if (h != null) return h;
        String id = settlement.path("settlementId").asText("");
        int cut = id.indexOf("/" + claimId + "/");
        return cut > 0 ? id.substring(0, cut) : null;
    }

    /** The parameters the topology settles with: the global policy-parameters table, on every instance. */
    private ParameterBook parameters() {
        ParameterBook book = new ParameterBook();
        KafkaStreams ks = streams.streams();
        if (ks == null) return book;
        ReadOnlyKeyValueStore<String, Parameter> store = ks.store(StoreQueryParameters.fromNameAndType(
                "policy-parameters-store", QueryableStoreTypes.keyValueStore()));
        try (KeyValueIterator<String, Parameter> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, Parameter> kv = it.next();
                Parameter p = kv.value;
                if (p != null) book.put(p.getRegion(), p.getYear(), p.getName(), p.getValue());
            }
        }
        return book;
    }

}
