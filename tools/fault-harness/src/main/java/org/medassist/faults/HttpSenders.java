package org.medassist.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.medassist.events.Department;
import org.medassist.schemas.http.Endpoint;

/**
 * Who posts each line in the HTTP mode, with which bearer token (docs/security.md, "Principals and scopes"): a
 * department its identity events, a hospital its claims and reversals (by the line's {@code hospitalId}), a city's
 * agency its applications and year closes, the administrator the parameters. Each principal gets a random token for
 * the run; the services get only the tokens' SHA-256, through a tokens file, as in production.
 *
 * <p>A line whose sender cannot be told (a department that does not exist, no hospitalId, a region no valid line
 * names) goes with the administrator's token, which may post none of those: the service refuses it with 403, as it
 * would refuse a sender without the right token.
 */
final class HttpSenders {
    /** Where a line goes and whose token goes with it; the token also tells requests of different senders apart. */
    record Sender(Endpoint endpoint, String token) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> departments = new LinkedHashMap<>();
    private final Map<String, String> hospitals = new LinkedHashMap<>();
    private final Map<String, String> agencies = new LinkedHashMap<>();
    private final String admin = token();

    private HttpSenders() {}

    /** A principal for each department, each hospital and each region the file's valid lines name, and the administrator. */
    static HttpSenders forFile(EventFile file) {
        HttpSenders s = new HttpSenders();
        for (Department d : Department.values()) s.departments.put(d.name(), token());
        try (BufferedReader in = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
            String text;
            for (int n = 1; (text = in.readLine()) != null; n++) {
                EventFile.Line l = file.line(n);
                if (l.kind() != EventFile.Kind.VALID) continue;
                JsonNode e = JSON.readTree(text);
                switch (l.type()) {
                    case "claim", "claim_reversal" -> s.hospitals.computeIfAbsent(e.path("hospitalId").asText(), h -> token());
                    case "application", "year_close" -> s.agencies.computeIfAbsent(e.path("region").asText(), r -> token());
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
        return s;
    }

    /** The sender of one line (its JSON, or null when it is not JSON), or empty for a type no endpoint takes. */
    Optional<Sender> of(String type, JsonNode e) {
        Endpoint endpoint;
        try {
            endpoint = Endpoint.forType(type);
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
        if (e == null) return Optional.of(new Sender(endpoint, admin));
        String token = switch (endpoint) {
            case IDENTITY_EVENTS -> departments.get(e.path("department").asText());
            case CLAIMS, CLAIM_REVERSALS -> hospitals.get(e.path("hospitalId").asText());
            case APPLICATIONS, YEAR_CLOSES -> agencies.get(e.path("region").asText());
            case PARAMETERS -> admin;
        };
        return Optional.of(new Sender(endpoint, token == null ? admin : token));
    }

    /**
     * Writes the tokens file the services read ({@code medassist.auth.tokens-file}): the principals with the SHA-256 of
     * their tokens. JSON, which the services' YAML reader takes as it is.
     */
    void writeTokensFile(Path file) {
        ObjectNode principals = JSON.createObjectNode();
        departments.forEach((d, t) -> entry(principals, "department-" + d.replace('_', '-'), "department", d, "*", t));
        int i = 0;
        for (Map.Entry<String, String> h : hospitals.entrySet()) entry(principals, "hospital-" + (++i), "hospital", h.getKey(), "*", h.getValue());
        for (Map.Entry<String, String> a : agencies.entrySet()) entry(principals, "agency-" + (++i), "agency", a.getKey(), a.getKey(), a.getValue());
        entry(principals, "admin", "admin", "faults", "*", admin);
        ObjectNode root = JSON.createObjectNode();
        root.set("principals", principals);
        try {
            Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void entry(ObjectNode principals, String label, String kind, String name, String region, String token) {
        ObjectNode p = principals.putObject(label);
        p.put("kind", kind);
        p.put("name", name);
        p.putArray("regions").add(region);
        p.put("token-sha256", HexFormat.of().formatHex(sha256(token)));
    }

    private static String token() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
