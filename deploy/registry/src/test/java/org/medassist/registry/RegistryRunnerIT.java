package org.medassist.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Smoke test of the assembled runner jar (runs after {@code package}, in {@code integration-test}): it starts on
 * 127.0.0.1 with an H2 file database, answers the Confluent API, registers an Avro schema, and still has it after a
 * restart. The ccompat id is Apicurio's contentId.
 */
class RegistryRunnerIT {

    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Smoke\",\"namespace\":\"org.medassist.smoke\","
            + "\"fields\":[{\"name\":\"personId\",\"type\":\"string\"},{\"name\":\"amountFen\",\"type\":\"long\"}]}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void servesConfluentApiFromH2FileAcrossRestarts() throws Exception {
        Path jar = Path.of(System.getProperty("registry.runner.jar"));
        Path dataDir = Path.of(System.getProperty("registry.it.dir", "target/it-registry"));
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        String ccompat = base + "/apis/ccompat/v7";

        int id;
        Process p = start(jar, dataDir, port);
        try {
            long t0 = System.nanoTime();
            awaitReady(p, ccompat, dataDir);
            System.out.printf("[RegistryRunnerIT] first start ready in %d ms%n", (System.nanoTime() - t0) / 1_000_000);

            assertEquals("[]", get(ccompat + "/subjects").replace(" ", ""));
            String body = "{\"schema\":\"" + SCHEMA.replace("\"", "\\\"") + "\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ccompat + "/subjects/smoke-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            id = intField(r.body(), "id");
            // the ccompat id is Apicurio's contentId (what the serde writes with use-id=contentId)
            String meta = get(base + "/apis/registry/v2/groups/default/artifacts/smoke-value/meta");
            assertEquals(id, intField(meta, "contentId"), meta);
        } finally {
            stop(p);
        }
        assertTrue(Files.exists(dataDir.resolve("registry.mv.db")), "H2 file database in " + dataDir);

        Process again = start(jar, dataDir, port);
        try {
            long t0 = System.nanoTime();
            awaitReady(again, ccompat, dataDir);
            System.out.printf("[RegistryRunnerIT] restart ready in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertEquals("[\"smoke-value\"]", get(ccompat + "/subjects").replace(" ", ""));
            assertEquals(id, intField(get(ccompat + "/subjects/smoke-value/versions/latest"), "id"));
        } finally {
            stop(again);
        }
    }

    /**
     * Confluent's defaults (docs/schema-registry.md): the Confluent API reports BACKWARD globally; a subject without a
     * level of its own answers 404 40408 as Confluent does (the global level with defaultToGlobal=true); a new
     * version that cannot read the previous one's data is refused with 409, a compatible evolution is accepted; a
     * subject's own level, once set, is reported as set.
     */
    @Test
    void compatibilityIsBackwardAsInConfluentSchemaRegistry() throws Exception {
        Path jar = Path.of(System.getProperty("registry.runner.jar"));
        Path dataDir = Path.of(System.getProperty("registry.it.dir", "target/it-registry") + "-compat");
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        int port = freePort();
        String ccompat = "http://127.0.0.1:" + port + "/apis/ccompat/v7";
        Process p = start(jar, dataDir, port);
        try {
            awaitReady(p, ccompat, dataDir);
            assertEquals("{\"compatibilityLevel\":\"BACKWARD\"}", get(ccompat + "/config").replace(" ", ""));

            assertEquals(200, register(ccompat, "claims-value", SCHEMA).statusCode());
            HttpResponse<String> own = send(ccompat + "/config/claims-value", "GET", null);
            assertEquals(404, own.statusCode(), own.body());
            assertEquals(40408, intField(own.body(), "error_code"), own.body());
            assertEquals("{\"compatibilityLevel\":\"BACKWARD\"}",
                    get(ccompat + "/config/claims-value?defaultToGlobal=true").replace(" ", ""));

            // a new required field without a default: the new schema cannot read old data
            String incompatible = SCHEMA.replace("]}", ",{\"name\":\"hospitalId\",\"type\":\"string\"}]}");
            HttpResponse<String> refused = register(ccompat, "claims-value", incompatible);
            assertEquals(409, refused.statusCode(), refused.body());
            assertEquals("[1]", get(ccompat + "/subjects/claims-value/versions").replace(" ", ""));
            // with a default it can: accepted as version 2
            String compatible = SCHEMA.replace("]}", ",{\"name\":\"hospitalId\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
            HttpResponse<String> accepted = register(ccompat, "claims-value", compatible);
            assertEquals(200, accepted.statusCode(), accepted.body());
            assertEquals("[1,2]", get(ccompat + "/subjects/claims-value/versions").replace(" ", ""));

            HttpResponse<String> set = send(ccompat + "/config/claims-value", "PUT", "{\"compatibility\":\"FULL\"}");
            assertEquals(200, set.statusCode(), set.body());
            assertEquals("{\"compatibilityLevel\":\"FULL\"}", get(ccompat + "/config/claims-value").replace(" ", ""));
            assertEquals("{\"compatibilityLevel\":\"BACKWARD\"}", get(ccompat + "/config").replace(" ", ""));
        } finally {
            stop(p);
        }
    }

    private HttpResponse<String> register(String ccompat, String subject, String schema) throws Exception {
        return send(ccompat + "/subjects/" + subject + "/versions", "POST",
                "{\"schema\":\"" + schema.replace("\"", "\\\"") + "\"}");
    }

    private HttpResponse<String> send(String url, String method, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private Process start(Path jar, Path dataDir, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-Dquarkus.log.level=WARN",
                "-jar", jar.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("registry.log").toFile()));
        pb.environment().put("REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry"));
        return pb.start();
    }

    private void awaitReady(Process p, String ccompat, Path dataDir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), () -> "registry exited: " + log(dataDir));
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(ccompat + "/subjects")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("registry not ready: " + log(dataDir));
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + " -> " + r.body());
        return r.body();
    }

    private static int intField(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return Integer.parseInt(m.group(1));
    }

    private static String log(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("registry.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }
}
