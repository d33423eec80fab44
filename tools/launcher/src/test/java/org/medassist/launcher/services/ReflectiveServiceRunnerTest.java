package org.medassist.launcher.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medassist.launcher.LaunchException;

/**
 * The seam with stand-in services: tiny classes with the services' {@code static start(Map)} contract, not the real
 * services.
 */
class ReflectiveServiceRunnerTest {

    @TempDir
    Path home;

    /** Compiles a stand-in service into {@code <home>/<module>/target/<module>-1.0.jar} with an empty target/lib. */
    private void buildModule(String module, String className, String source) throws Exception {
        Path src = home.resolve("src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = home.resolve("classes-" + module);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), src.toString()));
        Path target = home.resolve(module).resolve("target");
        Files.createDirectories(target.resolve("lib"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target.resolve(module + "-1.0.jar")))) {
            try (var files = Files.walk(classes)) {
                for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    jar.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(p));
                    jar.closeEntry();
                }
            }
        }
        Files.createFile(target.resolve(module + "-1.0-sources.jar"));
    }

    private static final String HTTP_SERVICE = """
            package fake;
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.util.Map;
            public final class HttpService {
                public static volatile Map<String, Object> properties;
                public static AutoCloseable start(Map<String, Object> p) throws Exception {
                    properties = p;
                    int port = (Integer) p.get("micronaut.server.port");
                    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                    s.createContext("/health", ex -> {
                        byte[] b = ("{\\"loader\\":\\"" + Thread.currentThread().getContextClassLoader().getName() + "\\"}").getBytes();
                        ex.sendResponseHeaders(200, b.length);
                        ex.getResponseBody().write(b);
                        ex.close();
                    });
                    s.start();
                    if (Thread.currentThread().getContextClassLoader() != HttpService.class.getClassLoader()) {
                        throw new IllegalStateException("not started with the service's context class loader");
                    }
                    return () -> s.stop(0);
                }
            }
            """;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void startsAServiceInItsOwnClassLoaderAndStopsIt() throws Exception {
        buildModule("fake-service", "fake.HttpService", HTTP_SERVICE);
        int port = freePort();
        ReflectiveServiceRunner runner = ReflectiveServiceRunner.of(new ServiceSpec("fake-service", "fake.HttpService"), port, home);
        assertEquals("fake-service", runner.name());
        assertFalse(runner.healthy());
        runner.start(Map.of("micronaut.server.port", port, "medassist.kafka.bootstrap-servers", "127.0.0.1:1"));
        assertTrue(runner.healthy());
        assertThrows(IllegalStateException.class, () -> runner.start(Map.of()));
        runner.stop();
        assertFalse(runner.healthy());
        runner.stop(); // idempotent

        ClassLoader loader = ReflectiveServiceRunner.classLoaderFor(new ServiceSpec("fake-service", "fake.HttpService"), home);
        assertNotSame(getClass().getClassLoader(), loader);
        assertSame(ClassLoader.getPlatformClassLoader(), loader.getParent(), "isolated from the launcher's class path");
        assertEquals("fake-service", loader.getName());
    }

    @Test
    void aServiceThatFailsToStartSaysWhy() throws Exception {
        buildModule("broken-service", "fake.Broken", """
                package fake;
                public final class Broken {
                    public static AutoCloseable start(java.util.Map<String, Object> p) {
                        throw new IllegalStateException("no Kafka at " + p.get("medassist.kafka.bootstrap-servers"));
                    }
                }
                """);
        ReflectiveServiceRunner runner = ReflectiveServiceRunner.of(new ServiceSpec("broken-service", "fake.Broken"), 1, home);
        Exception e = assertThrows(IllegalStateException.class,
                () -> runner.start(Map.of("medassist.kafka.bootstrap-servers", "127.0.0.1:1")));
        assertEquals("no Kafka at 127.0.0.1:1", e.getMessage());
        runner.stop(); // nothing started: nothing to do
    }

    @Test
    void aClassAlreadyOnTheLaunchersClassPathIsUsedAsIs() {
        assertSame(getClass().getClassLoader(),
                ReflectiveServiceRunner.classLoaderFor(new ServiceSpec("x", OnClassPath.class.getName()), home));
    }

    public static final class OnClassPath {
        public static AutoCloseable start(Map<String, Object> p) {
            return () -> { };
        }
    }

    @Test
    void aMissingBuildOrClassIsExplained() throws Exception {
        String notBuilt = assertThrows(LaunchException.class,
                () -> ReflectiveServiceRunner.of(ServiceSpec.SETTLEMENT, 8082, home)).getMessage();
        assertEquals("settlement-service is not built: there is no settlement-service/target/settlement-service-*.jar."
                + " Build it from " + home + " with ./mvnw -q -B -DskipTests install (bin/run does this when something is"
                + " missing).", notBuilt);

        buildModule("settlement-service", "fake.Other", "package fake; public final class Other {}");
        String noClass = assertThrows(LaunchException.class,
                () -> ReflectiveServiceRunner.of(ServiceSpec.SETTLEMENT, 8082, home)).getMessage();
        assertTrue(noClass.startsWith("settlement-service/target/settlement-service-1.0.jar has no class"
                + " org.medassist.settlement.SettlementApplication"), noClass);
        assertTrue(noClass.contains("--no-services"), noClass);

        buildModule("odd-service", "fake.NoStart", "package fake; public final class NoStart {}");
        ReflectiveServiceRunner runner = ReflectiveServiceRunner.of(new ServiceSpec("odd-service", "fake.NoStart"), 1, home);
        assertEquals("fake.NoStart has no public static start(java.util.Map) method",
                assertThrows(LaunchException.class, () -> runner.start(Map.of())).getMessage());
    }

    @Test
    void theModuleJarIsNotTheSourcesJar() throws Exception {
        Path target = home.resolve("m/target");
        Files.createDirectories(target);
        for (String f : List.of("m-1.0-sources.jar", "m-1.0-tests.jar", "m-1.0.jar", "other-1.0.jar")) {
            try (OutputStream o = Files.newOutputStream(target.resolve(f))) {
                o.write(0);
            }
        }
        assertEquals(target.resolve("m-1.0.jar"), ReflectiveServiceRunner.moduleJar(target, "m").orElseThrow());
    }
}
