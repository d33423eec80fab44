package org.medassist.kit.streams;

/**
 * A record could not be processed because something it depends on is unavailable (the schema registry, the
 * broker). Thrown out of a processor so that the transaction aborts and the record is retried after a pause; never
 * a reason to dead-letter the record ({@link Failures}).
 */
public final class InfrastructureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }
}
