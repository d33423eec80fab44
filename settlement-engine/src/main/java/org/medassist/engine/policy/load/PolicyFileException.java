package org.medassist.engine.policy.load;

/** A policy file that cannot be loaded, with the file, the key path and the problem in the message. */
public final class PolicyFileException extends RuntimeException {
    public PolicyFileException(String message) { super(message); }
}
