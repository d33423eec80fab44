package org.medassist.embeddedkafka;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of the registry child process: {@code ParentWatchdog <parentPid> <mainClass> [args...]}.
 * It exits the child when the parent process dies (even by SIGKILL, when no shutdown hook runs), then hands over
 * to the real main class. Uses JDK classes only, because the child's class path is the registry's plus this class.
 */
public final class ParentWatchdog {

    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ParentWatchdog <parentPid> <mainClass> [args...]");
        }
        long parentPid = Long.parseLong(args[0]);
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(ParentWatchdog::exit),
                ParentWatchdog::exit);
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }

    private static void exit() {
        System.err.println("[ParentWatchdog] parent process is gone; exiting");
        System.exit(0);
    }
}
