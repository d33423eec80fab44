package org.medassist.kit.streams;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure of the infrastructure (the schema registry unreachable or answering 5xx, a network timeout, a
 * broker that is not there) from a record that is wrong in itself. The first is never the record's fault: the record
 * is retried, never dead-lettered or skipped (docs/reliability.md). The second goes to dead-letters with its reason.
 */
public final class Failures {
    private Failures() {}

    /** Whether anything in the cause chain is an infrastructure failure. */
    public static boolean isInfrastructure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InfrastructureException) return true;
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t instanceof HttpTimeoutException || t instanceof SocketException
                    || t instanceof org.apache.kafka.common.errors.TimeoutException || t instanceof RetriableException
                    // a missing ACL or a refused login is the deployment's to fix, not the record's: wait and retry
                    || t instanceof org.apache.kafka.common.errors.AuthorizationException
                    || t instanceof org.apache.kafka.common.errors.AuthenticationException) {
                return true;
            }
            String name = t.getClass().getName();
            if (name.startsWith("io.vertx.") || name.startsWith("io.netty.channel.")) return true;
            Integer status = httpStatus(t);
            if (status != null) return status >= 500 || status == 408 || status == 429;
            String m = String.valueOf(t.getMessage());
            if (m.contains("Connection refused") || m.contains("Failed to resolve") || m.contains("timed out")
                    || m.contains("Connection reset")) {
                return true;
            }
        }
        return false;
    }

    /** The HTTP status a registry client exception carries (Kiota's {@code getResponseStatusCode}), or null. */
    static Integer httpStatus(Throwable t) {
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (!c.getName().equals("com.microsoft.kiota.ApiException")) continue;
            try {
                Method m = c.getMethod("getResponseStatusCode");
                Object v = m.invoke(t);
                return v instanceof Integer i && i > 0 ? i : null;
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                return null;
            }
        }
        return null;
    }

    /** A short description for a reason or a log line: class and message, and the root cause's. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String s = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? s : s + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
