package org.medassist.engine.policy.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medassist.engine.policy.Rates;
import org.medassist.engine.money.Money;

/** A YAML node that knows its file and key path, so every loading error says exactly where it is. */
final class YamlNode {
    private final String file;
    private final String path;
    private final JsonNode node;

    YamlNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    PolicyFileException error(String problem) {
        return new PolicyFileException(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    String path() { return path; }

    private String child(String key) { return path.isEmpty() ? key : path + "." + key; }

    boolean has(String key) { return node.has(key) && !node.get(key).isNull(); }

    YamlNode get(String key) {
        if (!has(key)) throw error("missing key \"" + key + "\"");
        return new YamlNode(file, child(key), node.get(key));
    }

    YamlNode opt(String key) { return has(key) ? get(key) : null; }

    /** Refuses keys outside {@code allowed}, which catches misspelt rules instead of silently ignoring them. */
    YamlNode only(String... allowed) {
        if (!node.isObject()) throw error("expected a mapping");
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!ok.contains(k)) throw error("unknown key \"" + k + "\"; allowed: " + String.join(", ", allowed));
        }
        return this;
    }

    String text() {
        if (!node.isValueNode()) throw error("expected a value");
        String t = node.asText();
        if (t.isBlank()) throw error("is empty");
        return t;
    }

    String text(String key) { return get(key).text(); }

    int integer() {
        if (!node.canConvertToInt()) throw error("expected a whole number");
        return node.asInt();
    }

    boolean bool() {
        if (!node.isBoolean()) throw error("expected true or false");
        return node.asBoolean();
    }

    LocalDate date() {
        try {
            return LocalDate.parse(text());
        } catch (DateTimeParseException e) {
            throw error("\"" + node.asText() + "\" is not a date (YYYY-MM-DD)");
        }
    }

    long yuan() {
        if (!node.isTextual()) throw error("write yuan as a quoted string like \"3000.00\"");
        try {
            return Money.parseYuan(node.asText());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    int rate() {
        if (!node.isTextual()) throw error("write a rate as a quoted decimal fraction like \"0.65\"");
        try {
            return Rates.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    <E extends Enum<E>> E choice(Class<E> type) {
        String t = text();
        for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(t)) return e;
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(e.name().toLowerCase(java.util.Locale.ROOT));
        throw error("\"" + t + "\" is not one of " + String.join(", ", names));
    }

    List<YamlNode> list() {
        if (!node.isArray()) throw error("expected a list");
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) out.add(new YamlNode(file, path + "[" + i + "]", node.get(i)));
        return out;
    }

    List<String> texts() {
        List<String> out = new ArrayList<>();
        for (YamlNode n : list()) out.add(n.text());
        return out;
    }

    Map<String, YamlNode> entries() {
        if (!node.isObject()) throw error("expected a mapping");
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), new YamlNode(file, child(e.getKey()), e.getValue()));
        }
        return out;
    }
}
