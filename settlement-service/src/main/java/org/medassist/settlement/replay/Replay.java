package org.medassist.settlement.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.kafka.EventRoutes;
import org.medassist.settlement.route.EventRouter;
import org.medassist.settlement.route.InMemoryOwners;
import org.medassist.settlement.route.Limits;
import org.medassist.settlement.ledger.InMemoryLedgers;

/**
 * Applies a JSON Lines event file in file order through the engine and writes settlement and alert lines. A bad
 * line is reported with its number and, when it names an event, answered with a rejected settlement; the run goes on.
 */
public final class Replay {
    private static final long PROGRESS_NANOS = 2_000_000_000L;

    private final EventRouter router;
    private final PrintStream messages;
    private final boolean progress;

    public Replay(PolicyCatalog catalog, PrintStream messages, boolean progress) {
        // a replay writes each explanation as it is published and keeps no ledger to be queried afterwards
        this(new SettlementEngine(catalog, new ParameterBook()).dropExplanationsOncePublished(), null, messages, progress);
    }

    /** A replay over given ledgers (null: in memory), for tests that exercise the stored form (here and in tools/benchmarks). */
    public Replay(SettlementEngine engine, org.medassist.settlement.ledger.Ledgers ledgers, PrintStream messages, boolean progress) {
        this.router = new EventRouter(engine, ledgers != null ? ledgers : new InMemoryLedgers(), new InMemoryOwners(), Limits.DEFAULT);
        this.messages = messages;
        this.progress = progress;
    }

    /**
     * Runs the replay, writing characters (decoded from the UTF-8 the replay writes; an unpaired surrogate in an output
     * text is {@code ?}, as in the bytes); returns the number of lines that failed inside the engine.
     */
    public long run(Reader in, Writer out) throws IOException {
        DecodingStream decoded = new DecodingStream(out);
        long failed = run(in, decoded);
        decoded.flush();
        return failed;
    }

    /**
     * Runs the replay of the lines of {@code reader} (ended as {@link java.io.BufferedReader#readLine} ends them; the
     * reader is read in large blocks, so it needs no buffer of its own), writing its output lines to {@code out} as UTF-8 (what {@code bin/settle replay} writes); returns
     * the number of lines that failed inside the engine (0 on a clean run).
     */
    public long run(Reader reader, OutputStream out) throws IOException {
        JsonLinesOutput writer = new JsonLinesOutput(out);
        ClaimLineReader claims = new ClaimLineReader();
        IdentityLineReader identities = new IdentityLineReader(claims); // one table of personIds for both
        ReplaySummary summary = new ReplaySummary(writer);
        long start = System.nanoTime();
        long lastProgress = start;
        long lines = 0;
        long malformed = 0;
        long failed = 0;
        LineBuffer in = new LineBuffer(reader, 1 << 16);
        while (in.next()) {
            lines++;
            if (in.blank()) continue;
            // in place: no String for the line; the commonest lines, valid claims and identity events, are read in one
            // pass each (the same records and checks as the codec's)
            SpecificRecord read = claims.read(in.chars(), in.start(), in.end());
            if (read == null) read = identities.read(in.chars(), in.start(), in.end());
            if (read != null) {
                try {
                    router.route(read, summary);
                } catch (RuntimeException e) {
                    failed++;
                    messages.println("line " + lines + ": FAILED inside the engine (" + e + "); the run continues");
                }
            } else {
                SpecificRecord record;
                try {
                    record = EventJson.read(in.line());
                    String type = EventJson.typeOf(record);
                    if (EventRoutes.ofType(type).isEmpty()) throw new EventFormatException(type, null, null, null, "type", "is an output, not an input event");
                } catch (EventFormatException e) {
                    malformed++;
                    messages.println("line " + lines + ": " + e.getMessage());
                    record = null;
                    try {
                        router.reject(e, summary);
                    } catch (RuntimeException inner) {
                        failed++;
                        messages.println("line " + lines + ": FAILED to write its rejection (" + inner + ")");
                    }
                }
                if (record == null) continue;
                try {
                    router.route(record, summary);
                } catch (RuntimeException e) {
                    failed++;
                    messages.println("line " + lines + ": FAILED inside the engine (" + e + "); the run continues");
                }
            }
            if (progress && (lines & 0xFFF) == 0) {
                long now = System.nanoTime();
                if (now - lastProgress > PROGRESS_NANOS) {
                    lastProgress = now;
                    double s = (now - start) / 1e9;
                    messages.printf("settle replay: %,d lines, %,.0f lines/s%n", lines, lines / s);
                }
            }
        }
        writer.flush();
        messages.print(summary.render(lines, malformed, failed, (System.nanoTime() - start) / 1e9));
        return failed;
    }

    /** UTF-8 bytes decoded onto a Writer, for callers that want characters. */
    private static final class DecodingStream extends OutputStream {
        private final Writer out;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 13);
        private final CharBuffer chars = CharBuffer.allocate(1 << 13);

        DecodingStream(Writer out) { this.out = out; }

        @Override
        public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, bytes.remaining());
                bytes.put(b, off, n);
                off += n;
                len -= n;
                bytes.flip();
                decoder.decode(bytes, chars, false); // a character cut at the end waits in bytes for the rest
                bytes.compact();
                chars.flip();
                out.write(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
                chars.clear();
            }
        }

        @Override
        public void flush() throws IOException { out.flush(); }
    }
}
