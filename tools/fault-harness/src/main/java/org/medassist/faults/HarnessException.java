package org.medassist.faults;

/** Something the harness itself could not do (a build missing, a process that never came up): not a verdict. */
final class HarnessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HarnessException(String message) {
        super(message);
    }

    HarnessException(String message, Throwable cause) {
        super(message, cause);
    }
}
