package org.medassist.settlement.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.eligibility.EligibilityApplication;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.settlement.SettlementApplication;
import org.medassist.settlement.http.ServicesForTests;

/**
 * The Grafana dashboard in deploy/grafana cannot drift from the services: with both services running on the test
 * broker and registry, and an identity and a claim sent over HTTP (Jiangyin Ex 22's inpatient stay: 70% of
 * 10,000.00 = 700,000 fen), every metric name in every PromQL expression of the dashboard (and in its variables'
 * queries) is one that /prometheus of one of the services exposes. The same scrape shows that the exposed names
 * follow Prometheus' naming conventions (docs/operations.md, "Metrics"), Kafka's own {@code kafka_*} metrics aside.
 */
@ExtendWith(KafkaTestEnvironment.class)
class GrafanaDashboardTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path DASHBOARD = Path.of("deploy/grafana/medassist-services.json");

    @Test
    void everyMetricOfTheDashboardIsExposedAndNamedByTheConventions(KafkaTestEnvironment.Environment env) throws Exception {
        JsonNode dashboard = JSON.readTree(repositoryRoot().resolve(DASHBOARD).toFile());
        Map<String, Set<String>> used = dashboardMetrics(dashboard); // metric -> panels

        String hospital = "H-METRICS";
        Map<String, Object> ep = ServicesForTests.common(env, "eligibility-metrics", Set.of(hospital));
        ep.put("medassist.settlement.enabled", false);
        Map<String, Object> sp = ServicesForTests.common(env, "settlement-metrics", Set.of(hospital));
        sp.put("medassist.eligibility.enabled", false);
        try (ApplicationContext eligibility = EligibilityApplication.start(ep);
             ApplicationContext settlement = SettlementApplication.start(sp)) {
            String e = ServicesForTests.base(eligibility), s = ServicesForTests.base(settlement);
            ServicesForTests.awaitUp(e);
            ServicesForTests.awaitUp(s);
            assertEquals(202, post(e + "/v1/identity-events", "token-civil_affairs", "[{\"type\":\"identity\",\"eventId\":\"METRICS-e1\","
                    + "\"personId\":\"METRICS-P1\",\"region\":\"jiangyin\",\"department\":\"civil_affairs\",\"identity\":\"minimum_living\","
                    + "\"action\":\"grant\",\"effectiveDate\":\"2023-01-01\",\"attributes\":{}}]").statusCode());
            assertEquals(202, post(s + "/v1/claims", "token-" + hospital, "[{\"type\":\"claim\",\"claimId\":\"METRICS-c4\","
                    + "\"personId\":\"METRICS-P1\",\"region\":\"jiangyin\",\"hospitalId\":\"" + hospital + "\",\"hospitalLevel\":\"tertiary\","
                    + "\"kind\":\"inpatient\",\"admissionDate\":\"2023-05-01\",\"dischargeDate\":\"2023-05-10\",\"location\":\"in_city\","
                    + "\"referred\":true,\"hardship\":false,\"diseaseGroup\":null,\"specialDiseaseRegistered\":false,\"amounts\":{"
                    + "\"total\":\"10000.00\",\"outOfScope\":\"0.00\",\"policyScope\":\"10000.00\",\"basicInsurance\":\"0.00\","
                    + "\"criticalIllness\":\"0.00\",\"otherInsurance\":\"0.00\"}}]").statusCode());

            // the claim's money reaches the counter: settled at 0 and adjusted when read before the identity (E1)
            String paid = "medassist_assistance_paid_fen_total{kind=\"assistance\",region=\"jiangyin\"} 700000.0";
            String settlementScrape = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline && !settlementScrape.contains(paid)) {
                Thread.sleep(500);
                settlementScrape = get(s + "/prometheus");
            }
            assertTrue(settlementScrape.contains(paid), "no " + paid + " in 90 s:\n" + grep(settlementScrape, "medassist_"));
            String eligibilityScrape = get(e + "/prometheus");

            Map<String, String> exposed = new TreeMap<>(); // sample name -> service
            samples(eligibilityScrape).forEach(n -> exposed.put(n, "eligibility-service"));
            samples(settlementScrape).forEach(n -> exposed.merge(n, "settlement-service", (a, b) -> a + ", " + b));

            Map<String, Set<String>> missing = new TreeMap<>(used);
            missing.keySet().removeAll(exposed.keySet());
            assertEquals(Map.of(), missing, "metrics the dashboard queries that no service exposes (metric -> panels)");
            System.out.printf("[GrafanaDashboardTest] %d panels' metrics all exposed: %s%n", used.values().stream()
                    .flatMap(Set::stream).distinct().count(), used.keySet());

            List<String> wrong = new ArrayList<>();
            wrong.addAll(conventionProblems(eligibilityScrape, "eligibility-service"));
            wrong.addAll(conventionProblems(settlementScrape, "settlement-service"));
            assertEquals(List.of(), wrong, "names against Prometheus' naming conventions");
        }
    }

    /** The dashboard's parser meets the forms the dashboard uses. */
    @Test
    void promqlMetricNames() {
        assertEquals(Set.of("a_total"), metricNames("sum by (status) (rate(a_total{job=~\"$job\", status=\"x{y}\"}[$__rate_interval]))"));
        assertEquals(Set.of("b_bucket"), metricNames("histogram_quantile(0.95, sum by (le, uri) (rate(b_bucket{uri=~\"/v1/.*\"}[5m])))"));
        assertEquals(Set.of("c", "d_bytes"), metricNames("max by (job) (c) / 1000 + on(job) group_left(area) d_bytes offset 5m"));
        assertEquals(Set.of("e_state"), metricNames("label_values(e_state, job)"));
    }

    static Map<String, Set<String>> dashboardMetrics(JsonNode dashboard) {
        Map<String, Set<String>> out = new TreeMap<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            panels.add(p);
            p.path("panels").forEach(panels::add); // a collapsed row holds its panels
        });
        int queries = 0;
        for (JsonNode panel : panels) {
            if (panel.path("type").asText().equals("row")) continue;
            String title = panel.path("title").asText();
            assertFalse(panel.path("targets").isEmpty(), "panel without a query: " + title);
            for (JsonNode target : panel.path("targets")) {
                Set<String> names = metricNames(target.path("expr").asText());
                assertFalse(names.isEmpty(), title + ": no metric in " + target);
                for (String n : names) out.computeIfAbsent(n, k -> new TreeSet<>()).add(title);
                queries++;
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            JsonNode q = variable.path("query");
            String query = q.isTextual() ? q.asText() : q.path("query").asText();
            for (String n : metricNames(query)) out.computeIfAbsent(n, k -> new TreeSet<>()).add("$" + variable.path("name").asText());
        }
        assertTrue(queries >= 10, "the dashboard's queries: " + queries);
        return out;
    }

    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "offset", "bool", "inf", "nan");
    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?");

    /** The metric names of a PromQL expression (or a Grafana {@code label_values(metric, label)}). */
    static Set<String> metricNames(String expr) {
        Set<String> out = new TreeSet<>();
        Matcher lv = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(expr);
        if (lv.find()) {
            out.add(lv.group(1));
            return out;
        }
        String e = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // string literals
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^]]*]", " ") // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " "); // label lists
        Matcher m = IDENT.matcher(e);
        while (m.find()) {
            if (m.group(1) != null) continue; // a function
            String word = m.group().trim();
            if (m.start() > 0 && Character.isDigit(e.charAt(m.start() - 1))) continue; // 5m, 1e3
            if (!PROMQL_WORDS.contains(word.toLowerCase())) out.add(word);
        }
        return out;
    }

    /** Sample names of a Prometheus text scrape. */
    static Set<String> samples(String scrape) {
        Set<String> out = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') end++;
            out.add(line.substring(0, end));
        }
        return out;
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern NON_BASE_UNIT = Pattern.compile(
            "_(ns|nanoseconds|us|microseconds|ms|milliseconds|minutes|hours|days|kb|kilobytes|mb|megabytes|percent)(_|$)");

    /**
     * Prometheus' conventions (prometheus.io/docs/practices/naming) on what a service exposes, Kafka's client
     * metrics ({@code kafka_*}, named by Kafka, durations in ms) aside: lower-case snake case; counters end in
     * {@code _total} and nothing else does; units are base units and come last ({@code _seconds}, {@code _bytes});
     * timers and distributions name their unit; the project's metrics are under {@code medassist_}.
     */
    static List<String> conventionProblems(String scrape, String service) {
        List<String> out = new ArrayList<>();
        Map<String, String> types = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] f = line.split(" ");
                types.put(f[2], f[3]);
            }
        }
        for (Map.Entry<String, String> t : types.entrySet()) {
            String name = t.getKey(), type = t.getValue();
            if (name.startsWith("kafka_")) continue;
            String where = service + ": " + name + " (" + type + ")";
            if (!NAME.matcher(name).matches()) out.add(where + " is not lower-case snake case");
            if (type.equals("counter") != name.endsWith("_total")) {
                out.add(where + (type.equals("counter") ? " is a counter without _total" : " ends in _total but is no counter"));
            }
            if (NON_BASE_UNIT.matcher(name).find()) out.add(where + " names a unit that is not a base unit");
            if ((type.equals("histogram") || type.equals("summary"))
                    && !(name.endsWith("_seconds") || name.endsWith("_bytes") || name.endsWith("_fen"))) {
                out.add(where + " does not name its unit");
            }
            boolean ours = name.startsWith("medassist_");
            boolean known = ours || name.matches("(jvm|process|system|http_server|executor|logback)_.*");
            if (!known) out.add(where + " is neither the project's (medassist_) nor a known library's");
        }
        for (String sample : samples(scrape)) {
            if (sample.startsWith("medassist_") && sample.contains("_ms")) out.add(service + ": " + sample + " in ms");
        }
        return out;
    }

    private static String grep(String scrape, String prefix) {
        StringBuilder b = new StringBuilder();
        for (String line : scrape.split("\n")) if (line.startsWith(prefix)) b.append(line).append('\n');
        return b.toString();
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(DASHBOARD))) return dir;
        }
        throw new IllegalStateException(DASHBOARD + " not found above " + Path.of("").toAbsolutePath());
    }

    static HttpResponse<String> post(String url, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        return r.body();
    }
}
