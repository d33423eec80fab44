package org.medassist.launcher.services;

import java.util.Map;

/**
 * The launcher's seam to a service: start it with configuration properties, ask whether it is healthy, stop it.
 * {@link ReflectiveServiceRunner} starts a service in this JVM through its static
 * {@code io.micronaut.context.ApplicationContext start(java.util.Map<String,Object>)}; another implementation (a
 * child process, a test double) only has to honour this contract.
 */
public interface ServiceRunner {

    /** e.g. {@code eligibility-service} */
    String name();

    /** The HTTP port the service listens on (127.0.0.1). */
    int port();

    /**
     * Starts the service with these properties (names in {@link ServiceProperties}). Returns once its start method
     * returned; the service may still be warming up: see {@link #healthy()}.
     *
     * @throws Exception whatever the service threw while starting
     */
    void start(Map<String, Object> properties) throws Exception;

    /** Whether {@code GET /health} answers 200. */
    boolean healthy();

    /** Stops the service; idempotent, and a no-op if it never started. */
    void stop();
}
