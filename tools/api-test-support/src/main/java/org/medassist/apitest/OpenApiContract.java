package org.medassist.apitest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.web.router.Router;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A service's OpenAPI document, checked against the service (docs/api.md):
 *
 * <ul>
 *   <li>{@link #fetch}: served without a token at its stable path, and valid OpenAPI 3 (swagger-parser reports no
 *       message);</li>
 *   <li>{@link #assertDocuments}: every route of the service's controllers appears with its method, and the document
 *       has no operation the service does not route;</li>
 *   <li>{@link #assertAnswers}: every operation documents the statuses the project's endpoints answer, each with an
 *       example, errors with the {@code ApiError} body; request bodies have examples;</li>
 *   <li>{@link #assertExamplesLive}: each response example is requested from the live service (the request example
 *       and parameter examples of the same name) and answered with the documented status and a body of the
 *       example's shape.</li>
 * </ul>
 */
public final class OpenApiContract {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPLICATION_JSON = "application/json";

    /** The examples that pair a request with its answer (names shared by the services' documents). */
    public static final String ACCEPTED = "accepted";
    public static final String FOUND = "found";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String TOO_LARGE = "too_large";

    private final OpenAPI api;
    private final String text;

    private OpenApiContract(OpenAPI api, String text) {
        this.api = api;
        this.text = text;
    }

    /** GETs the document at {@code baseUrl + path} without a token, parses and validates it. */
    public static OpenApiContract fetch(String baseUrl, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + " is served without a token: " + r.body());
        return parse(r.body());
    }

    /** Parses and validates a document: OpenAPI 3, no parser message (structure, references, examples). */
    public static OpenApiContract parse(String text) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(text, null, options);
        assertNotNull(result.getOpenAPI(), () -> "not an OpenAPI document: " + result.getMessages());
        assertEquals(List.of(), result.getMessages(), "swagger-parser's validation messages");
        assertTrue(result.getOpenAPI().getOpenapi().startsWith("3."), "OpenAPI 3: " + result.getOpenAPI().getOpenapi());
        return new OpenApiContract(result.getOpenAPI(), text);
    }

    public OpenAPI model() { return api; }

    public String text() { return text; }

    /** A route: HTTP method and path template ({@code /v1/persons/{personId}/eligibility}). */
    public record Route(String method, String path) implements Comparable<Route> {
        @Override
        public String toString() { return method + " " + path; }

        @Override
        public int compareTo(Route o) { return toString().compareTo(o.toString()); }
    }

    /** The routes of the controllers whose class is in {@code packagePrefix} (health, metrics and static files excluded). */
    public static Set<Route> routes(ApplicationContext context, String packagePrefix) {
        Router router = context.getBean(Router.class);
        return router.uriRoutes()
                .filter(r -> r.getTargetMethod().getDeclaringType().getName().startsWith(packagePrefix))
                .filter(r -> !r.getHttpMethodName().equalsIgnoreCase("HEAD")) // Micronaut's implicit HEAD of every GET
                .map(r -> new Route(r.getHttpMethodName().toUpperCase(Locale.ROOT), normalize(r.getUriMatchTemplate().toPathString())))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The document's operations as routes. */
    public Set<Route> documented() {
        Set<Route> out = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(m -> out.add(new Route(m.name(), normalize(path)))));
        return out;
    }

    /** Every route is documented with its method, and nothing else is. */
    public void assertDocuments(Set<Route> routes) {
        assertFalse(routes.isEmpty(), "no controller route found: wrong package?");
        Set<String> expected = routes.stream().map(Route::toString).collect(Collectors.toCollection(TreeSet::new));
        Set<String> actual = documented().stream().map(Route::toString).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, actual, "the controllers' routes and the document's operations");
    }

    /**
     * Each operation documents {@code writeStatuses} (a POST) or {@code readStatuses} (a GET); every response has a
     * JSON example, every error ({@code >= 400}) the {@code ApiError} schema; request bodies have JSON examples, one
     * named {@value #ACCEPTED}; every operation has an operationId and the bearer security requirement.
     */
    public void assertAnswers(Set<String> writeStatuses, Set<String> readStatuses) {
        forEachOperation((method, path, op) -> {
            String where = method + " " + path;
            assertNotNull(op.getOperationId(), where + ": operationId");
            boolean secured = op.getSecurity() != null ? !op.getSecurity().isEmpty()
                    : api.getSecurity() != null && !api.getSecurity().isEmpty();
            assertTrue(secured, where + ": a security requirement (bearer)");
            Set<String> expected = method == PathItem.HttpMethod.POST ? writeStatuses : readStatuses;
            assertEquals(new TreeSet<>(expected), new TreeSet<>(op.getResponses().keySet()), where + ": documented statuses");
            op.getResponses().forEach((status, response) -> {
                MediaType json = json(response, where + " " + status);
                assertFalse(json.getExamples() == null || json.getExamples().isEmpty(), where + " " + status + ": an example");
                if (Integer.parseInt(status) >= 400) {
                    String ref = json.getSchema() == null ? null : json.getSchema().get$ref();
                    assertEquals("#/components/schemas/ApiError", ref, where + " " + status + ": the ApiError body");
                }
            });
            if (method == PathItem.HttpMethod.POST) {
                assertNotNull(op.getRequestBody(), where + ": a request body");
                MediaType body = op.getRequestBody().getContent().get(APPLICATION_JSON);
                assertNotNull(body, where + ": a JSON request body");
                assertNotNull(body.getExamples(), where + ": request examples");
                assertTrue(body.getExamples().containsKey(ACCEPTED), where + ": a request example named " + ACCEPTED);
            }
        });
    }

    /** Chooses the bearer token of a request (null: none). */
    @FunctionalInterface
    public interface Tokens {
        String token(String operationId, String example);
    }

    /**
     * Requests every response example of every operation from the live service (POSTs first, so that reads find what
     * they wrote) and checks the answer's status and shape. For the example named {@code x}: the request example
     * {@code x} (else {@value #ACCEPTED}; for {@value #TOO_LARGE} its first event repeated {@code maxEvents + 1}
     * times), each path parameter's example {@code x} (else {@value #FOUND}, else its first), the token
     * {@code tokens} chooses. Statuses in {@code notLive} (e.g. 503, which needs Kafka gone) are not requested.
     * A {@code 2xx} read is retried until it answers or {@code settle} passes: what was written settles
     * asynchronously.
     *
     * @return the requests made, {@code "POST /v1/claims accepted -> 202"}, for the test's report
     */
    public List<String> assertExamplesLive(String baseUrl, Tokens tokens, int maxEvents, Set<String> notLive,
                                          Duration settle) throws Exception {
        List<String> made = new ArrayList<>();
        List<Object[]> ops = new ArrayList<>();
        forEachOperation((method, path, op) -> ops.add(new Object[] {method, path, op}));
        ops.sort(java.util.Comparator.comparing(o -> o[0] == PathItem.HttpMethod.POST ? 0 : 1));
        for (Object[] o : ops) {
            PathItem.HttpMethod method = (PathItem.HttpMethod) o[0];
            String path = (String) o[1];
            Operation op = (Operation) o[2];
            for (Map.Entry<String, ApiResponse> response : op.getResponses().entrySet()) {
                String status = response.getKey();
                if (notLive.contains(status)) continue;
                for (Map.Entry<String, Example> example : json(response.getValue(), path).getExamples().entrySet()) {
                    String name = example.getKey();
                    String uri = baseUrl + expand(path, op, name);
                    String body = method == PathItem.HttpMethod.POST ? requestBody(op, name, maxEvents) : null;
                    String token = name.equals(UNAUTHORIZED) ? null : tokens.token(op.getOperationId(), name);
                    long deadline = System.nanoTime() + settle.toNanos();
                    HttpResponse<String> answer = send(method, uri, token, body);
                    while (status.startsWith("2") && method == PathItem.HttpMethod.GET
                            && !Integer.toString(answer.statusCode()).equals(status) && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                        answer = send(method, uri, token, body);
                    }
                    String what = method + " " + path + " " + name;
                    assertEquals(status, Integer.toString(answer.statusCode()), what + ": " + answer.body());
                    assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith(APPLICATION_JSON),
                            what + ": JSON");
                    JsonNode documented = value(resolve(example.getValue()));
                    assertShape(documented, JSON.readTree(answer.body()), what);
                    made.add(what + " -> " + answer.statusCode());
                    if (Boolean.getBoolean("medassist.openapi.print")) System.out.println(what + " -> " + answer.body());
                }
            }
        }
        return made;
    }

    private interface OperationVisitor {
        void visit(PathItem.HttpMethod method, String path, Operation op) throws Exception;
    }

    private void forEachOperation(OperationVisitor visitor) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            try {
                visitor.visit(method, path, op);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    private static MediaType json(ApiResponse response, String where) {
        assertNotNull(response.getContent(), where + ": content");
        MediaType json = response.getContent().get(APPLICATION_JSON);
        assertNotNull(json, where + ": application/json content");
        return json;
    }

    private static String expand(String path, Operation op, String example) {
        String out = path;
        if (op.getParameters() == null) return out;
        for (Parameter p : op.getParameters()) {
            if (!"path".equals(p.getIn())) continue;
            Object value = null;
            Map<String, Example> examples = p.getExamples();
            if (examples != null && !examples.isEmpty()) {
                Example e = examples.containsKey(example) ? examples.get(example)
                        : examples.containsKey(FOUND) ? examples.get(FOUND) : examples.values().iterator().next();
                value = e.get$ref() != null ? null : e.getValue();
            }
            if (value == null) value = p.getExample();
            assertNotNull(value, op.getOperationId() + ": path parameter " + p.getName() + " has no example");
            out = out.replace("{" + p.getName() + "}", String.valueOf(value));
        }
        return out;
    }

    private String requestBody(Operation op, String example, int maxEvents) throws Exception {
        Map<String, Example> examples = op.getRequestBody().getContent().get(APPLICATION_JSON).getExamples();
        Example chosen = examples.containsKey(example) ? examples.get(example) : examples.get(ACCEPTED);
        JsonNode body = value(resolve(chosen));
        if (example.equals(TOO_LARGE) && !examples.containsKey(TOO_LARGE)) {
            var array = JSON.createArrayNode();
            for (int i = 0; i <= maxEvents; i++) array.add(body.get(0));
            body = array;
        }
        return JSON.writeValueAsString(body);
    }

    /** An example, or the component example its {@code $ref} names. */
    private Example resolve(Example e) {
        if (e == null || e.get$ref() == null) return e;
        String name = e.get$ref().substring(e.get$ref().lastIndexOf('/') + 1);
        Example found = api.getComponents() == null || api.getComponents().getExamples() == null ? null
                : api.getComponents().getExamples().get(name);
        assertNotNull(found, "no example " + e.get$ref());
        return found;
    }

    private static JsonNode value(Example e) throws Exception {
        Object v = e.getValue();
        assertNotNull(v, "an example without a value: " + e);
        return v instanceof String s && (s.startsWith("{") || s.startsWith("[")) ? JSON.readTree(s) : JSON.valueToTree(v);
    }

    private static HttpResponse<String> send(PathItem.HttpMethod method, String uri, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .header("Accept", APPLICATION_JSON);
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body != null) b.header("Content-Type", APPLICATION_JSON).method(method.name(), HttpRequest.BodyPublishers.ofString(body));
        else b.method(method.name(), HttpRequest.BodyPublishers.noBody());
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The answer has the example's shape: the same JSON types; objects with the example's fields, and no other but
     * null ones (a document drops an example's null values); an empty example object stands for any object, a null
     * for any value; each array element shaped like one of the example's elements (a ledger mixes claims and
     * applications).
     */
    public static void assertShape(JsonNode documented, JsonNode actual, String where) {
        if (documented == null || documented.isNull()) return;
        assertNotNull(actual, where + ": missing");
        if (actual.isNull()) return; // a nullable field without a value in this answer
        if (documented.isObject()) {
            assertTrue(actual.isObject(), where + ": an object, not " + actual);
            if (documented.isEmpty()) return;
            Set<String> extra = new TreeSet<>(names(actual));
            extra.removeAll(names(documented));
            extra.removeIf(name -> actual.get(name).isNull());
            assertEquals(Set.of(), extra, where + ": fields the example does not have");
            documented.fields().forEachRemaining(f -> assertShape(f.getValue(), actual.get(f.getKey()), where + "." + f.getKey()));
        } else if (documented.isArray()) {
            assertTrue(actual.isArray(), where + ": an array, not " + actual);
            if (documented.isEmpty()) return;
            int i = 0;
            for (JsonNode element : actual) {
                List<String> misses = new ArrayList<>();
                for (JsonNode candidate : documented) {
                    try {
                        assertShape(candidate, element, where + "[" + i + "]");
                        misses = null;
                        break;
                    } catch (AssertionError miss) {
                        misses.add(miss.getMessage());
                    }
                }
                if (misses != null) fail(where + "[" + i + "] is shaped like no element of the example: " + misses);
                i++;
            }
        } else if (documented.isNumber()) {
            assertTrue(actual.isNumber(), where + ": a number, not " + actual);
        } else if (documented.isTextual()) {
            assertTrue(actual.isTextual(), where + ": a string, not " + actual);
        } else if (documented.isBoolean()) {
            assertTrue(actual.isBoolean(), where + ": a boolean, not " + actual);
        } else {
            fail(where + ": cannot compare " + documented);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }

    /** {@code /v1/x/{id}} whatever the template's constraints ({@code {id:[0-9]+}} or {@code {+path}}). */
    static String normalize(String template) {
        return template.replaceAll("\\{[+#./;?&]?([A-Za-z0-9_]+)[^}]*}", "{$1}").replaceAll("/$", "");
    }

    /** The document's operationIds, by route. */
    public Map<String, String> operationIds() {
        Map<String, String> out = new LinkedHashMap<>();
        forEachOperation((m, p, op) -> out.put(m + " " + p, op.getOperationId()));
        return out;
    }
}
