package org.medassist.launcher.monitor;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.medassist.events.SettlementStatus;
import org.medassist.engine.money.Money;

/**
 * The live summary on stdout, every two seconds: the stream's progress, events sent by type, the rates (events sent,
 * claims settled and settlements of any status per second, over the last interval and over this run's work), what came out
 * (settled, adjustments, reversed, parked, rejected, alerts, dead letters) and assistance and tilt paid per city.
 * On a terminal the block is redrawn in place, and {@link #message} lines go above it; otherwise each block is
 * printed after the last.
 */
public final class ConsoleSummary implements AutoCloseable {

    /** What the stream is doing, for the summary (null fields are left out). */
    public record StreamStatus(String state, long position, long total, String simulatedDate, Map<String, Long> sentByType,
                               long refused, double rate) {}

    private final PrintStream out;
    private final boolean redraw;
    private final Totals totals;
    private final Supplier<StreamStatus> stream;
    private final List<String> footer;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-summary");
        t.setDaemon(true);
        return t;
    });
    private int drawnLines;
    private List<String> lastPrinted = List.of();
    private long lastPrintedNanos;
    /** The counts at the last rate sample, and the rates then: sent, settled, all settlements per second. */
    private final Rates rates = new Rates(startNanos);

    /**
     * @param stream the stream's status, or a supplier of null when there is no stream
     * @param footer lines under the table (URLs)
     */
    public ConsoleSummary(PrintStream out, boolean terminal, Totals totals, Supplier<StreamStatus> stream, List<String> footer) {
        this.out = out;
        this.redraw = terminal;
        this.totals = totals;
        this.stream = stream;
        this.footer = List.copyOf(footer);
    }

    public void start() {
        ticker.scheduleAtFixedRate(this::draw, 0, 2, TimeUnit.SECONDS);
    }

    /** Prints a line (above the live block on a terminal). */
    public synchronized void message(String line) {
        clear();
        out.println(line);
        out.flush();
        if (redraw) print(render());
    }

    /** A stream whose lines go through {@link #message}, for components that log to a PrintStream. */
    public PrintStream messages() {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    message(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    private synchronized void draw() {
        try {
            List<String> lines = render();
            if (redraw) {
                clear();
                print(lines);
                return;
            }
            // not a terminal (a log file, a pipe): a block when the figures changed, and once a minute anyway
            List<String> figures = lines.subList(1, lines.size());
            long now = System.nanoTime();
            if (figures.equals(lastPrinted) && now - lastPrintedNanos < 60_000_000_000L) return;
            out.println();
            print(lines);
            lastPrinted = List.copyOf(figures);
            lastPrintedNanos = now;
        } catch (RuntimeException e) {
            out.println("[summary] " + e);
        }
    }

    /** Stops the ticker and prints the block a last time, for good. */
    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        clear();
        print(render());
        drawnLines = 0;
    }

    private void clear() {
        if (redraw && drawnLines > 0) {
            out.print("\033[" + drawnLines + "F\033[J"); // to the block's first line, erase to the end
            drawnLines = 0;
        }
    }

    private void print(List<String> lines) {
        for (String l : lines) out.println(l);
        out.flush();
        drawnLines = redraw ? lines.size() : 0;
    }

    /** The block; every line fits 80 columns, so that redrawing in place counts lines right. */
    List<String> render() {
        List<String> lines = new ArrayList<>();
        Duration up = Duration.ofNanos(System.nanoTime() - startNanos);
        String head = String.format("── medassist · up %d:%02d:%02d ", up.toHours(), up.toMinutesPart(), up.toSecondsPart());
        lines.add(head + "─".repeat(Math.max(0, 79 - head.length())));
        StreamStatus s = stream.get();
        if (s != null) {
            String progress = s.total() > 0
                    ? String.format("%,d / %,d (%d%%)", s.position(), s.total(), s.position() * 100 / s.total())
                    : String.format("%,d", s.position());
            lines.add(String.format("stream  %s · %s events%s · %s", s.state(), progress,
                    s.simulatedDate() != null ? " · day " + s.simulatedDate() : "",
                    s.rate() > 0 ? String.format(Locale.ROOT, "%.0f/s", s.rate()) : "unthrottled"));
            Map<String, Long> by = s.sentByType();
            lines.add(String.format("sent    identity %,d · claim %,d · reversal %,d · application %,d",
                    by.getOrDefault("identity", 0L), by.getOrDefault("claim", 0L),
                    by.getOrDefault("claim_reversal", 0L), by.getOrDefault("application", 0L)));
            lines.add(String.format("        parameter %,d · year close %,d · refused %,d",
                    by.getOrDefault("parameter", 0L), by.getOrDefault("year_close", 0L), s.refused()));
        } else {
            lines.add("stream  off");
        }
        Totals.Snapshot t = totals.snapshot();
        Map<SettlementStatus, Long> st = t.byStatus();
        long all = 0;
        for (long v : st.values()) all += v;
        // the rates are this run's: claims earlier runs settled, read back at start, are not settled now
        double[] r = rates.sample(System.nanoTime(), s == null ? 0 : s.position(), st.get(SettlementStatus.settled) - t.settledEarlier(),
                all - t.settlementsEarlier());
        lines.add(String.format(Locale.ROOT, "rate    settled %,.0f/s · all settlements %,.0f/s · sent %,.0f/s", r[1], r[2], r[0]));
        lines.add(Double.isNaN(r[3]) ? "        this run: nothing sent yet"
                : String.format(Locale.ROOT, "        this run: settled %,.0f/s · sent %,.0f/s", r[4], r[3]));
        lines.add(String.format("out     settled %,d · adjustment %,d · reversed %,d · parked %,d",
                st.get(SettlementStatus.settled), st.get(SettlementStatus.adjustment), st.get(SettlementStatus.reversed),
                st.get(SettlementStatus.parked)));
        lines.add(String.format("        rejected %,d · alerts %,d · dead letters %,d%s",
                st.get(SettlementStatus.rejected), t.alerts(), t.deadLetters(),
                t.unreadable() > 0 ? String.format(" · unreadable %,d", t.unreadable()) : ""));
        String row = "%-13s %11s %6s %8s %17s %12s %6s";
        lines.add(String.format(row, "city", "settlements", "parked", "rejected", "assistance (yuan)", "tilt (yuan)", "alerts"));
        long n = 0;
        long parked = 0;
        long rejected = 0;
        for (Map.Entry<String, Totals.City> e : t.cities().entrySet()) {
            Totals.City c = e.getValue();
            lines.add(String.format(row, e.getKey(), String.format("%,d", c.settlements()),
                    String.format("%,d", c.byStatus.get(SettlementStatus.parked)),
                    String.format("%,d", c.byStatus.get(SettlementStatus.rejected)),
                    yuan(c.assistance), yuan(c.tilt), String.format("%,d", c.alerts)));
            n += c.settlements();
            parked += c.byStatus.get(SettlementStatus.parked);
            rejected += c.byStatus.get(SettlementStatus.rejected);
        }
        lines.add(String.format(row, "all cities", String.format("%,d", n), String.format("%,d", parked),
                String.format("%,d", rejected), yuan(t.assistance()), yuan(t.tilt()), String.format("%,d", t.alerts())));
        lines.addAll(footer);
        return lines;
    }

    /**
     * Rates per second from counts read at each redraw: over the interval since the previous sample (at least one
     * second, so a message line's redraw does not read a rate over a few milliseconds), and over this run's work.
     *
     * <p>"This run" starts at the last sample before this run sent its first event (the counts then are its baseline:
     * a resumed run's stream position is not this run's) and ends at the last time each count rose, so that a finished
     * stream's rates do not fall as the run idles. Until this run sends, there is none. The settled count it is given
     * leaves out what earlier runs settled ({@link Totals.Snapshot#settledEarlier}), which the output reader reads back
     * at start, perhaps after this run began to send.
     */
    static final class Rates {
        private long atNanos;
        private long[] at = new long[3];
        private boolean primed;
        private final double[] last = new double[5];
        /** The sample before the first one at which sent rose: this run's start and baseline (null until then). */
        private long[] previous;
        private long previousNanos;
        private long[] base;
        private long baseNanos;
        private final long[] risen = new long[3];
        private final long[] risenNanos = new long[3];

        Rates(long startNanos) {
            this.atNanos = startNanos;
        }

        /**
         * sent/s, settled/s, settlements/s over the last interval, then sent/s and settled/s over this run's work
         * (NaN until this run has sent anything).
         */
        synchronized double[] sample(long now, long sent, long settled, long settlements) {
            long[] counts = {sent, settled, settlements};
            if (!primed) {
                // the first sample is the baseline of the first interval: a resumed stream's position is no rate
                primed = true;
                at = counts;
                atNanos = now;
            }
            if (base == null && previous != null && sent > previous[0]) {
                base = previous;
                baseNanos = previousNanos;
            }
            if (base == null) {
                previous = counts;
                previousNanos = now;
            }
            for (int i = 0; i < 3; i++) {
                if (counts[i] > risen[i]) {
                    risen[i] = counts[i];
                    risenNanos[i] = now;
                }
            }
            last[3] = runRate(0);
            last[4] = runRate(1);
            double interval = (now - atNanos) / 1e9;
            if (interval >= 1) {
                for (int i = 0; i < 3; i++) last[i] = Math.max(0, counts[i] - at[i]) / interval;
                at = counts;
                atNanos = now;
            }
            return last.clone();
        }

        private double runRate(int i) {
            if (base == null) return Double.NaN;
            double seconds = (risenNanos[i] - baseNanos) / 1e9;
            return seconds > 0 ? Math.max(0, risen[i] - base[i]) / seconds : 0;
        }
    }

    /** Fen as yuan with thousands separators: 123456789 → "1,234,567.89". */
    static String yuan(long fen) {
        String plain = Money.format(fen);
        boolean negative = plain.startsWith("-");
        String digits = negative ? plain.substring(1) : plain;
        int dot = digits.indexOf('.');
        StringBuilder sb = new StringBuilder();
        String whole = digits.substring(0, dot);
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) sb.append(',');
            sb.append(whole.charAt(i));
        }
        return (negative ? "-" : "") + sb + digits.substring(dot);
    }
}
