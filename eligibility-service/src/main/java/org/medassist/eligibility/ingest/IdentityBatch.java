package org.medassist.eligibility.ingest;

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
import org.medassist.events.Department;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentityType;
import org.medassist.schemas.Departments;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventJson;

/**
 * Checks one POST body of identity events for a department: the body must be a JSON array of events in the
 * contract's form; each event must be the department's own ({@code department} equal to the token's department)
 * and of an identity that department certifies (EVENTS.md), else the request is forbidden; each must pass the
 * contract ({@link EventJson#read}), else it is invalid. All or nothing: one forbidden event makes the whole request
 * 403, else one invalid event makes it 400, and no event of it is produced.
 */
public final class IdentityBatch {
    private IdentityBatch() {}

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /** What is wrong with one event: its index in the array, its eventId as sent (or null), why. */
    public record Problem(int index, String eventId, String field, String reason) {}

    public sealed interface Outcome {
        /** Every event is the department's and valid, in the order sent. */
        record Accepted(List<IdentityEvent> events) implements Outcome {}

        /** The body is not a JSON array. */
        record Malformed(String reason) implements Outcome {}

        /** Some events are not the department's to send: 403. */
        record Forbidden(List<Problem> problems) implements Outcome {}

        /** Some events break the contract: 400. */
        record Invalid(List<Problem> problems) implements Outcome {}

        /** More events than allowed in one request: 413. */
        record TooLarge(int count, int max) implements Outcome {}
    }

    public static Outcome check(Department department, String body, int maxEvents) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return new Outcome.Malformed("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            return new Outcome.Malformed("the body must be a JSON array of identity events");
        }
        if (root.size() > maxEvents) return new Outcome.TooLarge(root.size(), maxEvents);
        List<Problem> forbidden = new ArrayList<>();
        List<Problem> invalid = new ArrayList<>();
        List<IdentityEvent> events = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            String eventId = node.isObject() ? text(node.get("eventId")) : null;
            if (!node.isObject()) {
                invalid.add(new Problem(i, null, null, "not a JSON object"));
                continue;
            }
            Problem denied = authorize(department, i, eventId, node);
            if (denied != null) {
                forbidden.add(denied);
                continue;
            }
            try {
                SpecificRecord r = EventJson.read(node.toString());
                if (r instanceof IdentityEvent e) {
                    events.add(e);
                } else {
                    invalid.add(new Problem(i, eventId, "type", "must be \"identity\" here, not \"" + EventJson.typeOf(r) + "\""));
                }
            } catch (EventFormatException e) {
                invalid.add(new Problem(i, eventId, e.field(), e.getMessage()));
            }
        }
        if (!forbidden.isEmpty()) return new Outcome.Forbidden(List.copyOf(forbidden));
        if (!invalid.isEmpty()) return new Outcome.Invalid(List.copyOf(invalid));
        return new Outcome.Accepted(List.copyOf(events));
    }

    /** A department may send only its own events, of identities it certifies. Unreadable fields are left to validation. */
    private static Problem authorize(Department department, int index, String eventId, JsonNode node) {
        String sentDepartment = text(node.get("department"));
        if (sentDepartment != null && isDepartment(sentDepartment) && !sentDepartment.equals(department.name())) {
            return new Problem(index, eventId, "department", "this token is for department " + department.name()
                    + " and cannot send events of department " + sentDepartment);
        }
        String identity = text(node.get("identity"));
        if (identity != null && isIdentity(identity) && !Departments.certifies(department, IdentityType.valueOf(identity))) {
            return new Problem(index, eventId, "identity", "department " + department.name() + " does not certify identity "
                    + identity + " (certified by " + Departments.certifierOf(IdentityType.valueOf(identity)).name() + ")");
        }
        return null;
    }

    private static boolean isDepartment(String s) {
        for (Department d : Department.values()) if (d.name().equals(s)) return true;
        return false;
    }

    private static boolean isIdentity(String s) {
        for (IdentityType t : IdentityType.values()) if (t.name().equals(s)) return true;
        return false;
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.textValue() : null;
    }
}
