package org.medassist.launcher.services;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.medassist.launcher.LaunchException;

/**
 * Starts a service in this JVM by calling its {@code static ApplicationContext start(Map<String, Object>)} through
 * reflection, so the launcher compiles without the service modules.
 *
 * <p>Each service gets its own class loader, built from its module's build output
 * ({@code <module>/target/<module>-*.jar} and {@code <module>/target/lib/*.jar}) over the platform class loader.
 * Two Micronaut applications in one class path would each find the other's beans (controllers, topologies) and
 * the other's {@code application.yml}; separate loaders keep them apart, each with its own Kafka and Micronaut
 * classes. When the launcher's own class path already has the main class (a build that adds the services as
 * dependencies), that is used instead.
 *
 * <p>The service's context is stopped through {@link AutoCloseable#close()} ({@code ApplicationContext} is one),
 * or a public {@code stop()} method.
 */
public final class ReflectiveServiceRunner implements ServiceRunner {

    private final ServiceSpec spec;
    private final int port;
    private final ClassLoader loader;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Object context;

    public ReflectiveServiceRunner(ServiceSpec spec, int port, ClassLoader loader) {
        this.spec = spec;
        this.port = port;
        this.loader = loader;
    }

    /**
     * A runner whose class loader is found as described in the class comment.
     *
     * @param home the repository root, whose {@code <module>/target} holds the service's build
     * @throws LaunchException when the service is not built, or its build has no such class
     */
    public static ReflectiveServiceRunner of(ServiceSpec spec, int port, Path home) {
        return new ReflectiveServiceRunner(spec, port, classLoaderFor(spec, home));
    }

    static ClassLoader classLoaderFor(ServiceSpec spec, Path home) {
        ClassLoader own = ReflectiveServiceRunner.class.getClassLoader();
        if (hasClass(own, spec.mainClass())) return own;
        Path target = home.resolve(spec.name()).resolve("target");
        Optional<Path> jar = moduleJar(target, spec.name());
        if (jar.isEmpty()) {
            throw new LaunchException(spec.name() + " is not built: there is no " + home.relativize(target)
                    .resolve(spec.name() + "-*.jar") + ". Build it from " + home + " with ./mvnw -q -B -DskipTests install"
                    + " (bin/run does this when something is missing).");
        }
        Path lib = target.resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new LaunchException(spec.name() + "'s dependencies are missing (" + home.relativize(lib)
                    + "). Rebuild with ./mvnw -q -B -DskipTests install.");
        }
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(jar.get().toUri().toURL());
            try (Stream<Path> jars = Files.list(lib)) {
                for (Path p : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar")).sorted()::iterator) {
                    urls.add(p.toUri().toURL());
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new LaunchException("cannot list " + lib + ": " + e.getMessage(), e);
        }
        URLClassLoader loader = new URLClassLoader(spec.name(), urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        if (!hasClass(loader, spec.mainClass())) {
            throw new LaunchException(home.relativize(jar.get()) + " has no class " + spec.mainClass() + ": this build of "
                    + spec.name() + " predates it. Rebuild with ./mvnw -q -B -DskipTests install, or run without the"
                    + " services: bin/run --no-services.");
        }
        return loader;
    }

    /** {@code target/<name>-<version>.jar}, not the sources, tests or javadoc jars. */
    static Optional<Path> moduleJar(Path target, String name) {
        if (!Files.isDirectory(target)) return Optional.empty();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                String f = p.getFileName().toString();
                return f.startsWith(name + "-") && f.endsWith(".jar") && !f.endsWith("-sources.jar")
                        && !f.endsWith("-tests.jar") && !f.endsWith("-javadoc.jar");
            }).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hasClass(ClassLoader loader, String name) {
        return loader.getResource(name.replace('.', '/') + ".class") != null;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void start(Map<String, Object> properties) throws Exception {
        if (context != null) throw new IllegalStateException(spec.name() + " is already started");
        context = withLoader(() -> {
            Class<?> main = Class.forName(spec.mainClass(), true, loader);
            Method start;
            try {
                start = main.getMethod("start", Map.class);
            } catch (NoSuchMethodException e) {
                throw new LaunchException(spec.mainClass() + " has no public static start(java.util.Map) method");
            }
            if (!Modifier.isStatic(start.getModifiers())) {
                throw new LaunchException(spec.mainClass() + ".start(Map) is not static");
            }
            try {
                return start.invoke(null, properties);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof Exception ex) throw ex;
                throw new IllegalStateException(cause);
            }
        });
        if (context == null) throw new LaunchException(spec.mainClass() + ".start(Map) returned null");
    }

    @Override
    public boolean healthy() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        Object c = context;
        context = null;
        if (c == null) return;
        try {
            withLoader(() -> {
                if (c instanceof AutoCloseable closeable) {
                    closeable.close();
                } else {
                    c.getClass().getMethod("stop").invoke(c);
                }
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException(spec.name() + " did not stop cleanly: " + e, e);
        }
    }

    /**
     * Runs {@code work} with the service's loader as the thread's context class loader: Kafka and Micronaut load
     * configured classes through it, and the threads the service starts inherit it.
     */
    private <T> T withLoader(Callable<T> work) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
