package org.medassist.launcher;

/** A problem the person running bin/run can fix; its message says how. Printed without a stack trace. */
public class LaunchException extends RuntimeException {
    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
