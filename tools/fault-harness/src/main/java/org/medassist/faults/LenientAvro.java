package org.medassist.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.money.Money;
import org.medassist.schemas.EventClasses;

/**
 * The Avro record of a JSON event that breaks the contract, as a producer writing straight to Kafka could send it:
 * the same field mapping as the contract's codec (money as yuan strings into fen, dates as ISO strings), without the
 * contract's rules (negative amounts, sums that disagree, a department certifying another's identity all pass). What
 * Avro itself cannot hold (a date that does not exist, an enum symbol the schema does not name, a required field
 * missing) is {@link Unrepresentable}: no Kafka producer can send it, so it is never published.
 */
final class LenientAvro {
    private LenientAvro() {}

    /** The event cannot be written as its Avro record. */
    static final class Unrepresentable extends Exception {
        private static final long serialVersionUID = 1L;

        Unrepresentable(String message) {
            super(message, null, false, false);
        }
    }

    private static final SpecificData DATA = SpecificData.get();
    private static final Map<String, Schema> SCHEMAS = new HashMap<>();

    static {
        EventClasses.trust();
        for (Schema s : EventClasses.schemas()) SCHEMAS.put(s.getProp("jsonType"), s);
    }

    static SpecificRecord read(JsonNode root) throws Unrepresentable {
        if (root == null || !root.isObject()) throw new Unrepresentable("not a JSON object");
        JsonNode type = root.get("type");
        Schema schema = type != null && type.isTextual() ? SCHEMAS.get(type.textValue()) : null;
        if (schema == null) throw new Unrepresentable("no event type the schemas name");
        return record(schema, root, "");
    }

    private static SpecificRecord record(Schema schema, JsonNode object, String prefix) throws Unrepresentable {
        SpecificRecord record = (SpecificRecord) DATA.newRecord(null, schema);
        for (Schema.Field f : schema.getFields()) record.put(f.pos(), field(f, object.get(f.name()), prefix + f.name()));
        return record;
    }

    private static Object field(Schema.Field f, JsonNode node, String path) throws Unrepresentable {
        Schema s = f.schema();
        boolean nullable = s.getType() == Schema.Type.UNION;
        if (nullable) s = nonNull(s);
        if (node == null || node.isNull()) {
            if (nullable) return null;
            if (f.hasDefaultValue()) return DATA.deepCopy(s, DATA.getDefaultValue(f));
            throw new Unrepresentable(path + " is missing");
        }
        return value(s, node, path);
    }

    private static Object value(Schema s, JsonNode node, String path) throws Unrepresentable {
        switch (s.getType()) {
            case STRING:
                if (!node.isTextual()) throw new Unrepresentable(path + " is not a string");
                return node.textValue();
            case LONG:
                if (!node.isTextual()) throw new Unrepresentable(path + " is not a yuan string");
                try {
                    return Money.parseYuan(node.textValue());
                } catch (IllegalArgumentException e) {
                    throw new Unrepresentable(path + " " + e.getMessage());
                }
            case INT:
                if (s.getLogicalType() instanceof LogicalTypes.Date) {
                    try {
                        return LocalDate.parse(node.asText());
                    } catch (DateTimeParseException e) {
                        throw new Unrepresentable(path + " is not a date");
                    }
                }
                if (!node.canConvertToInt()) throw new Unrepresentable(path + " is not an int");
                return node.intValue();
            case BOOLEAN:
                if (!node.isBoolean()) throw new Unrepresentable(path + " is not a boolean");
                return node.booleanValue();
            case ENUM:
                if (!node.isTextual() || !s.hasEnumSymbol(node.textValue())) throw new Unrepresentable(path + " is not a symbol of " + s.getName());
                return DATA.createEnum(node.textValue(), s);
            case RECORD:
                if (!node.isObject()) throw new Unrepresentable(path + " is not an object");
                return record(s, node, path + ".");
            case ARRAY: {
                if (!node.isArray()) throw new Unrepresentable(path + " is not an array");
                List<Object> items = new ArrayList<>();
                for (JsonNode item : node) items.add(value(s.getElementType(), item, path + "[]"));
                return items;
            }
            default:
                throw new Unrepresentable(path + ": no mapping for " + s.getType());
        }
    }

    private static Schema nonNull(Schema union) {
        for (Schema b : union.getTypes()) if (b.getType() != Schema.Type.NULL) return b;
        throw new IllegalStateException("union without a non-null branch: " + union);
    }
}
