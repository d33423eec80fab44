package org.medassist.schemas.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.events.Alert;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.IdentityEvent;
import org.medassist.events.Parameter;
import org.medassist.events.Settlement;
import org.medassist.events.YearClose;
import org.medassist.schemas.EventClasses;
import org.medassist.engine.money.Money;

/**
 * The codec between the contract's JSON form (docs/contract.md: HTTP bodies and JSON Lines files) and the Avro records.
 *
 * <p>The Avro schemas drive both directions: fields are read and written in schema order, which is the contract's
 * order. Each schema names its JSON {@code "type"} in its {@code jsonType} property; the id of an event is its first
 * field when that field's name ends in {@code Id}. Avro {@code long} fields are money in fen and travel as yuan
 * strings ({@link Money}); {@code int} fields with the {@code date} logical type travel as ISO dates.
 *
 * <p>Reading validates the whole contract (DECISIONS E5 included) and throws {@link EventFormatException} naming the
 * event, the field and the problem. Fields the contract does not name are ignored. Writing is deterministic: equal
 * records give byte-identical lines.
 */
public final class EventJson {
    private EventJson() {}

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final SpecificData DATA = SpecificData.get();

    /** Event types that are outputs: their money may be negative (deltas). Input money may not. */
    private static final Set<String> OUTPUT_TYPES = Set.of("settlement", "alert");

    private static final Map<String, Schema> SCHEMA_BY_TYPE;
    private static final Map<String, String> TYPE_BY_SCHEMA_NAME;

    static {
        Map<String, Schema> byType = new LinkedHashMap<>();
        Map<String, String> byName = new LinkedHashMap<>();
        EventClasses.trust();
        for (Schema s : EventClasses.schemas()) {
            String type = s.getProp("jsonType");
            if (type == null) throw new IllegalStateException(s.getFullName() + " has no jsonType property");
            byType.put(type, s);
            byName.put(s.getFullName(), type);
        }
        SCHEMA_BY_TYPE = Collections.unmodifiableMap(byType);
        TYPE_BY_SCHEMA_NAME = Collections.unmodifiableMap(byName);
    }

    private static final String TYPE_LIST = String.join(", ", SCHEMA_BY_TYPE.keySet());
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The JSON {@code "type"} names, in the contract's order. */
    public static Set<String> types() {
        return SCHEMA_BY_TYPE.keySet();
    }

    /**
     * Types by record class (a generated class has one schema): looking the schema's full name up costs more than
     * writing a short event, since {@code getFullName()} builds a new string on each call. Empty for a class whose
     * schema is not known this way; such records are looked up by name.
     */
    private static final ClassValue<String> TYPE_BY_CLASS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> recordClass) {
            try {
                String type = TYPE_BY_SCHEMA_NAME.get(SpecificData.get().getSchema(recordClass).getFullName());
                return type == null ? "" : type;
            } catch (RuntimeException e) {
                return "";
            }
        }
    };

    /** The JSON {@code "type"} of an event record, e.g. {@code "claim"}. */
    public static String typeOf(SpecificRecord record) {
        String type = TYPE_BY_CLASS.get(record.getClass());
        if (!type.isEmpty()) return type;
        type = TYPE_BY_SCHEMA_NAME.get(record.getSchema().getFullName());
        if (type == null) throw new IllegalArgumentException(record.getSchema().getFullName() + " is not an event of the contract");
        return type;
    }

    /**
     * Reads one JSON event into its Avro record ({@link IdentityEvent}, {@link Claim}, {@link ClaimReversal},
     * {@link Application}, {@link Parameter}, {@link YearClose}, {@link Settlement} or {@link Alert}), validating it.
     *
     * @throws EventFormatException when the line breaks the contract
     */
    public static SpecificRecord read(String jsonLine) {
        JsonNode root;
        try {
            root = jsonLine == null ? null : MAPPER.readTree(jsonLine);
        } catch (JsonProcessingException e) {
            throw new EventFormatException(null, null, null, null, null, "line is not valid JSON: " + e.getOriginalMessage());
        }
        return read(root);
    }

    /**
     * {@link #read(String)} of an event already parsed, strictly (duplicate keys refused), as one element of a request
     * body: the same checks and messages, without writing the element back to text and parsing it again. Number nodes
     * may be of any Jackson kind; the contract's numbers are integers, judged by value.
     */
    public static SpecificRecord read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new EventFormatException(null, null, null, null, null, "line is not a JSON object");
        }
        String personId = EventRules.shown(textOrNull(root.get("personId")));
        String region = EventRules.shown(textOrNull(root.get("region")));
        JsonNode typeNode = root.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new EventFormatException(null, null, personId, region, "type", EventFormatException.MISSING);
        }
        if (!typeNode.isTextual()) {
            throw EventFormatException.unknownType(null, personId, region, "must be a string");
        }
        String type = typeNode.textValue();
        Schema schema = SCHEMA_BY_TYPE.get(type);
        if (schema == null) {
            throw EventFormatException.unknownType(EventRules.shown(type), personId, region, quote(type) + " is not one of " + TYPE_LIST);
        }
        String idField = idField(schema);
        String id = idField == null ? null : EventRules.shown(textOrNull(root.get(idField)));
        Reader reader = new Reader(type, id, personId, region, !OUTPUT_TYPES.contains(type));
        SpecificRecord record = reader.record(schema, root, "");
        reader.validate(record);
        return record;
    }

    /**
     * Writes an event record as one compact JSON line (no line break): {@code "type"} first, then the contract's
     * fields in order; money as yuan with two decimals, dates ISO, absent nullable fields as {@code null}. Strings
     * are escaped as Jackson escapes them (quote, backslash and control characters; other characters as they are).
     *
     * @throws IllegalArgumentException when the record is not an event of the contract or a required field is null
     */
    public static String write(SpecificRecord record) {
        String type = typeOf(record);
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"type\":");
        appendString(sb, type);
        for (Schema.Field f : record.getSchema().getFields()) {
            sb.append(",\"").append(f.name()).append("\":");
            writeValue(sb, f.schema(), record.get(f.pos()), type, null, f.name());
        }
        return sb.append('}').toString();
    }

    // ---------------------------------------------------------------------------------------------------- writing

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * Appends one value; the field's path ({@code parent.name}) is only built for an error message.
     */
    private static void writeValue(StringBuilder sb, Schema s, Object v, String type, String parent, String name) {
        if (s.getType() == Schema.Type.UNION) {
            if (v == null) {
                sb.append("null");
                return;
            }
            s = nonNullBranch(s);
        } else if (v == null) {
            throw new IllegalArgumentException(type + ": required field " + path(parent, name) + " is null");
        }
        switch (s.getType()) {
            case STRING:
                appendString(sb, v.toString());
                break;
            case LONG:
                Money.appendYuan(sb.append('"'), (Long) v).append('"');
                break;
            case INT:
                if (isDate(s)) appendDate(sb.append('"'), (LocalDate) v).append('"');
                else sb.append(((Integer) v).intValue());
                break;
            case BOOLEAN:
                sb.append(((Boolean) v).booleanValue());
                break;
            case ENUM:
                appendString(sb, v.toString());
                break;
            case RECORD: {
                sb.append('{');
                String here = path(parent, name);
                boolean first = true;
                for (Schema.Field f : s.getFields()) {
                    if (!first) sb.append(',');
                    first = false;
                    sb.append('"').append(f.name()).append("\":");
                    writeValue(sb, f.schema(), ((SpecificRecord) v).get(f.pos()), type, here, f.name());
                }
                sb.append('}');
                break;
            }
            case ARRAY: {
                sb.append('[');
                String items = path(parent, name) + "[]";
                boolean first = true;
                for (Object item : (List<?>) v) {
                    if (!first) sb.append(',');
                    first = false;
                    writeValue(sb, s.getElementType(), item, type, null, items);
                }
                sb.append(']');
                break;
            }
            default:
                throw new IllegalStateException("the JSON codec does not handle " + s + " at " + path(parent, name));
        }
    }

    private static String path(String parent, String name) {
        return parent == null ? name : parent + "." + name;
    }

    /** ISO {@code YYYY-MM-DD}, written directly for four-digit years, by the ISO formatter otherwise. */
    static StringBuilder appendDate(StringBuilder sb, LocalDate d) {
        int y = d.getYear();
        if (y < 1000 || y > 9999) return sb.append(d.format(DateTimeFormatter.ISO_LOCAL_DATE));
        int m = d.getMonthValue();
        int day = d.getDayOfMonth();
        sb.append(y).append(m < 10 ? "-0" : "-").append(m).append(day < 10 ? "-0" : "-").append(day);
        return sb;
    }

    /** A JSON string: quote and backslash escaped, control characters as short escapes (b t n f r) or u00XX. */
    static void appendString(StringBuilder sb, String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') break;
            i++;
        }
        if (i == n) {
            sb.append('"').append(text).append('"'); // nothing to escape: one copy
            return;
        }
        sb.append('"');
        int from = 0;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            sb.append(text, from, i).append('\\');
            switch (c) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '\b' -> sb.append('b');
                case '\t' -> sb.append('t');
                case '\n' -> sb.append('n');
                case '\f' -> sb.append('f');
                case '\r' -> sb.append('r');
                default -> sb.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            from = i + 1;
        }
        sb.append(text, from, n).append('"');
    }

    // ---------------------------------------------------------------------------------------------------- reading

    /** Reads one event's fields; knows the event's identity for its error messages. */
    private static final class Reader {
        private final String type;
        private final String id;
        private final String personId;
        private final String region;
        private final boolean input;

        Reader(String type, String id, String personId, String region, boolean input) {
            this.type = type;
            this.id = id;
            this.personId = personId;
            this.region = region;
            this.input = input;
        }

        EventFormatException fail(String field, String problem) {
            return new EventFormatException(type, id, personId, region, field, problem);
        }

        SpecificRecord record(Schema schema, JsonNode object, String prefix) {
            SpecificRecord record = (SpecificRecord) DATA.newRecord(null, schema);
            for (Schema.Field f : schema.getFields()) {
                record.put(f.pos(), field(f, object.get(f.name()), prefix + f.name()));
            }
            return record;
        }

        private Object field(Schema.Field f, JsonNode node, String path) {
            Schema s = f.schema();
            boolean nullable = s.getType() == Schema.Type.UNION;
            if (nullable) s = nonNullBranch(s);
            if (node == null || node.isNull()) {
                if (nullable) return null;
                if (s.getType() == Schema.Type.RECORD && f.hasDefaultValue()) {
                    return record(s, JsonNodeFactory.instance.objectNode(), path + ".");
                }
                if (f.hasDefaultValue()) return DATA.deepCopy(s, DATA.getDefaultValue(f));
                throw fail(path, EventFormatException.MISSING);
            }
            if (!nullable && s.getType() == Schema.Type.STRING && node.isTextual() && node.textValue().isEmpty()
                    && !("settlement".equals(type) && EventRules.EMPTY_WHEN_REJECTED.contains(path))) {
                throw fail(path, "is empty"); // a rejection may name no person or policy: EventRules decides
            }
            return value(s, node, path);
        }

        private Object value(Schema s, JsonNode node, String path) {
            switch (s.getType()) {
                case STRING: {
                    if (!node.isTextual()) throw fail(path, "must be a string");
                    String problem = input ? EventRules.textProblem(node.textValue(), path) : null;
                    if (problem != null) throw fail(path, problem);
                    return node.textValue();
                }
                case LONG:
                    return money(node, path);
                case INT:
                    if (isDate(s)) return date(node, path);
                    if (!node.isIntegralNumber() || !node.canConvertToInt()) throw fail(path, "must be an integer");
                    return node.intValue();
                case BOOLEAN:
                    if (!node.isBoolean()) throw fail(path, "must be true or false");
                    return node.booleanValue();
                case ENUM: {
                    if (!node.isTextual()) throw fail(path, "must be a string");
                    String symbol = node.textValue();
                    if (!s.hasEnumSymbol(symbol)) {
                        throw fail(path, quote(symbol) + " is not one of " + String.join(", ", s.getEnumSymbols()));
                    }
                    return DATA.createEnum(symbol, s);
                }
                case RECORD:
                    if (!node.isObject()) throw fail(path, "must be an object");
                    return record(s, node, path + ".");
                case ARRAY: {
                    if (!node.isArray()) throw fail(path, "must be an array");
                    List<Object> items = new ArrayList<>(node.size());
                    for (int i = 0; i < node.size(); i++) {
                        JsonNode item = node.get(i);
                        if (item == null || item.isNull()) throw fail(path + "[" + i + "]", "must not be null");
                        items.add(value(s.getElementType(), item, path + "[" + i + "]"));
                    }
                    return items;
                }
                default:
                    throw new IllegalStateException("the JSON codec does not handle " + s + " at " + path);
            }
        }

        private long money(JsonNode node, String path) {
            if (!node.isTextual()) throw fail(path, "must be a yuan string like \"1234.50\"");
            String text = node.textValue();
            if (text.length() > EventRules.MAX_TEXT) throw fail(path, EventRules.textProblem(text));
            long fen;
            try {
                fen = Money.parseYuan(text);
            } catch (IllegalArgumentException e) {
                throw fail(path, e.getMessage());
            }
            if (input && fen < 0) throw fail(path, quote(text) + " is negative");
            if (Math.abs(fen) > Money.MAX_FEN) {
                throw fail(path, quote(text) + " exceeds the largest amount " + Money.format(Money.MAX_FEN));
            }
            return fen;
        }

        private LocalDate date(JsonNode node, String path) {
            if (!node.isTextual()) throw fail(path, "must be a date string (YYYY-MM-DD)");
            String text = node.textValue();
            if (DATE.matcher(text).matches()) {
                LocalDate d = null;
                try {
                    d = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
                } catch (DateTimeParseException e) {
                    // falls through to the message below
                }
                if (d != null) {
                    String problem = input ? EventRules.dateProblem(d) : null;
                    if (problem != null) throw fail(path, problem);
                    return d;
                }
            }
            throw fail(path, quote(text) + " is not a date (YYYY-MM-DD)");
        }

        void validate(SpecificRecord record) {
            EventRules.acrossFields(record, new EventRules.Context(type, id, personId, region, input));
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static String idField(Schema schema) {
        String first = schema.getFields().get(0).name();
        return first.endsWith("Id") ? first : null;
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isEmpty() ? node.textValue() : null;
    }

    private static Schema nonNullBranch(Schema union) {
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) return branch;
        }
        throw new IllegalStateException("union without a non-null branch: " + union);
    }

    private static boolean isDate(Schema s) {
        return s.getLogicalType() instanceof LogicalTypes.Date;
    }

    private static String quote(String text) {
        return '"' + EventRules.shown(text) + '"';
    }
}
