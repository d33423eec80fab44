package org.medassist.kit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.json.EventRules;

/**
 * Checks one POST body of events: a JSON array in the contract's form, each event of the endpoint's type,
 * authorized for the caller, and valid ({@link EventJson#read}). All or nothing: one forbidden event makes the
 * request 403, else one invalid event makes it 400, and nothing of it is produced.
 */
public final class EventBatch {
    private EventBatch() {}

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    // a reversal names its claim too: its own id, reversalId, comes first
    private static final List<String> ID_FIELDS = List.of("eventId", "reversalId", "claimId", "applicationId", "name");

    /** What is wrong with one event: its index in the array, its id as sent (or null), the field, why. */
    public record Problem(int index, String eventId, String field, String reason) {}

    /** Decides whether the caller may send this (still unvalidated) event; null when it may. */
    @FunctionalInterface
    public interface Authorizer {
        Problem check(int index, String id, JsonNode event);

        Authorizer ANYONE = (index, id, event) -> null;
    }

    public sealed interface Outcome<T> {
        /** Every event is authorized and valid, in the order sent. */
        record Accepted<T>(List<T> events) implements Outcome<T> {}

        /** The body is not a JSON array. */
        record Malformed<T>(String reason) implements Outcome<T> {}

        /** Some events are not the caller's to send: 403. */
        record Forbidden<T>(List<Problem> problems) implements Outcome<T> {}

        /** Some events break the contract: 400. */
        record Invalid<T>(List<Problem> problems) implements Outcome<T> {}

        /** More events than allowed in one request: 413. */
        record TooLarge<T>(int count, int max) implements Outcome<T> {}
    }

    /** As {@link #check(String, int, Class, String, Authorizer)}, for the body's bytes: refused unless they are UTF-8. */
    public static <T extends SpecificRecord> Outcome<T> check(byte[] body, int maxEvents, Class<T> type, String typeName,
                                                             Authorizer authorizer) {
        String text;
        try {
            text = RequestBodies.utf8(body);
        } catch (RequestBodies.NotUtf8 e) {
            return new Outcome.Malformed<>(e.getMessage());
        }
        return check(text, maxEvents, type, typeName, authorizer);
    }

    /**
     * @param type      the record type this endpoint takes
     * @param typeName  its contract name, for the message ("claim")
     */
    public static <T extends SpecificRecord> Outcome<T> check(String body, int maxEvents, Class<T> type, String typeName,
                                                             Authorizer authorizer) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return new Outcome.Malformed<>("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            return new Outcome.Malformed<>("the body must be a JSON array of " + typeName + " events");
        }
        if (root.size() > maxEvents) return new Outcome.TooLarge<>(root.size(), maxEvents);
        List<Problem> forbidden = new ArrayList<>();
        List<Problem> invalid = new ArrayList<>();
        List<T> events = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            if (!node.isObject()) {
                invalid.add(new Problem(i, null, null, "not a JSON object"));
                continue;
            }
            String id = id(node);
            Problem denied = authorizer.check(i, id, node);
            if (denied != null) {
                forbidden.add(denied);
                continue;
            }
            try {
                SpecificRecord r = EventJson.read(node); // parsed once, with the body (docs/performance.md)
                if (type.isInstance(r)) {
                    events.add(type.cast(r));
                } else {
                    invalid.add(new Problem(i, id, "type", "must be \"" + typeName + "\" here, not \"" + EventJson.typeOf(r) + "\""));
                }
            } catch (EventFormatException e) {
                invalid.add(new Problem(i, id, e.field(), e.getMessage()));
            }
        }
        if (!forbidden.isEmpty()) return new Outcome.Forbidden<>(List.copyOf(forbidden));
        if (!invalid.isEmpty()) return new Outcome.Invalid<>(List.copyOf(invalid));
        return new Outcome.Accepted<>(List.copyOf(events));
    }

    /** A text field of an event, or null when it is absent or not text. */
    public static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    /** A checked event's id (its first id field that is set), as a refusal shows it; null when it has none. */
    public static String id(SpecificRecord event) {
        for (String f : ID_FIELDS) {
            if (event.getSchema().getField(f) == null) continue;
            Object v = event.get(event.getSchema().getField(f).pos());
            if (v != null) return EventRules.shown(v.toString());
        }
        return null;
    }

    /** The event's id as sent, or its first characters when it is longer than the contract allows (docs/contract.md). */
    private static String id(JsonNode node) {
        for (String f : ID_FIELDS) {
            String v = text(node.get(f));
            if (v != null) return EventRules.shown(v);
        }
        return null;
    }
}
