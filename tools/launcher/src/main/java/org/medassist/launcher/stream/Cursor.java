package org.medassist.launcher.stream;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How far the publisher got in a stream, kept in the data directory ({@code stream/cursor.properties}) so that a
 * restart does not send again what the services already accepted. Saved after every window of the stream the
 * publisher handled whole, atomically (written beside, then moved over). A crash or a stop inside a window re-sends
 * that window on restart; the services ignore events whose ids they already have.
 *
 * <p>The cursor belongs to one stream ({@link org.medassist.simulator.SyntheticStream#fingerprint()}). Started with other stream settings,
 * the publisher begins that other stream from its start; the counts of the previous one are kept in the file
 * under its own fingerprint, so going back to the earlier settings resumes it.
 */
public final class Cursor {

    private final Path file;
    private final String fingerprint;
    private final Properties all;
    private long position;
    private long sent;
    private long refused;
    private final Map<String, Long> sentByType = new TreeMap<>();

    private Cursor(Path file, String fingerprint, Properties all) {
        this.file = file;
        this.fingerprint = fingerprint;
        this.all = all;
        String p = fingerprint + ".";
        this.sent = parse(all.getProperty(p + "accepted"));
        this.refused = parse(all.getProperty(p + "refused"));
        String at = all.getProperty(p + "position");
        this.position = at == null ? sent + refused : parse(at);
        for (String key : all.stringPropertyNames()) {
            if (key.startsWith(p + "sent.")) sentByType.put(key.substring((p + "sent.").length()), parse(all.getProperty(key)));
        }
    }

    /** Loads the cursor of {@code fingerprint} from {@code file}, or a fresh one at position 0. */
    public static Cursor load(Path file, String fingerprint) {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the stream cursor " + file, e);
            }
        }
        return new Cursor(file, fingerprint, p);
    }

    /**
     * Events of the stream already handled (accepted or refused): the position to resume from. It moves a window at a
     * time ({@link #handled}), since the events inside a window are not posted in the stream's order.
     */
    public synchronized long position() {
        return position;
    }

    /** Events the services accepted. */
    public synchronized long sent() {
        return sent;
    }

    /** Events the services refused with a 4xx answer (not sent again). */
    public synchronized long refused() {
        return refused;
    }

    public synchronized Map<String, Long> sentByType() {
        return new TreeMap<>(sentByType);
    }

    /** Other streams this data directory has cursors for. */
    public synchronized Map<String, Long> otherStreams() {
        Map<String, Long> others = new TreeMap<>();
        for (String key : all.stringPropertyNames()) {
            if (key.endsWith(".position") && !key.equals(fingerprint + ".position")) {
                others.put(key.substring(0, key.length() - ".position".length()), parse(all.getProperty(key)));
            }
        }
        return others;
    }

    /**
     * Records a window of the stream handled whole: {@code events} more are behind the position, of which the services
     * accepted {@code acceptedByType} and refused {@code refusedCount} (not sent again).
     */
    public synchronized void handled(long events, Map<String, Long> acceptedByType, long refusedCount) {
        position += events;
        for (Map.Entry<String, Long> e : acceptedByType.entrySet()) {
            sent += e.getValue();
            sentByType.merge(e.getKey(), e.getValue(), Long::sum);
        }
        refused += refusedCount;
    }

    /** Writes the cursor to its file, atomically. */
    public synchronized void save() {
        String p = fingerprint + ".";
        all.setProperty(p + "position", Long.toString(position));
        all.setProperty(p + "accepted", Long.toString(sent));
        all.setProperty(p + "refused", Long.toString(refused));
        for (Map.Entry<String, Long> e : sentByType.entrySet()) all.setProperty(p + "sent." + e.getKey(), e.getValue().toString());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                all.store(w, "bin/run: how far the synthetic stream got; delete this file to send the stream again");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stream cursor " + file, e);
        }
    }

    private static long parse(String s) {
        if (s == null) return 0;
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
