package org.medassist.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * The ports a run binds on 127.0.0.1: any free port the system gives ({@link #ANY}), or free ports from a range
 * ({@code --ports 19000-19999}) for a machine where a run must keep to its own ports. A port is handed out once per
 * run, so two processes of the run never get the same one even before either has bound it.
 */
final class Ports {
    static final Ports ANY = new Ports(0, 0);

    private final int from;
    private final int to;
    private final Set<Integer> given = new HashSet<>();
    private int next;

    Ports(int from, int to) {
        if (from != 0 || to != 0) {
            if (from < 1024 || to > 65535 || to < from) throw new IllegalArgumentException("ports must be FROM-TO with 1024 <= FROM <= TO <= 65535");
        }
        this.from = from;
        this.to = to;
        this.next = from;
    }

    /** {@code FROM-TO}, or {@code any}. */
    static Ports parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("any")) return ANY;
        String[] range = text.split("-", 2);
        try {
            int from = Integer.parseInt(range[0].trim());
            return new Ports(from, range.length > 1 ? Integer.parseInt(range[1].trim()) : from);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ports must be FROM-TO, such as 19000-19999, or any");
        }
    }

    boolean any() { return from == 0; }

    @Override
    public String toString() { return any() ? "any" : from + "-" + to; }

    /** A port free now and not handed out before in this run. */
    synchronized int free() {
        if (any()) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int p = bindable(0);
                if (p > 0 && given.add(p)) return p;
            }
            throw new HarnessException("no free port on 127.0.0.1");
        }
        int size = to - from + 1;
        for (int i = 0; i < size; i++) {
            int candidate = next;
            next = next == to ? from : next + 1;
            if (!given.contains(candidate) && bindable(candidate) > 0) {
                given.add(candidate);
                return candidate;
            }
        }
        throw new HarnessException("no free port left in " + this);
    }

    /** The port a server socket gets when bound to {@code port} (0: any), or -1 when it is taken. */
    private static int bindable(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            return -1;
        }
    }
}
