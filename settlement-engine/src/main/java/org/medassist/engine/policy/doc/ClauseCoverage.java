package org.medassist.engine.policy.doc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.medassist.engine.policy.load.PolicySource;

/**
 * What each numbered clause of a region's document became, read from the region's {@code coverage.yaml}: every
 * clause in document order, either {@code implemented} by policy-file rules (their keys, as in the key column of
 * docs/policies.md) or engine code, {@code partial} with what is missing, or {@code not_applicable} with the reason.
 *
 * <p>{@link #problems} checks a coverage file against its policy file: a key that the policy file does not have, a
 * clause that a rule cites but the coverage file omits or marks not applicable, a rule that its clause's entry does
 * not name. Rules whose clause starts with {@code DECISIONS} cite the project's decisions, not the document.
 */
public final class ClauseCoverage {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FIELDS = Set.of("clause", "title", "status", "keys", "code", "note", "missing", "reason");

    /** How much of a clause the engine carries out. */
    public enum Status {
        IMPLEMENTED("implemented"), PARTIAL("partial"), NOT_APPLICABLE("not_applicable");

        private final String yaml;

        Status(String yaml) { this.yaml = yaml; }

        public String yaml() { return yaml; }

        public String words() { return yaml.replace('_', ' '); }

        static Optional<Status> of(String text) {
            for (Status s : values()) if (s.yaml.equals(text)) return Optional.of(s);
            return Optional.empty();
        }
    }

    /**
     * One numbered clause.
     *
     * @param clause  the clause number as policy files cite it ({@code 三（三）2（5）}, {@code 第五条（二）3})
     * @param title   a short title in Chinese
     * @param keys    policy-file keys of the rules that carry it out
     * @param code    simple names of the classes that carry it out where no policy rule does (engine-wide semantics)
     * @param note    what the implementation does with the clause, or null
     * @param missing for {@code partial}: what is not implemented
     * @param reason  for {@code not_applicable}: why settlement has nothing to do with it
     */
    public record Clause(String clause, String title, Status status, List<String> keys, List<String> code, String note,
                         String missing, String reason) {}

    private ClauseCoverage() {}

    /** The region's clauses, or empty when it has no coverage file; throws when the file is malformed. */
    public static Optional<List<Clause>> read(PolicySource source) {
        Optional<String> text = source.file(PolicySource.COVERAGE);
        if (text.isEmpty()) return Optional.empty();
        List<String> problems = new ArrayList<>();
        List<Clause> clauses = parse(source, text.get(), problems);
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        return Optional.of(clauses);
    }

    /** Every way the region's coverage file disagrees with itself or with its policy file; empty when none. */
    public static List<String> problems(PolicySource source) {
        List<String> out = new ArrayList<>();
        String file = source.describe(PolicySource.COVERAGE);
        Optional<String> text = source.file(PolicySource.COVERAGE);
        if (text.isEmpty()) {
            out.add(file + ": missing; every region lists what each clause of its document became");
            return out;
        }
        List<Clause> clauses = parse(source, text.get(), out);
        Map<String, Clause> byClause = new LinkedHashMap<>();
        for (Clause c : clauses) {
            if (byClause.putIfAbsent(c.clause(), c) != null) out.add(file + ": clause " + c.clause() + " is listed twice");
        }
        Map<String, String> citedByKey = new LinkedHashMap<>();
        for (PolicyTable.Row r : PolicyTable.rows(source)) citedByKey.put(r.key(), r.clause());
        for (Clause c : clauses) {
            for (String key : c.keys()) {
                if (!citedByKey.containsKey(key)) {
                    out.add(file + ": clause " + c.clause() + " names key " + key + ", which "
                            + source.describe(PolicySource.POLICY) + " does not have");
                }
            }
        }
        for (Map.Entry<String, String> e : citedByKey.entrySet()) {
            String cited = documentClause(e.getValue());
            if (cited == null) continue;
            Clause c = byClause.get(cited);
            if (c == null) {
                out.add(file + ": clause " + cited + " is cited by " + e.getKey() + " but not listed");
            } else if (c.status() == Status.NOT_APPLICABLE) {
                out.add(file + ": clause " + cited + " is cited by " + e.getKey() + " but marked not_applicable");
            } else if (!c.keys().contains(e.getKey())) {
                out.add(file + ": clause " + cited + " does not name " + e.getKey() + ", which cites it");
            }
        }
        return out;
    }

    /**
     * The document clause a rule cites: its clause without a trailing {@code " (…)"} remark, or null when the rule
     * cites the project's decisions ({@code DECISIONS R-table (text silent, JY-A6)}) instead of the document.
     */
    public static String documentClause(String cited) {
        if (cited.startsWith("DECISIONS")) return null;
        String c = cited.strip();
        if (c.endsWith(")")) {
            int open = c.lastIndexOf(" (");
            if (open > 0) c = c.substring(0, open).strip();
        }
        return c;
    }

    /** The numbers of each status, in {@link Status} order. */
    public static Map<Status, Integer> counts(List<Clause> clauses) {
        Map<Status, Integer> out = new LinkedHashMap<>();
        for (Status s : Status.values()) out.put(s, 0);
        for (Clause c : clauses) out.merge(c.status(), 1, Integer::sum);
        return out;
    }

    private static List<Clause> parse(PolicySource source, String text, List<String> problems) {
        String file = source.describe(PolicySource.COVERAGE);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage());
            return List.of();
        }
        if (root == null || !root.isObject()) {
            problems.add(file + ": expected a mapping with region and clauses");
            return List.of();
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("region") && !name.equals("clauses")) problems.add(file + ": unknown key " + name);
        }
        if (!source.region().equals(root.path("region").asText())) {
            problems.add(file + ": region is \"" + root.path("region").asText() + "\" but the file is in directory \""
                    + source.region() + "\"");
        }
        JsonNode list = root.path("clauses");
        if (!list.isArray() || list.isEmpty()) {
            problems.add(file + ": clauses must be a non-empty list");
            return List.of();
        }
        List<Clause> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String at = file + ": clauses[" + i + "]";
            if (!n.isObject()) {
                problems.add(at + " is not a mapping");
                continue;
            }
            String clause = text(n, "clause");
            if (clause != null) at = file + ": clause " + clause;
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!FIELDS.contains(name)) problems.add(at + ": unknown key " + name);
            }
            String title = text(n, "title");
            if (clause == null) problems.add(at + ": clause is missing");
            if (title == null) problems.add(at + ": title is missing");
            Optional<Status> status = Status.of(n.path("status").asText());
            if (status.isEmpty()) {
                problems.add(at + ": status must be implemented, partial or not_applicable");
                continue;
            }
            List<String> keys = strings(n, "keys", at, problems);
            List<String> code = strings(n, "code", at, problems);
            String note = text(n, "note");
            String missing = text(n, "missing");
            String reason = text(n, "reason");
            switch (status.get()) {
                case IMPLEMENTED, PARTIAL -> {
                    if (keys.isEmpty() && code.isEmpty()) problems.add(at + ": " + status.get().yaml() + " needs keys or code");
                    if (reason != null) problems.add(at + ": reason is for not_applicable clauses; use note");
                    if (status.get() == Status.PARTIAL && missing == null) problems.add(at + ": partial needs missing");
                    if (status.get() == Status.IMPLEMENTED && missing != null) {
                        problems.add(at + ": an implemented clause has nothing missing; mark it partial");
                    }
                }
                case NOT_APPLICABLE -> {
                    if (reason == null) problems.add(at + ": not_applicable needs a reason");
                    if (!keys.isEmpty() || !code.isEmpty() || missing != null) {
                        problems.add(at + ": a not_applicable clause names no keys, code or missing part");
                    }
                }
            }
            out.add(new Clause(clause, title, status.get(), keys, code, note, missing, reason));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) return null;
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static List<String> strings(JsonNode n, String field, String at, List<String> problems) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) {
            problems.add(at + ": " + field + " must be a list");
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode item : v) {
            String s = item.isValueNode() ? item.asText().strip() : "";
            if (s.isEmpty()) problems.add(at + ": " + field + " holds an empty or non-text item");
            else if (!out.add(s)) problems.add(at + ": " + field + " names " + s + " twice");
        }
        return List.copyOf(out);
    }
}
