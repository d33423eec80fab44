package org.medassist.settlement.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.swagger.v3.oas.annotations.Hidden;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.kit.auth.PrincipalKind;
import org.medassist.kit.http.ApiErrors;
import org.medassist.kit.http.RequestBodies;
import org.medassist.kit.kafka.KafkaClients;
import org.medassist.schemas.PersonIdHash;
import org.medassist.settlement.whatif.KafkaHistory;
import org.medassist.settlement.whatif.PolicyOverrides;
import org.medassist.settlement.whatif.PolicyPair;
import org.medassist.settlement.whatif.Simulations;

/**
 * {@code POST /v1/simulations} and {@code GET /v1/simulations/{id}} (docs/whatif.md, docs/settlement-service.md): a
 * what-if over the recorded history of one region-year, for administrators of that region. The body:
 * <pre>{"region": "nanjing", "year": 2023, "set": ["nanjing:tiers[B].rates.inpatient.rate=0.95"], "policy": "...yaml..."}</pre>
 * ({@code set} and/or {@code policy}, a whole policy file replacing the region's). 202 with the simulation's id and
 * where to read it; 400 a body or change that does not hold; 401/403 as for every endpoint; 409 while another
 * simulation runs. The history is the input topics read by a consumer of no group; nothing is written.
 *
 * <p>Not in the OpenAPI document yet ({@link Hidden}; docs/api.md): its answers (202 with an id, 409 while busy, no
 * 413 or 503) and live examples need their own annotations and examples first.
 */
@Hidden
@Controller("/v1")
@Requires(property = "medassist.settlement.enabled", notEquals = "false")
public class SimulationController {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<PolicySource> sources;
    private final PolicyCatalog baseline;
    private final String baselineName;
    private final Simulations simulations;
    private final PersonIdHash hash;

    public SimulationController(KafkaClients clients, PersonIdHash hash, @Nullable @Value("${medassist.policies.dir:}") String dir) {
        this(PolicyLoader.sources(dir == null || dir.isBlank() ? null : Path.of(dir)), hash,
                new Simulations(scope -> new KafkaHistory(clients.clientConfig(), clients.avroSerdes(), "the input topics")),
                dir == null || dir.isBlank() ? "the service's policies (shipped)" : "the service's policies (" + dir + ")");
    }

    /** With the simulations given: tests run them over a history of their own. */
    SimulationController(List<PolicySource> sources, PersonIdHash hash, Simulations simulations, String baselineName) {
        this.sources = List.copyOf(sources);
        this.baseline = PolicyLoader.load(this.sources);
        this.baselineName = baselineName;
        this.simulations = simulations;
        this.hash = hash;
    }

    @Post(uri = "/simulations", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> start(HttpRequest<?> request, @Nullable @RequestAttribute(ApiPrincipal.ATTRIBUTE) ApiPrincipal principal,
                                 @Nullable @Body byte[] bytes) {
        HttpResponse<?> refused = refusal(principal);
        if (refused != null) return refused;
        String charset = RequestBodies.charsetProblem(request);
        if (charset != null) return ApiErrors.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", charset);
        String body;
        try {
            body = RequestBodies.utf8(bytes);
        } catch (RequestBodies.NotUtf8 e) {
            return badRequest(e.getMessage());
        }
        JsonNode req;
        try {
            req = JSON.readTree(body == null ? "" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (req == null || !req.isObject()) return badRequest("the body must be a JSON object: {\"region\", \"year\", \"set\": [...], \"policy\"}");
        String region = req.path("region").asText("");
        if (!req.path("region").isTextual() || baseline.get(region) == null) {
            return badRequest("\"region\" must be a region of the policy catalog: " + baseline.regions());
        }
        if (!principal.serves(region)) {
            return ApiErrors.forbidden("this token acts for " + principal.regionsText() + ", not for " + region);
        }
        if (!req.path("year").canConvertToInt() || !req.path("year").isIntegralNumber()
                || req.path("year").asInt() < 1900 || req.path("year").asInt() > 2999) {
            return badRequest("\"year\" must be a year from 1900 to 2999");
        }
        int year = req.path("year").asInt();
        List<String> sets = new ArrayList<>();
        JsonNode set = req.path("set");
        if (!set.isMissingNode() && !set.isNull()) {
            if (!set.isArray()) return badRequest("\"set\" must be a list of \"REGION:PATH=VALUE\" strings");
            for (JsonNode s : set) {
                if (!s.isTextual()) return badRequest("\"set\" must be a list of \"REGION:PATH=VALUE\" strings");
                if (!s.asText().strip().startsWith(region + ":")) return badRequest("\"set\" may change only " + region + ": " + s.asText());
                sets.add(s.asText());
            }
        }
        JsonNode policy = req.path("policy");
        if (!policy.isMissingNode() && !policy.isNull() && !policy.isTextual()) return badRequest("\"policy\" must be a policy file's text (YAML)");
        String yaml = policy.isTextual() ? policy.asText() : null;
        if (sets.isEmpty() && yaml == null) return badRequest("give the change: \"set\" and/or \"policy\"");
        PolicyPair pair;
        try {
            pair = PolicyPair.of(sources, baseline, baselineName, region, yaml, sets);
        } catch (PolicyOverrides.OverrideException | PolicyPair.InvalidPolicy e) {
            return badRequest(e.getMessage());
        }
        Simulations.Simulation s;
        try {
            s = simulations.start(pair, region, year, principal.label(), hash::of, "keyed hash (HMAC-SHA256, the services' personId hash)");
        } catch (Simulations.Busy e) {
            return ApiErrors.of(HttpStatus.CONFLICT, "busy", e.getMessage(), Map.of("running", e.running()));
        }
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("id", s.id());
        answer.put("state", s.state());
        answer.put("status", "/v1/simulations/" + s.id());
        return ApiErrors.json(HttpStatus.ACCEPTED, answer);
    }

    @Get(uri = "/simulations/{id}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> get(@Nullable @RequestAttribute(ApiPrincipal.ATTRIBUTE) ApiPrincipal principal, @PathVariable String id) {
        HttpResponse<?> refused = refusal(principal);
        if (refused != null) return refused;
        Simulations.Simulation s = simulations.get(id);
        if (s == null || !principal.serves(s.region())) return ApiErrors.notFound("no simulation " + id + " for your regions (the last finished ones are kept)");
        return ApiErrors.json(HttpStatus.OK, s.json());
    }

    private static HttpResponse<?> refusal(ApiPrincipal principal) {
        if (principal == null) return ApiErrors.of(HttpStatus.UNAUTHORIZED, "unauthorized", "missing bearer token");
        if (!principal.is(PrincipalKind.ADMIN)) {
            return ApiErrors.forbidden("only admin tokens may run simulations; this one is a " + principal.kind().configName() + "'s");
        }
        return null;
    }

    private static HttpResponse<?> badRequest(String message) { return ApiErrors.of(HttpStatus.BAD_REQUEST, "invalid", message); }

    @PreDestroy
    void close() { simulations.close(); }
}
