package org.medassist.settlement.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.medassist.engine.policy.load.PolicySource;

/**
 * {@code --set REGION:PATH=VALUE}: a change to one value of a region's policy file (docs/whatif.md, "Overrides").
 *
 * <ul>
 *   <li>{@code REGION} is a region key of the baseline catalog ({@code nanjing}).</li>
 *   <li>{@code PATH} walks the YAML as docs/policies.md names its keys: mapping keys joined by dots, and list items
 *       selected in brackets by their {@code key} ({@code tiers[B]}, {@code amounts[tier_d_deductible]}) or by their
 *       index from 0 ({@code tiers[0]}, {@code bands[1]}). Every key and item on the way must exist; only the last key
 *       may be new, in a mapping that exists (the loader then checks it like any key of the file).</li>
 *   <li>{@code VALUE} is written as in the file, without quotes ({@code 0.95}, {@code 60000.00}, {@code 2024-07-01},
 *       {@code true}) and keeps the type of the value it replaces: a quoted string stays a string, a whole number a
 *       number. A value in {@code [...]} or <code>{...}</code> is YAML flow and replaces a whole list or mapping, e.g.
 *       {@code bands=[{upTo: "3000.00", rate: "0.85"}, {rate: "0.80"}]}.</li>
 * </ul>
 *
 * A path that does not exist, a value of the wrong type or the same path set twice is refused with an
 * {@link OverrideException} naming the override and what the file has there; the changed files are then loaded by the
 * policy loader, whose errors name the file and key.
 */
public final class PolicyOverrides {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)); // strings stay quoted, as the loader wants money and rates
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,9}");

    private PolicyOverrides() {}

    /** A refused override: the message names it and the problem. */
    public static final class OverrideException extends IllegalArgumentException {
        public OverrideException(String message) { super(message); }
    }

    /** One path segment: a mapping key and the list items selected after it ({@code tiers[B]}: key tiers, [B]). */
    record Segment(String key, List<String> selectors) {}

    /** A parsed override, with what it changed once applied. */
    public record Override(String text, String region, String path, List<Segment> segments, String value) {}

    /** One applied override: the value before (null when the key was new) and after, as the file writes them. */
    public record Applied(Override override, String before, String after) {}

    /** Reads {@code REGION:PATH=VALUE}. */
    public static Override parse(String text) {
        String t = text == null ? "" : text.strip();
        int colon = t.indexOf(':');
        int eq = indexOfOutsideBrackets(t, '=');
        if (eq < 0) eq = t.indexOf('='); // a "[" left open in the path: its own message below
        if (colon <= 0 || eq < 0 || eq < colon) {
            throw new OverrideException("--set " + text + ": expected REGION:PATH=VALUE, e.g. nanjing:tiers[B].rates.inpatient.rate=0.95");
        }
        String region = t.substring(0, colon).strip();
        String path = t.substring(colon + 1, eq).strip();
        String value = t.substring(eq + 1).strip();
        if (path.isEmpty()) throw new OverrideException("--set " + text + ": the PATH is empty; expected REGION:PATH=VALUE");
        if (value.isEmpty()) throw new OverrideException("--set " + text + ": the VALUE is empty; expected REGION:PATH=VALUE");
        return new Override(t, region, path, segments(t, path), value);
    }

    private static int indexOfOutsideBrackets(String s, char c) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '[') depth++;
            else if (ch == ']') depth = Math.max(0, depth - 1);
            else if (ch == c && depth == 0) return i;
        }
        return -1;
    }

    private static List<Segment> segments(String text, String path) {
        List<Segment> out = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            int start = i;
            while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') i++;
            String key = path.substring(start, i).strip();
            if (key.isEmpty()) throw new OverrideException("--set " + text + ": an empty key in the path \"" + path + "\" (at character " + (start + 1) + ")");
            List<String> selectors = new ArrayList<>();
            while (i < path.length() && path.charAt(i) == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) throw new OverrideException("--set " + text + ": \"[\" without \"]\" in the path \"" + path + "\"");
                String sel = path.substring(i + 1, close).strip();
                if (sel.isEmpty()) throw new OverrideException("--set " + text + ": an empty [] in the path \"" + path + "\"; write an item's key or index");
                selectors.add(sel);
                i = close + 1;
            }
            if (i < path.length()) {
                if (path.charAt(i) != '.') throw new OverrideException("--set " + text + ": expected \".\" after \"" + path.substring(0, i) + "\"");
                i++;
                if (i == path.length()) throw new OverrideException("--set " + text + ": the path \"" + path + "\" ends with \".\"");
            }
            out.add(new Segment(key, List.copyOf(selectors)));
        }
        return List.copyOf(out);
    }

    /** The overrides applied to the sources: the changed sources (the others as they were) and what each changed. */
    public record Result(List<PolicySource> sources, List<Applied> applied) {}

    public static Result apply(List<PolicySource> sources, List<Override> overrides) {
        Map<String, PolicySource> byRegion = new LinkedHashMap<>();
        for (PolicySource s : sources) byRegion.put(s.region(), s);
        Map<String, ObjectNode> trees = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<Applied> applied = new ArrayList<>();
        for (Override o : overrides) {
            PolicySource s = byRegion.get(o.region());
            if (s == null) {
                throw new OverrideException("--set " + o.text() + ": region \"" + o.region() + "\" is not in the policy catalog; regions: "
                        + String.join(", ", byRegion.keySet()) + suggestion(o.region(), byRegion.keySet()));
            }
            if (!seen.add(o.region() + ":" + o.path())) throw new OverrideException("--set " + o.text() + ": " + o.region() + ":" + o.path() + " is set twice");
            ObjectNode root = trees.computeIfAbsent(o.region(), r -> read(s));
            applied.add(set(root, o));
        }
        List<PolicySource> out = new ArrayList<>();
        for (PolicySource s : sources) {
            ObjectNode root = trees.get(s.region());
            if (root == null) {
                out.add(s);
                continue;
            }
            Map<String, String> files = new HashMap<>(s.files());
            files.put(PolicySource.POLICY, write(root));
            out.add(new PolicySource(s.region(), s.location() + " with --set", Map.copyOf(files)));
        }
        return new Result(List.copyOf(out), List.copyOf(applied));
    }

    private static ObjectNode read(PolicySource s) {
        try {
            JsonNode n = YAML.readTree(s.policy());
            if (!(n instanceof ObjectNode o)) throw new OverrideException(s.describe(PolicySource.POLICY) + ": not a mapping");
            return o;
        } catch (IOException e) {
            throw new OverrideException(s.describe(PolicySource.POLICY) + ": not valid YAML: " + e.getMessage());
        }
    }

    private static String write(ObjectNode root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the changed policy: " + e.getMessage(), e);
        }
    }

    private static Applied set(ObjectNode root, Override o) {
        JsonNode node = root;
        String at = "";
        List<Segment> segs = o.segments();
        for (int s = 0; s < segs.size(); s++) {
            Segment seg = segs.get(s);
            boolean last = s == segs.size() - 1;
            if (!(node instanceof ObjectNode map)) {
                throw fail(o, (at.isEmpty() ? "the file" : at) + " is " + kind(node) + ", not a mapping: it has no key \"" + seg.key() + "\"");
            }
            String here = at.isEmpty() ? seg.key() : at + "." + seg.key();
            JsonNode child = map.get(seg.key());
            if (last && seg.selectors().isEmpty()) return put(map, seg.key(), child, here, o);
            if (child == null) {
                throw fail(o, (at.isEmpty() ? "the file" : at) + " has no key \"" + seg.key() + "\"; its keys: " + keys(map)
                        + suggestion(seg.key(), fieldNames(map)));
            }
            node = child;
            at = here;
            for (int k = 0; k < seg.selectors().size(); k++) {
                String sel = seg.selectors().get(k);
                if (!(node instanceof ArrayNode list)) throw fail(o, at + " is " + kind(node) + ", not a list: it has no item [" + sel + "]");
                int index = find(list, sel);
                if (index < 0) throw fail(o, at + " has no item [" + sel + "]; " + items(list) + suggestion(sel, itemKeys(list)));
                String item = at + "[" + sel + "]";
                if (last && k == seg.selectors().size() - 1) return replaceItem(list, index, item, o);
                node = list.get(index);
                at = item;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static int find(ArrayNode list, String sel) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (item.isObject() && item.has("key") && item.get("key").asText().equals(sel)) return i;
        }
        if (WHOLE.matcher(sel).matches()) {
            int i = Integer.parseInt(sel);
            if (i >= 0 && i < list.size()) return i;
        }
        return -1;
    }

    private static Applied put(ObjectNode map, String key, JsonNode old, String path, Override o) {
        JsonNode value = value(old, path, o);
        map.set(key, value);
        return new Applied(o, old == null ? null : PolicyDiff.text(old), PolicyDiff.text(value));
    }

    private static Applied replaceItem(ArrayNode list, int index, String path, Override o) {
        JsonNode old = list.get(index);
        JsonNode value = value(old, path, o);
        list.set(index, value);
        return new Applied(o, PolicyDiff.text(old), PolicyDiff.text(value));
    }

    /** The new value, of the type of the one it replaces. */
    private static JsonNode value(JsonNode old, String path, Override o) {
        String v = o.value();
        if (v.startsWith("[") || v.startsWith("{")) {
            JsonNode flow;
            try {
                flow = YAML.readTree(v);
            } catch (IOException e) {
                throw fail(o, "the value is not valid YAML flow: " + firstLine(e.getMessage()));
            }
            if (old != null && old.isValueNode()) throw fail(o, path + " is a single value (" + PolicyDiff.text(old) + "), not a " + (flow.isArray() ? "list" : "mapping"));
            return flow;
        }
        if (old != null && old.isContainerNode()) {
            throw fail(o, path + " is " + kind(old) + (old.isObject() ? " (keys: " + keys((ObjectNode) old) + ")" : "")
                    + ", not a single value: set one of its keys, or give the whole " + (old.isObject() ? "mapping as {...}" : "list as [...]"));
        }
        if (old == null) {
            if (v.equals("true") || v.equals("false")) return BooleanNode.valueOf(v.equals("true"));
            if (WHOLE.matcher(v).matches()) return IntNode.valueOf(Integer.parseInt(v));
            return TextNode.valueOf(unquote(v));
        }
        if (old.isBoolean()) {
            if (!v.equals("true") && !v.equals("false")) throw fail(o, path + " is true or false (now " + old.asText() + "), not \"" + v + "\"");
            return BooleanNode.valueOf(v.equals("true"));
        }
        if (old.isIntegralNumber()) {
            if (!WHOLE.matcher(v).matches()) throw fail(o, path + " is a whole number (now " + old.asText() + "), not \"" + v + "\"");
            return IntNode.valueOf(Integer.parseInt(v));
        }
        if (old.isNumber()) throw fail(o, path + " is written as a bare number in the file; write it as a quoted string there first");
        return TextNode.valueOf(unquote(v));
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) return v.substring(1, v.length() - 1);
        return v;
    }

    private static OverrideException fail(Override o, String problem) { return new OverrideException("--set " + o.text() + ": " + problem); }

    private static String kind(JsonNode n) {
        if (n == null) return "absent";
        if (n.isObject()) return "a mapping";
        if (n.isArray()) return "a list";
        return "a value (" + n.asText() + ")";
    }

    private static List<String> fieldNames(ObjectNode map) {
        List<String> out = new ArrayList<>();
        map.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String keys(ObjectNode map) { return String.join(", ", fieldNames(map)); }

    private static List<String> itemKeys(ArrayNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : list) if (n.isObject() && n.has("key")) out.add(n.get("key").asText());
        return out;
    }

    private static String items(ArrayNode list) {
        List<String> keys = itemKeys(list);
        String range = list.isEmpty() ? "it is empty" : "its items are [0]…[" + (list.size() - 1) + "]";
        return keys.size() == list.size() && !keys.isEmpty() ? range + ", by key [" + String.join("], [", keys) + "]" : range;
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    /** "; did you mean X?" for a near miss (edit distance at most 2), else "". */
    static String suggestion(String wrong, Iterable<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(wrong.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best == null ? "" : " (did you mean \"" + best + "\"?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
