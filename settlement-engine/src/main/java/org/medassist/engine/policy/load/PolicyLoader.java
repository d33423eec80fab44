package org.medassist.engine.policy.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;

/**
 * Finds, loads and validates policy files. A catalog holds every region directory it finds: the ones shipped on the
 * class path under {@code policies/<region>/policy.yaml}, then those of an operator's directory laid out the same
 * way, which add regions or replace shipped ones. No list of regions exists in code: a new city is a new directory.
 * Every rule must carry its source; unknown keys, identities, classes or pools are refused with the file and key path.
 */
public final class PolicyLoader {
    /** The class-path directory that holds one directory per region. */
    public static final String CLASSPATH_DIR = "policies";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PolicyLoader() {}

    /** The shipped policies only. */
    public static PolicyCatalog bundled() { return catalog(null); }

    /** The shipped policies, with those of {@code operatorDir} (may be null) added or replacing them by region. */
    public static PolicyCatalog catalog(Path operatorDir) { return load(sources(operatorDir)); }

    public static PolicyCatalog load(List<PolicySource> sources) {
        List<RegionPolicy> out = new ArrayList<>();
        for (PolicySource s : sources) out.add(load(s));
        return new PolicyCatalog(out);
    }

    public static RegionPolicy load(PolicySource source) {
        String file = source.describe(PolicySource.POLICY);
        RegionPolicy p = load(file, new ByteArrayInputStream(source.policy().getBytes(StandardCharsets.UTF_8)));
        if (!p.region().equals(source.region())) {
            throw new PolicyFileException(file + ": region is \"" + p.region() + "\" but the file is in directory \""
                    + source.region() + "\"; they must be the same");
        }
        return p;
    }

    public static RegionPolicy load(String file, InputStream in) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new PolicyFileException(file + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) throw new PolicyFileException(file + ": empty file");
        return new PolicyReader(new YamlNode(file, "", root)).read();
    }

    /** The region directories of a catalog, sorted by region: shipped ones, then the operator's over them. */
    public static List<PolicySource> sources(Path operatorDir) {
        Map<String, PolicySource> byRegion = new TreeMap<>();
        for (PolicySource s : classpathSources()) byRegion.putIfAbsent(s.region(), s); // first on the class path wins
        if (operatorDir != null) for (PolicySource s : directorySources(operatorDir)) byRegion.put(s.region(), s);
        if (byRegion.isEmpty()) throw new PolicyFileException("no policy files found (expected <region>/policy.yaml)");
        return List.copyOf(byRegion.values());
    }

    /** Every {@code <region>/policy.yaml} directly under {@code dir}. */
    public static List<PolicySource> directorySources(Path dir) {
        if (!Files.isDirectory(dir)) throw new PolicyFileException(dir + ": not a directory of policies");
        List<PolicySource> out = regionDirectories(dir, dir.toString());
        if (out.isEmpty()) throw new PolicyFileException(dir + ": holds no <region>/policy.yaml");
        return out;
    }

    private static List<PolicySource> classpathSources() {
        List<PolicySource> out = new ArrayList<>();
        Enumeration<URL> roots;
        try {
            roots = PolicyLoader.class.getClassLoader().getResources(CLASSPATH_DIR);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the class path's " + CLASSPATH_DIR + "/", e);
        }
        for (URL url : Collections.list(roots)) {
            try {
                URI uri = url.toURI();
                if ("jar".equals(uri.getScheme())) {
                    FileSystem fs = jarFileSystem(uri);
                    out.addAll(regionDirectories(fs.getPath(CLASSPATH_DIR), "classpath:" + CLASSPATH_DIR));
                } else {
                    out.addAll(regionDirectories(Path.of(uri), "classpath:" + CLASSPATH_DIR));
                }
            } catch (URISyntaxException e) {
                throw new PolicyFileException(url + ": not a usable class-path location: " + e.getMessage());
            }
        }
        return out;
    }

    private static FileSystem jarFileSystem(URI uri) {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + uri, e);
        }
    }

    private static List<PolicySource> regionDirectories(Path root, String location) {
        List<PolicySource> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.sorted().toList()) {
                if (!Files.isDirectory(d) || !Files.isRegularFile(d.resolve(PolicySource.POLICY))) continue;
                String region = d.getFileName().toString().replace("/", "");
                Map<String, String> files = new LinkedHashMap<>();
                for (String name : List.of(PolicySource.POLICY, PolicySource.CASES, PolicySource.COVERAGE)) {
                    Path f = d.resolve(name);
                    if (Files.isRegularFile(f)) files.put(name, Files.readString(f, StandardCharsets.UTF_8));
                }
                out.add(new PolicySource(region, location + "/" + region, Map.copyOf(files)));
            }
        } catch (IOException e) {
            throw new PolicyFileException(location + ": cannot read: " + e.getMessage());
        }
        return out;
    }
}
