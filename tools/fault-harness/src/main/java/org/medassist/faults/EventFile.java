package org.medassist.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.events.Claim;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.kafka.EventRoutes;

/**
 * An event file (JSON Lines of contract events, docs/contract.md) and what the harness makes of each line:
 *
 * <ul>
 *   <li>{@link Kind#VALID}: the contract's codec reads it; published as its Avro record;</li>
 *   <li>{@link Kind#INVALID}: it breaks the contract but Avro can hold it (a negative amount, a department certifying
 *       another's identity); published as it is, as a producer writing straight to Kafka could. Replay rejects it,
 *       and the services must reject it too, or dead-letter it: it is wrong in itself;</li>
 *   <li>{@link Kind#UNPUBLISHABLE}: Avro cannot hold it (not JSON, an unknown type, a date that does not exist, a
 *       kind the schema does not name); no producer can send it, so it is not published and replay's rejection of it
 *       is left out of the comparison.</li>
 * </ul>
 */
final class EventFile {
    enum Kind { VALID, INVALID, UNPUBLISHABLE, BLANK }

    /**
     * One line.
     *
     * @param number     1-based line number
     * @param type       the contract type, or null
     * @param id         the event's id (claimId, eventId, reversalId, applicationId), or null
     * @param rejection  for a line that breaks the contract: the item replay's rejection of it is filed under
     *                   ({@link Outcome#rejectionItem}); else null
     * @param problem    why the line breaks the contract, or null
     * @param claim      for a valid claim: its hospital and person (its claimId is {@code id}); else null
     */
    record Line(int number, Kind kind, String type, String id, String rejection, String problem, Claimant claim) {}

    /** Who sends a valid claim: the claim identity (hospitalId and claimId) and the person it is sent under. */
    record Claimant(String hospitalId, String claimId, String personId) {
        /** The claim identity, as the verdict names a claim's item: {@code <hospitalId>/<claimId>}. */
        String identity() { return hospitalId + "/" + claimId; }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final List<Line> lines;

    private EventFile(Path path, List<Line> lines) {
        this.path = path;
        this.lines = lines;
    }

    Path path() { return path; }

    List<Line> lines() { return lines; }

    Line line(int number) { return lines.get(number - 1); }

    /** Events, that is non-blank lines. */
    long events() { return lines.stream().filter(l -> l.kind() != Kind.BLANK).count(); }

    long count(Kind kind) { return lines.stream().filter(l -> l.kind() == kind).count(); }

    /** Non-blank lines by type ({@code ?} for a line without a known type). */
    Map<String, Long> byType() {
        Map<String, Long> m = new TreeMap<>();
        for (Line l : lines) if (l.kind() != Kind.BLANK) m.merge(l.type() == null ? "?" : l.type(), 1L, Long::sum);
        return m;
    }

    static EventFile read(Path path) {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String text;
            int n = 0;
            while ((text = in.readLine()) != null) lines.add(classify(++n, text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return new EventFile(path, lines);
    }

    static Line classify(int number, String text) {
        if (text.isBlank()) return new Line(number, Kind.BLANK, null, null, null, null, null);
        try {
            SpecificRecord r = EventJson.read(text);
            String type = EventJson.typeOf(r);
            if (EventRoutes.ofType(type).isEmpty()) {
                return new Line(number, Kind.UNPUBLISHABLE, type, null, null, type + " is an output, not an input event", null);
            }
            Claimant claimant = r instanceof Claim c ? new Claimant(c.getHospitalId(), c.getClaimId(), c.getPersonId()) : null;
            return new Line(number, Kind.VALID, type, idOf(r), null, null, claimant);
        } catch (EventFormatException e) {
            String type = e.type();
            String rejection = type == null || EventRoutes.ofType(type).isEmpty() ? null : Outcome.rejectionItem(type, e.id());
            try {
                JsonNode root = JSON.readTree(text);
                SpecificRecord r = LenientAvro.read(root);
                return new Line(number, Kind.INVALID, type, e.id(), rejection, e.getMessage(), null);
            } catch (LenientAvro.Unrepresentable | IOException | RuntimeException u) {
                return new Line(number, Kind.UNPUBLISHABLE, type, e.id(), rejection, e.getMessage(), null);
            }
        }
    }

    /** The Avro record to publish for a VALID or INVALID line. */
    static SpecificRecord record(Line line, String text) {
        if (line.kind() == Kind.VALID) return EventJson.read(text);
        try {
            return LenientAvro.read(JSON.readTree(text));
        } catch (LenientAvro.Unrepresentable | IOException e) {
            throw new IllegalStateException("line " + line.number() + " was publishable and is not any more: " + e.getMessage(), e);
        }
    }

    private static String idOf(SpecificRecord r) {
        String first = r.getSchema().getFields().get(0).name();
        return first.endsWith("Id") ? String.valueOf(r.get(0)) : null;
    }
}
