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
import org.medassist.kit.http.ApiErrors;
import org.medassist.kit.query.InteractiveQueries;
import org.medassist.kit.streams.ManagedStreams;
import org.medassist.settlement.stream.SettlementTopology;

/**
 * Reads, answered from the stores of the instance that owns the key (forwarded there when it is another):
 * {@code GET /v1/persons/{personId}/years/{year}} from person-ledgers, {@code GET /v1/claims/{claimId}} from
 * settlements-by-claim. Any authenticated principal may read.
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
        return queries.<byte[]>route(request, SettlementTopology.LEDGER_STORE, personId, value -> {
            if (value.isEmpty()) return ApiErrors.notFound("no settlement data for person " + personId);
            PersonLedger ledger = LedgerCodec.read(value.get(), new SettlementEngine(policies, parameters()));
            var view = PersonYearView.render(ledger, year, policies);
            if (((List<?>) view.get("regions")).isEmpty()) return ApiErrors.notFound("person " + personId + " has nothing in " + year);
            return ApiErrors.json(HttpStatus.OK, view);
        });
    }

    @Get(uri = "/claims/{claimId}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> claim(HttpRequest<?> request, @PathVariable String claimId) {
        return queries.<String>route(request, SettlementTopology.CLAIM_STORE, claimId, value -> {
            if (value.isEmpty()) return ApiErrors.notFound("no settlement for claim " + claimId);
            List<JsonNode> events = new ArrayList<>();
            for (String line : value.get().split("\n")) {
                if (line.isBlank()) continue;
                try {
                    events.add(JSON.readTree(line));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return ApiErrors.json(HttpStatus.OK, java.util.Map.of("claimId", claimId, "settlements", events));
        });
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
