package org.medassist.kit.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.medassist.events.Department;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Maps bearer tokens to principals, from the {@link TokenEntry} configuration and the optional tokens file
 * ({@code medassist.auth.tokens-file}). Tokens are compared by their SHA-256, so the table never holds a token.
 *
 * <p>Start-up fails, naming the entry, on: an unknown kind; a department that does not exist; missing
 * {@code regions} (or, where the service has a {@link RegionCatalog}, a region it does not know); not exactly one of
 * {@code token} and {@code token-sha256}; two entries with the same token; and, outside the {@code dev} environment,
 * any plain-text {@code token} (a {@code dev-only-…} one says so). docs/security.md, "Tokens".
 *
 * <p>The tokens file is read again when its content changes (looked at no more often than
 * {@code medassist.auth.tokens-file-check}, default 5 s), so a token is added, rotated or revoked without a rebuild
 * or a restart. A file that no longer reads keeps the previous table and is logged at ERROR until it is fixed.
 */
@Context // built at start-up, so a bad token entry stops the start
public class TokenAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticator.class);
    private static final String BEARER = "bearer ";
    public static final String TOKENS_FILE_PROPERTY = "medassist.auth.tokens-file";
    /** The prefix of the shipped development tokens (application-dev.yml): refused outside {@code dev}. */
    public static final String DEV_ONLY_PREFIX = "dev-only";

    /**
     * @param dev          whether the {@code dev} environment is active (plain-text tokens allowed)
     * @param knownRegions the regions a principal may name; null when the service has no catalog
     * @param tokensFile   the tokens file, or null
     * @param checkEvery   how often at most the tokens file is looked at for a change
     */
    public record Settings(boolean dev, Set<String> knownRegions, Path tokensFile, Duration checkEvery) {
        public static Settings development() { return new Settings(true, null, null, Duration.ofSeconds(5)); }
    }

    private final List<TokenEntry> configured;
    private final Settings settings;
    private volatile Map<String, ApiPrincipal> byTokenHash;
    private volatile long nextCheck;
    private String fileDigest;
    private String failedDigest;

    @Inject
    public TokenAuthenticator(List<TokenEntry> entries, Environment environment, @Nullable RegionCatalog catalog,
                              @Nullable @Value("${" + TOKENS_FILE_PROPERTY + ":}") String tokensFile,
                              @Value("${medassist.auth.tokens-file-check:5s}") Duration checkEvery) {
        this(entries, new Settings(isDev(environment), catalog == null ? null : Set.copyOf(catalog.regions()),
                tokensFile == null || tokensFile.isBlank() ? null : Path.of(tokensFile.trim()), checkEvery));
    }

    /** Development settings: plain tokens allowed, no catalog, no file (tests). */
    public TokenAuthenticator(List<TokenEntry> entries) {
        this(entries, Settings.development());
    }

    public TokenAuthenticator(List<TokenEntry> entries, Settings settings) {
        this.configured = List.copyOf(entries);
        this.settings = settings;
        String digest = null;
        List<TokenEntry> fromFile = List.of();
        if (settings.tokensFile() != null) {
            byte[] bytes = readFile(settings.tokensFile());
            digest = digest(bytes);
            fromFile = parseFile(settings.tokensFile(), bytes);
        }
        this.byTokenHash = table(configured, fromFile, settings);
        this.fileDigest = digest;
        this.nextCheck = System.nanoTime() + settings.checkEvery().toNanos();
        if (byTokenHash.isEmpty()) LOG.warn("No bearer tokens configured ({}.*): every protected request gets 401", TokenEntry.PREFIX);
        else LOG.info("{} bearer tokens configured{}{}", byTokenHash.size(), settings.tokensFile() == null ? ""
                : " (with the tokens file " + settings.tokensFile() + ")", settings.dev() ? "; dev environment: plain-text tokens allowed" : "");
    }

    /** Whether the {@code dev} environment is active (Micronaut's {@link Environment#DEVELOPMENT}). */
    public static boolean isDev(Environment environment) {
        return environment != null && environment.getActiveNames().contains(Environment.DEVELOPMENT);
    }

    /** The principal of an {@code Authorization: Bearer <token>} header value; empty when missing or unknown. */
    public Optional<ApiPrincipal> authenticate(String authorizationHeader) {
        reloadIfChanged();
        if (authorizationHeader == null) return Optional.empty();
        String h = authorizationHeader.trim();
        if (h.length() <= BEARER.length() || !h.regionMatches(true, 0, BEARER, 0, BEARER.length())) return Optional.empty();
        String token = h.substring(BEARER.length()).trim();
        if (token.isEmpty()) return Optional.empty();
        return Optional.ofNullable(byTokenHash.get(sha256(token)));
    }

    public int size() { return byTokenHash.size(); }

    /**
     * Reads the tokens file again if its content changed since it was last read (at most once per
     * {@code checkEvery}); true when the table was replaced.
     */
    public boolean reloadIfChanged() {
        Path file = settings.tokensFile();
        if (file == null || System.nanoTime() < nextCheck) return false;
        synchronized (this) {
            if (System.nanoTime() < nextCheck) return false;
            nextCheck = System.nanoTime() + settings.checkEvery().toNanos();
            String digest = null;
            try {
                byte[] bytes = readFile(file);
                digest = digest(bytes);
                if (digest.equals(fileDigest) || digest.equals(failedDigest)) return false;
                Map<String, ApiPrincipal> next = table(configured, parseFile(file, bytes), settings);
                byTokenHash = next;
                fileDigest = digest;
                LOG.info("Tokens file {} changed: {} bearer tokens now", file, next.size());
                return true;
            } catch (IllegalStateException e) {
                if (digest != null) failedDigest = digest; // said once per content, not at every look
                LOG.error("Tokens file {} not applied, the previous tokens stay in force: {}", file, e.getMessage());
                return false;
            }
        }
    }

    /** SHA-256 of the token's UTF-8 bytes in lower-case hex: what {@code token-sha256} holds. */
    public static String sha256(String token) {
        return HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, ApiPrincipal> table(List<TokenEntry> configured, List<TokenEntry> fromFile, Settings s) {
        Map<String, ApiPrincipal> m = new HashMap<>();
        Map<String, String> whereByHash = new HashMap<>();
        for (TokenEntry e : configured) add(m, whereByHash, TokenEntry.PREFIX + "." + e.getLabel(), e, s);
        for (TokenEntry e : fromFile) add(m, whereByHash, s.tokensFile() + ": principals." + e.getLabel(), e, s);
        return Map.copyOf(m);
    }

    private static void add(Map<String, ApiPrincipal> m, Map<String, String> whereByHash, String where, TokenEntry e, Settings s) {
        PrincipalKind kind;
        try {
            kind = PrincipalKind.parse(e.getKind());
        } catch (IllegalArgumentException ex) {
            throw new IllegalStateException(where + ".kind: " + ex.getMessage());
        }
        if (e.getName() == null || e.getName().isBlank()) throw new IllegalStateException(where + ".name is missing");
        String name = e.getName().trim();
        if (kind == PrincipalKind.DEPARTMENT) {
            try {
                Department.valueOf(name);
            } catch (IllegalArgumentException ex) {
                throw new IllegalStateException(where + ".name: " + name + " is not a department (one of "
                        + List.of(Department.values()) + ")");
            }
        }
        Set<String> regions = regions(where, e.getRegions(), s.knownRegions());
        boolean plain = e.getToken() != null && !e.getToken().isBlank();
        boolean hashed = e.getTokenSha256() != null && !e.getTokenSha256().isBlank();
        if (plain == hashed) throw new IllegalStateException(where + ": set exactly one of token and token-sha256");
        if (plain && !s.dev()) {
            if (e.getToken().trim().startsWith(DEV_ONLY_PREFIX)) {
                throw new IllegalStateException(where + ".token is a development-only token (" + DEV_ONLY_PREFIX
                        + "-…), accepted only in the dev environment (MICRONAUT_ENVIRONMENTS=dev); configure this "
                        + "principal's own token as token-sha256 (docs/security.md, Tokens)");
            }
            throw new IllegalStateException(where + ".token: a plain-text token is accepted only in the dev environment; "
                    + "configure token-sha256, the SHA-256 of the token in hex (docs/security.md, Tokens)");
        }
        String hash = plain ? sha256(e.getToken().trim()) : e.getTokenSha256().trim().toLowerCase(Locale.ROOT);
        if (!hash.matches("[0-9a-f]{64}")) throw new IllegalStateException(where + ".token-sha256 is not 64 hex digits");
        ApiPrincipal previous = m.put(hash, new ApiPrincipal(kind, name, e.getLabel(), regions));
        if (previous != null) throw new IllegalStateException(where + " has the same token as " + whereByHash.get(hash));
        whereByHash.put(hash, where);
    }

    private static Set<String> regions(String where, List<String> configured, Set<String> known) {
        List<String> values = new ArrayList<>();
        if (configured != null) {
            for (String v : configured) {
                if (v == null) continue;
                for (String part : v.split(",")) if (!part.isBlank()) values.add(part.trim());
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException(where + ".regions is missing: list the regions this principal acts for"
                    + (known == null ? "" : " (of " + new java.util.TreeSet<>(known) + ")") + ", or \"*\" for every region");
        }
        if (values.contains(ApiPrincipal.ALL_REGIONS)) {
            if (values.size() > 1) throw new IllegalStateException(where + ".regions: \"*\" stands alone");
            return Set.of(ApiPrincipal.ALL_REGIONS);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String r : values) {
            if (!r.matches("[a-z0-9][a-z0-9_-]*")) {
                throw new IllegalStateException(where + ".regions: \"" + r + "\" is not a region key (lower case, digits, - and _)");
            }
            if (known != null && !known.contains(r)) {
                throw new IllegalStateException(where + ".regions: " + r + " is not a region of the policy catalog "
                        + new java.util.TreeSet<>(known));
            }
            out.add(r);
        }
        return out;
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(TOKENS_FILE_PROPERTY + ": cannot read " + file + ": " + e);
        }
    }

    /**
     * The tokens file: YAML, {@code principals: {<label>: {kind, name, regions, token-sha256}}}, the form of
     * {@code medassist.auth.principals}.
     */
    static List<TokenEntry> parseFile(Path file, byte[] bytes) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + ": not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null) return List.of();
        if (!(root instanceof Map<?, ?> top) || !top.keySet().equals(Set.of("principals"))) {
            throw new IllegalStateException(file + ": must hold one key, principals (a map of label → entry)");
        }
        Object principals = top.get("principals");
        if (principals == null) return List.of();
        if (!(principals instanceof Map<?, ?> byLabel)) throw new IllegalStateException(file + ": principals must be a map of label → entry");
        List<TokenEntry> out = new ArrayList<>();
        for (Map.Entry<?, ?> le : byLabel.entrySet()) {
            String label = String.valueOf(le.getKey());
            String where = file + ": principals." + label;
            if (!(le.getValue() instanceof Map<?, ?> fields)) throw new IllegalStateException(where + " must be a map");
            TokenEntry e = new TokenEntry(label);
            for (Map.Entry<?, ?> f : fields.entrySet()) {
                String key = String.valueOf(f.getKey());
                Object v = f.getValue();
                switch (key) {
                    case "kind" -> e.setKind(text(v));
                    case "name" -> e.setName(text(v));
                    case "token" -> e.setToken(text(v));
                    case "token-sha256" -> e.setTokenSha256(text(v));
                    case "regions" -> e.setRegions(v instanceof List<?> l ? l.stream().map(TokenAuthenticator::text).toList()
                            : v == null ? null : List.of(text(v)));
                    default -> throw new IllegalStateException(where + "." + key + " is not a field (kind, name, regions, token-sha256, token)");
                }
            }
            out.add(e);
        }
        return out;
    }

    private static String text(Object v) { return v == null ? null : String.valueOf(v); }

    private static String digest(byte[] bytes) { return HexFormat.of().formatHex(sha256(bytes)); }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
