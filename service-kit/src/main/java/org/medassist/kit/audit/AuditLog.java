package org.medassist.kit.audit;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where audit records go: one JSON line each on the logger {@value #LOGGER} (docs/security.md, "Audit": route it to
 * its own appender and retention), and to any listener added in this process (tests; a shipper).
 */
@Singleton
public class AuditLog {
    public static final String LOGGER = "org.medassist.audit";
    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** Writes one record (a JSON object on one line). */
    public void write(String json) {
        AUDIT.info(json);
        for (Consumer<String> l : listeners) {
            try {
                l.accept(json);
            } catch (RuntimeException e) {
                AUDIT.warn("an audit listener failed: {}", e.toString());
            }
        }
    }

    /** Every record written from now on is also given to {@code listener}. */
    public void addListener(Consumer<String> listener) { listeners.add(listener); }

    public void removeListener(Consumer<String> listener) { listeners.remove(listener); }
}
