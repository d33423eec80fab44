package org.medassist.settlement.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medassist.engine.policy.doc.PolicyTable;
import org.medassist.engine.policy.load.PolicyFileException;
import org.medassist.engine.policy.load.PolicySource;

/**
 * The difference between two policy catalogs, rule by rule (docs/whatif.md, "The policy difference"): every value of
 * the policy files that differs, grouped under the cited rule that holds it, the rule being a row of
 * {@link PolicyTable} (the table of docs/policies.md) with its clause and quote on each side. Paths are written as
 * PolicyTable writes them: list items by their {@code key} ({@code tiers[B]}) or else their index.
 */
public final class PolicyDiff {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SOURCES = Pattern.compile("(.*)\\.sources\\.([A-Za-z0-9_]+)");
    private static final Pattern NAMED_SOURCE = Pattern.compile("(?:(.*)\\.)?([a-z][A-Za-z0-9]*)Source");

    private PolicyDiff() {}

    /** One value that differs: its path in the policy file, before and after ("—" when absent). */
    public record Change(String path, String before, String after) {}

    /**
     * A cited rule with the values of it that differ. {@code rule} is the key of the rule's source in the policy file
     * (PolicyTable's key column); {@code baseRule} and {@code changedRule} are PolicyTable's reading of it on each side
     * (null where the side lacks it).
     */
    public record RuleChange(String region, String rule, String clause, String quote, String baseRule, String changedRule,
                             List<Change> changes) {}

    /** Every rule that differs, region by region, in the order of the files. */
    public static List<RuleChange> between(List<PolicySource> baseline, List<PolicySource> changed) {
        Map<String, PolicySource> base = byRegion(baseline);
        Map<String, PolicySource> chg = byRegion(changed);
        Set<String> regions = new LinkedHashSet<>(base.keySet());
        regions.addAll(chg.keySet());
        List<RuleChange> out = new ArrayList<>();
        for (String region : new java.util.TreeSet<>(regions)) {
            PolicySource b = base.get(region);
            PolicySource c = chg.get(region);
            if (b == null || c == null) {
                PolicySource only = b == null ? c : b;
                JsonNode root = read(only);
                String doc = root.path("document").asText();
                out.add(new RuleChange(region, "", "", "", b == null ? null : "the policy " + doc, c == null ? null : "the policy " + doc,
                        List.of(new Change("(the whole policy file)", b == null ? "—" : "present", c == null ? "—" : "present"))));
                continue;
            }
            if (b.policy().equals(c.policy())) continue;
            List<Change> leaves = new ArrayList<>();
            diff(read(b), read(c), "", leaves);
            if (leaves.isEmpty()) continue;
            out.addAll(group(region, leaves, PolicyTable.rows(b), PolicyTable.rows(c)));
        }
        return out;
    }

    private static Map<String, PolicySource> byRegion(List<PolicySource> sources) {
        Map<String, PolicySource> m = new TreeMap<>();
        for (PolicySource s : sources) m.put(s.region(), s);
        return m;
    }

    private static JsonNode read(PolicySource s) {
        try {
            return YAML.readTree(s.policy());
        } catch (IOException e) {
            throw new PolicyFileException(s.describe(PolicySource.POLICY) + ": not valid YAML: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ value diff

    private static void diff(JsonNode a, JsonNode b, String path, List<Change> out) {
        if (a != null && a.isNull()) a = null;
        if (b != null && b.isNull()) b = null;
        if (a == null && b == null) return;
        if (a != null && a.equals(b)) return;
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) diff(a.get(k), b.get(k), path.isEmpty() ? k : path + "." + k, out);
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray()) {
            if (keyed(a) && keyed(b)) {
                Map<String, JsonNode> ai = byKey(a);
                Map<String, JsonNode> bi = byKey(b);
                Set<String> keys = new LinkedHashSet<>(ai.keySet());
                keys.addAll(bi.keySet());
                for (String k : keys) diff(ai.get(k), bi.get(k), path + "[" + k + "]", out);
            } else {
                for (int i = 0; i < Math.max(a.size(), b.size()); i++) diff(a.get(i), b.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        out.add(new Change(path, text(a), text(b)));
    }

    private static boolean keyed(JsonNode array) {
        if (array.isEmpty()) return false;
        for (JsonNode n : array) if (!n.isObject() || !n.has("key")) return false;
        return true;
    }

    private static Map<String, JsonNode> byKey(JsonNode array) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (JsonNode n : array) m.put(n.get("key").asText(), n);
        return m;
    }

    static String text(JsonNode n) {
        if (n == null || n.isNull()) return "—";
        if (n.isValueNode()) return n.asText();
        try {
            return JSON.writeValueAsString(n);
        } catch (IOException e) {
            return n.toString();
        }
    }

    // ------------------------------------------------------------------------------------------- rules and clauses

    /** The rule a source row cites: the mapping around its source, and for named sources the key they speak for. */
    private record Owner(PolicyTable.Row row, String path, String hint) {
        static Owner of(PolicyTable.Row row) {
            String k = row.key();
            if (k.equals("source")) return new Owner(row, "", null);
            if (k.endsWith(".source")) return new Owner(row, k.substring(0, k.length() - ".source".length()), null);
            Matcher m = SOURCES.matcher(k);
            if (m.matches()) return new Owner(row, m.group(1), m.group(2));
            m = NAMED_SOURCE.matcher(k);
            if (m.matches()) return new Owner(row, m.group(1) == null ? "" : m.group(1), m.group(2));
            return new Owner(row, k, null);
        }

        /** How well this rule holds {@code path}: the length of the owner path, +1 for a named source; -1 when it does not. */
        int score(String path) {
            if (!this.path.isEmpty() && !(path.equals(this.path) || path.startsWith(this.path + ".") || path.startsWith(this.path + "["))) {
                return -1;
            }
            if (hint == null) return 2 * this.path.length();
            String rest = this.path.isEmpty() ? path : path.substring(Math.min(path.length(), this.path.length() + 1));
            return rest.startsWith(hint) ? 2 * this.path.length() + 1 : -1;
        }
    }

    private static List<RuleChange> group(String region, List<Change> leaves, List<PolicyTable.Row> baseRows,
                                          List<PolicyTable.Row> changedRows) {
        List<Owner> changedOwners = changedRows.stream().map(Owner::of).toList();
        List<Owner> baseOwners = baseRows.stream().map(Owner::of).toList();
        Map<String, PolicyTable.Row> baseByKey = new LinkedHashMap<>();
        for (PolicyTable.Row r : baseRows) baseByKey.put(r.key(), r);
        Map<String, PolicyTable.Row> changedByKey = new LinkedHashMap<>();
        for (PolicyTable.Row r : changedRows) changedByKey.put(r.key(), r);
        Map<String, List<Change>> byRule = new LinkedHashMap<>();
        for (Change c : leaves) {
            Owner o = best(changedOwners, c.path());
            if (o == null || c.after().equals("—")) {
                Owner ob = best(baseOwners, c.path());
                if (ob != null && (o == null || ob.score(c.path()) > o.score(c.path()))) o = ob;
            }
            byRule.computeIfAbsent(o == null ? "" : o.row().key(), k -> new ArrayList<>()).add(c);
        }
        List<RuleChange> out = new ArrayList<>();
        for (Map.Entry<String, List<Change>> e : byRule.entrySet()) {
            PolicyTable.Row b = baseByKey.get(e.getKey());
            PolicyTable.Row c = changedByKey.get(e.getKey());
            PolicyTable.Row cite = c != null ? c : b;
            out.add(new RuleChange(region, ruleOf(e.getKey()), cite == null ? "" : cite.clause(), cite == null ? "" : cite.quote(),
                    b == null ? null : b.rule(), c == null ? null : c.rule(), List.copyOf(e.getValue())));
        }
        return out;
    }

    /** The rule a source row speaks for, as a report names it: "tiers[B].rates.inpatient", not its ".source" key. */
    static String ruleOf(String sourceKey) {
        if (sourceKey.equals("source")) return "";
        return sourceKey.endsWith(".source") ? sourceKey.substring(0, sourceKey.length() - ".source".length()) : sourceKey;
    }

    private static Owner best(List<Owner> owners, String path) {
        Owner best = null;
        int score = -1;
        for (Owner o : owners) {
            int s = o.score(path);
            if (s > score) {
                score = s;
                best = o;
            }
        }
        return best;
    }

    /** For messages and tests: the whole difference as lines. */
    public static String describe(List<RuleChange> changes) {
        StringBuilder sb = new StringBuilder();
        for (RuleChange r : changes) {
            sb.append(r.region()).append(' ').append(r.rule().isEmpty() ? "(policy)" : r.rule()).append(" — ").append(r.clause())
                    .append(" 「").append(r.quote()).append("」\n");
            for (Change c : r.changes()) sb.append("    ").append(c.path()).append(": ").append(c.before()).append(" → ").append(c.after()).append('\n');
        }
        return sb.toString();
    }
}
