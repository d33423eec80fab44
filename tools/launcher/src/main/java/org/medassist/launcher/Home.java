package org.medassist.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repository the launcher runs from: the registry's runner jar and the services' builds are found under it.
 * It is {@code $MEDASSIST_HOME} (or {@code -Dmedassist.home}), else the nearest directory above the launcher's
 * jar, then above the working directory, that holds {@code deploy/registry} and a {@code pom.xml}.
 */
public final class Home {
    private Home() {}

    public static final String REGISTRY_JAR = "deploy/registry/target/medassist-registry-runner.jar";

    public static Path locate() {
        String configured = Optional.ofNullable(System.getProperty("medassist.home")).orElse(System.getenv("MEDASSIST_HOME"));
        if (configured != null && !configured.isBlank()) return Path.of(configured).toAbsolutePath().normalize();
        Optional<Path> fromJar = codeLocation().flatMap(Home::above);
        if (fromJar.isPresent()) return fromJar.get();
        return above(Path.of("").toAbsolutePath()).orElseThrow(() -> new LaunchException(
                "cannot find the medassist repository (a directory with deploy/registry and pom.xml) above "
                        + Path.of("").toAbsolutePath() + ": run bin/run from the repository, or set MEDASSIST_HOME"));
    }

    /** The registry runner jar: {@code -Dmedassist.registry.jar}, {@code $MEDASSIST_REGISTRY_JAR}, or the build's. */
    public static Path registryJar(Path home) {
        String configured = Optional.ofNullable(System.getProperty("medassist.registry.jar")).orElse(System.getenv("MEDASSIST_REGISTRY_JAR"));
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        return home.resolve(REGISTRY_JAR);
    }

    static Optional<Path> above(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/registry")) && Files.isRegularFile(dir.resolve("pom.xml"))) return Optional.of(dir);
        }
        return Optional.empty();
    }

    private static Optional<Path> codeLocation() {
        try {
            return Optional.of(Path.of(Home.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
