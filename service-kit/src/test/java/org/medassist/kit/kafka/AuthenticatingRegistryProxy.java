package org.medassist.kit.kafka;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.medassist.embeddedkafka.TlsMaterial;

/**
 * The registry as deploy/production puts it (docs/security.md "Schema registry"): behind a TLS front that asks for
 * HTTP basic credentials and lets the services only read. A service user may GET and run the content searches a
 * producer with auto-registration off makes (Apicurio v2 {@code POST …/artifacts/{id}/meta}, v3
 * {@code POST /search/versions}, ccompat {@code POST /subjects/{subject}}); the schema administrator may do anything.
 * As deploy/production/registry-proxy.conf, in Java, in front of the test registry, on 127.0.0.1.
 */
final class AuthenticatingRegistryProxy implements AutoCloseable {
    static final List<Pattern> READ_ONLY_POSTS = List.of(
            Pattern.compile("^/apis/registry/v2/groups/[^/]+/artifacts/[^/]+/meta$"),
            Pattern.compile("^/apis/registry/v3/search/versions$"),
            Pattern.compile("^/apis/ccompat/v7/subjects/[^/]+$"));

    private final HttpsServer server;
    private final String upstream;
    private final Map<String, String> readers;
    private final Map<String, String> admins;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Every request that reached the registry: "user METHOD path". */
    final List<String> forwarded = new CopyOnWriteArrayList<>();

    /**
     * @param upstreamBase the registry's base URL, {@code http://127.0.0.1:PORT}
     * @param readers      service users and passwords (read only)
     * @param admins       schema administrators and passwords
     */
    AuthenticatingRegistryProxy(TlsMaterial tls, String upstreamBase, Map<String, String> readers, Map<String, String> admins)
            throws Exception {
        this.upstream = upstreamBase;
        this.readers = readers;
        this.admins = admins;
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.localhostKeyStore("registry"))) {
            ks.load(in, tls.password().toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, tls.password().toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() { return "https://localhost:" + server.getAddress().getPort(); }

    String registryUrl() { return baseUrl() + "/apis/registry/v2"; }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String user = authenticate(ex.getRequestHeaders().getFirst("Authorization"));
            if (user == null) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"schema registry\"");
                reply(ex, 401, "{\"error_code\":401,\"message\":\"authentication required\"}");
                return;
            }
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = ex.getRequestURI().getRawPath();
            boolean read = method.equals("GET") || method.equals("HEAD")
                    || (method.equals("POST") && READ_ONLY_POSTS.stream().anyMatch(p -> p.matcher(path).matches()));
            if (!read && !admins.containsKey(user)) {
                reply(ex, 403, "{\"error_code\":403,\"message\":\"" + user + " may not " + method + " " + path + "\"}");
                return;
            }
            forwarded.add(user + " " + method + " " + path);
            byte[] body = ex.getRequestBody().readAllBytes();
            String query = ex.getRequestURI().getRawQuery();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + path + (query == null ? "" : "?" + query)))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((name, values) -> {
                String n = name.toLowerCase(Locale.ROOT);
                if (n.equals("content-type") || n.equals("accept") || n.startsWith("x-registry")) {
                    for (String v : values) b.header(name, v);
                }
            });
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().add("Content-Type", v));
            ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            if (r.body().length > 0) ex.getResponseBody().write(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String authenticate(String header) {
        if (header == null || !header.startsWith("Basic ")) return null;
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) return null;
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        if (password.equals(readers.get(user)) || password.equals(admins.get(user))) return user;
        return null;
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
