package org.medassist.settlement.whatif;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.kafka.EventRoutes;

/**
 * An event file in the contract's JSON Lines form, read in file order as {@code bin/settle replay} reads it. A line
 * that is not a valid input event is skipped and counted (replay would answer it with a rejection, which changes no
 * ledger); the first few are named on the messages stream with their line numbers.
 */
public final class JsonLinesHistory implements History {
    private static final int NAMED_PROBLEMS = 5;

    private final Path file;
    private final InputStream stdin;
    private final PrintStream messages;

    /** A file; {@code null} or "-" reads {@code stdin}. */
    public JsonLinesHistory(Path file, InputStream stdin, PrintStream messages) {
        this.file = file;
        this.stdin = stdin;
        this.messages = messages;
    }

    @Override
    public String describe() { return file == null ? "stdin" : file.toString(); }

    @Override
    public Counts read(Scope scope, Consumer<SpecificRecord> sink, Progress progress) throws IOException {
        long size = file == null ? -1 : Files.size(file);
        try (Counting counted = new Counting(file == null ? stdin : Files.newInputStream(file));
             BufferedReader in = org.medassist.settlement.replay.ByteOrderMark.skip(
                     new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16))) {
            long lineNo = 0;
            long events = 0;
            long skipped = 0;
            long outOfScope = 0;
            long problems = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if ((lineNo & 0xFFF) == 0) progress.update("reading", size > 0 ? Math.min(1.0, counted.count / (double) size) : -1, events);
                if (line.isBlank()) continue;
                SpecificRecord r;
                try {
                    r = EventJson.read(line);
                    String type = EventJson.typeOf(r);
                    if (EventRoutes.ofType(type).isEmpty()) throw new EventFormatException(type, null, null, null, "type", "is an output, not an input event");
                } catch (EventFormatException e) {
                    skipped++;
                    if (++problems <= NAMED_PROBLEMS) messages.println("line " + lineNo + ": skipped: " + e.getMessage());
                    else if (problems == NAMED_PROBLEMS + 1) messages.println("(more skipped lines are counted in the summary)");
                    continue;
                }
                if (!scope.reads(r)) {
                    outOfScope++;
                    continue;
                }
                sink.accept(r);
                events++;
            }
            progress.update("reading", 1.0, events);
            return new Counts(events, skipped, outOfScope);
        }
    }

    /** Counts the bytes read, for the progress bar's share of the file. */
    private static final class Counting extends FilterInputStream {
        volatile long count;

        Counting(InputStream in) { super(in); }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}
