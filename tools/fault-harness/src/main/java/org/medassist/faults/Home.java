package org.medassist.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The repository the harness runs from, and the builds it starts: both services' jars with their {@code target/lib},
 * the registry's runner jar, and the simulator's jar when it is built. The repository is {@code -Dmedassist.home} or
 * {@code $MEDASSIST_HOME}, else the nearest directory above this jar, then above the working directory, that holds
 * {@code deploy/registry} and a {@code pom.xml}.
 */
final class Home {
    private Home() {}

    static Path locate() {
        String configured = Optional.ofNullable(System.getProperty("medassist.home")).orElse(System.getenv("MEDASSIST_HOME"));
        if (configured != null && !configured.isBlank()) return Path.of(configured).toAbsolutePath().normalize();
        Optional<Path> fromCode = codeLocation(Home.class).flatMap(Home::above);
        if (fromCode.isPresent()) return fromCode.get();
        return above(Path.of("").toAbsolutePath()).orElseThrow(() -> new HarnessException(
                "cannot find the medassist repository (a directory with deploy/registry and pom.xml) above "
                        + Path.of("").toAbsolutePath() + ": run bin/faults from the repository, or set MEDASSIST_HOME"));
    }

    static Optional<Path> above(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/registry")) && Files.isRegularFile(dir.resolve("pom.xml"))) return Optional.of(dir);
        }
        return Optional.empty();
    }

    /** A module's main jar ({@code <module>/target/<artifact>-*.jar}), which finds its dependencies in {@code target/lib}. */
    static Path moduleJar(Path home, String module) {
        return findModuleJar(home, module).orElseThrow(() -> new HarnessException(module + " is not built (no "
                + module + "/target/*.jar with target/lib). Build it first, from the repository root: ./mvnw -q -DskipTests install"));
    }

    static Optional<Path> findModuleJar(Path home, String module) {
        Path target = home.resolve(module).resolve("target");
        if (!Files.isDirectory(target.resolve("lib"))) return Optional.empty();
        String artifact = Path.of(module).getFileName().toString();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(artifact + "-") && n.endsWith(".jar") && !n.endsWith("-sources.jar") && !n.endsWith("-tests.jar");
            }).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code -Dmedassist.registry.jar}, {@code $MEDASSIST_REGISTRY_JAR}, or the build's runner jar. */
    static Path registryJar(Path home) {
        String configured = Optional.ofNullable(System.getProperty("medassist.registry.jar")).orElse(System.getenv("MEDASSIST_REGISTRY_JAR"));
        Path jar = configured != null && !configured.isBlank() ? Path.of(configured)
                : home.resolve("deploy/registry/target/medassist-registry-runner.jar");
        if (!Files.isRegularFile(jar)) {
            throw new HarnessException("the registry is not built (" + jar + " is missing). Build it first, from the repository root: "
                    + "./mvnw -q -DskipTests install");
        }
        return jar;
    }

    /** The jar or classes directory a class was loaded from. */
    static Optional<Path> codeLocation(Class<?> type) {
        try {
            return Optional.of(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
