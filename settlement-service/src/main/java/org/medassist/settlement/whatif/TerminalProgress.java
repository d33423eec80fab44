package org.medassist.settlement.whatif;

import java.io.PrintStream;

/**
 * The progress bar on stderr: redrawn in place on a terminal, a line every few seconds otherwise (a log, a CI run).
 * {@code reading [########............]  41% 4,200,000 events 61,000/s ETA 1m20s}
 */
public final class TerminalProgress implements Progress {
    private static final long REDRAW_NANOS = 250_000_000L;
    private static final long LINE_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long phaseStarted = started;
    private String phase = "";
    private long last;
    private boolean drawn;

    public TerminalProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void update(String phase, double fraction, long count) {
        long now = System.nanoTime();
        boolean newPhase = !phase.equals(this.phase);
        if (newPhase) {
            if (drawn && terminal) err.println();
            this.phase = phase;
            phaseStarted = now;
            drawn = false;
        }
        boolean done = fraction >= 1.0;
        if (!newPhase && !done && now - last < (terminal ? REDRAW_NANOS : LINE_NANOS)) return;
        if (!terminal && !done && now - phaseStarted < LINE_NANOS) return; // short runs say nothing until their summary
        last = now;
        double seconds = Math.max(1e-3, (now - phaseStarted) / 1e9);
        String unit = phase.equals("reading") ? "events" : "persons";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-9s ", phase));
        if (fraction >= 0) {
            int filled = (int) Math.round(Math.min(1, fraction) * 24);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(24 - filled)).append(']');
            sb.append(String.format(" %3d%%", (int) Math.floor(Math.min(1, fraction) * 100)));
        }
        sb.append(String.format(" %,d %s %,.0f/s", count, unit, count / seconds));
        if (fraction > 0.01 && fraction < 1) {
            long eta = Math.round(seconds * (1 - fraction) / fraction);
            sb.append(" ETA ").append(eta >= 60 ? eta / 60 + "m" + String.format("%02d", eta % 60) + "s" : eta + "s");
        } else if (done) {
            sb.append(String.format(" in %.1f s", seconds));
        }
        if (terminal) {
            err.print("\r" + sb + "   ");
            if (done) err.println();
            drawn = !done;
        } else {
            err.println("settle whatif: " + sb);
        }
        err.flush();
    }
}
