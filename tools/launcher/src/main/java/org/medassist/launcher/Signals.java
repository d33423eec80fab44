package org.medassist.launcher;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM handled by the launcher itself rather than by the JVM's shutdown hooks. Hooks run all
 * at once, in no order: the embedded broker's own hook would stop it while the services still write to it. With
 * these handlers the launcher stops everything in order first; the hooks that then run find nothing left to do.
 * Where signals cannot be handled, the launcher's shutdown hook still stops everything.
 *
 * <p>A terminal's Ctrl-C goes to the whole foreground process group. bin/run therefore runs the launcher in a
 * process group of its own and hands the signal to the launcher alone, so that the registry's child process is
 * stopped by the launcher, in its turn, and not by the terminal before the services.
 */
final class Signals {
    private Signals() {}

    static void onStop(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // this signal cannot be handled here (ignored by the parent, say): the shutdown hook covers it
            }
        }
    }
}
