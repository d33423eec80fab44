package org.medassist.kit;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/** How every service of the project starts in a JVM it shares with a launcher or a test. */
public final class ServiceStarter {
    private ServiceStarter() {}

    /**
     * In the map given to {@link #start}: the Micronaut environments to activate, comma-separated (e.g. {@code dev},
     * which allows the development tokens; docs/security.md). Elsewhere {@code MICRONAUT_ENVIRONMENTS} does it.
     */
    public static final String ENVIRONMENTS = "micronaut.environments";

    /**
     * Starts the service whose main class is {@code mainClass} with {@code properties} over its application.yml, e.g.
     * {@code medassist.kafka.bootstrap-servers}, {@code micronaut.server.port}. Close the returned context to stop it.
     *
     * <p>The service's own class loader is the context class loader while it starts, so that the threads it creates
     * (HTTP, Kafka Streams) and the classes Kafka loads by name come from the service's class path even when a
     * launcher calls this from another class loader.
     */
    public static ApplicationContext start(Class<?> mainClass, Map<String, Object> properties) {
        ClassLoader own = mainClass.getClassLoader();
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(own);
        try {
            var builder = Micronaut.build(new String[0]).classLoader(own).mainClass(mainClass).banner(false)
                    .properties(properties);
            Object environments = properties.get(ENVIRONMENTS);
            if (environments != null && !environments.toString().isBlank()) {
                builder.environments(environments.toString().trim().split("\\s*,\\s*"));
            }
            return builder.start();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
