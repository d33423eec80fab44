package org.medassist.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.medassist.events.Department;
import org.medassist.simulator.Principal;

/**
 * The bearer tokens of the local run, read from {@code org/medassist/launcher/tokens.properties} (the one config
 * file) and optionally a {@code --tokens} file whose lines win. The same tokens configure the services and
 * authorise the synthetic stream's posts.
 */
public final class Tokens {

    private static final String RESOURCE = "/org/medassist/launcher/tokens.properties";
    private final Properties props;

    private Tokens(Properties props) {
        this.props = props;
    }

    /** The built-in tokens, overridden line by line by {@code override} when it is not null. */
    public static Tokens load(Path override) {
        Properties p = new Properties();
        try (InputStream in = Tokens.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the launcher jar");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (override != null) {
            try (Reader r = Files.newBufferedReader(override, StandardCharsets.UTF_8)) {
                Properties o = new Properties();
                o.load(r);
                p.putAll(o);
            } catch (IOException e) {
                throw new LaunchException("cannot read the tokens file " + override + ": " + e.getMessage());
            }
        }
        return new Tokens(p);
    }

    /** The token {@code principal} sends with its events. */
    public String of(Principal principal) {
        switch (principal.kind()) {
            case DEPARTMENT:
                return required("department." + principal.name());
            case HOSPITAL:
                return hospital(principal.name());
            case AGENCY:
                return agency(principal.name());
            case ADMIN:
                return required("admin");
            default:
                throw new IllegalArgumentException(principal.toString());
        }
    }

    /** Department name ({@code civil_affairs}, ...) → token. */
    public Map<String, String> departments() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Department d : Department.values()) m.put(d.name(), required("department." + d.name()));
        return m;
    }

    /** Hospital id → token, for the given hospitals and for every hospital with its own {@code hospital.<id>} line. */
    public Map<String, String> hospitals(List<String> hospitalIds) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String id : hospitalIds) m.put(id, hospital(id));
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            if (key.startsWith("hospital.") && !key.equals("hospital.*")) m.putIfAbsent(key.substring("hospital.".length()), hospital(key.substring("hospital.".length())));
        }
        return m;
    }

    /** The token of a city's assistance agency (applications, year closes). */
    public String agency(String region) {
        return pattern("agency", region);
    }

    public String admin() {
        return required("admin");
    }

    /** The dashboard's reader token: bin/run opens the page with it (docs/local-run.md). */
    public String reader() {
        return required("reader");
    }

    private String hospital(String id) {
        return pattern("hospital", id);
    }

    /** {@code <kind>.<id>} if set, else {@code <kind>.*} with {@code {id}} replaced. */
    private String pattern(String kind, String id) {
        String own = props.getProperty(kind + "." + id);
        if (own != null && !own.isBlank()) return own.trim();
        return required(kind + ".*").replace("{id}", id);
    }

    private String required(String key) {
        String v = props.getProperty(key);
        if (v == null || v.isBlank()) throw new LaunchException("no token for \"" + key + "\" in the tokens configuration");
        return v.trim();
    }
}
