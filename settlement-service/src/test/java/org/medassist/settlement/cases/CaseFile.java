package org.medassist.settlement.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medassist.engine.money.Money;
import org.medassist.engine.policy.load.PolicySource;
import org.medassist.events.IdentityType;
import org.medassist.schemas.Departments;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventJson;
import org.medassist.settlement.cases.WorkedCase.AlertExpectation;
import org.medassist.settlement.cases.WorkedCase.ClaimExpectation;
import org.medassist.settlement.cases.WorkedCase.Expectation;

/**
 * Reads a region's {@code cases.yaml} (format: docs/engine.md, "Cases"). Events are written in the contract's shape
 * with documented defaults, and each is checked against the contract; every problem names the file and key path.
 */
public final class CaseFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CaseFile() {}

    /** The region's cases; empty when its directory has no cases.yaml. */
    public static List<WorkedCase> read(PolicySource source) {
        String text = source.file(PolicySource.CASES).orElse(null);
        if (text == null) return List.of();
        String file = source.describe(PolicySource.CASES);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage());
        }
        Node r = new Node(file, "", root).only("region", "cases");
        if (!r.text("region").equals(source.region())) {
            throw r.get("region").error("is \"" + r.text("region") + "\" but the file is in directory \"" + source.region() + "\"");
        }
        List<WorkedCase> out = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (Node c : r.get("cases").list()) {
            WorkedCase wc = readCase(source.region(), c);
            if (!names.add(wc.name())) throw c.get("name").error("two cases are named \"" + wc.name() + "\"");
            out.add(wc);
        }
        if (out.isEmpty()) throw r.get("cases").error("lists no case");
        return out;
    }

    private static WorkedCase readCase(String region, Node c) {
        c.only("name", "cites", "events", "expect");
        List<WorkedCase.Step> steps = new ArrayList<>();
        Set<String> claimIds = new java.util.HashSet<>();
        Set<String> references = new java.util.HashSet<>();
        int index = 0;
        for (Node item : c.get("events").list()) {
            Map<String, Node> fields = item.entries();
            if (fields.size() != 1) throw item.error("each event is one mapping: <type>: {fields}, or expect: {…}");
            Map.Entry<String, Node> e = fields.entrySet().iterator().next();
            if (e.getKey().equals("expect")) {
                steps.add(new WorkedCase.Checkpoint(expectation(e.getValue(), claimIds, references), e.getValue().where()));
                continue;
            }
            index++;
            WorkedCase.Event event = event(region, e.getKey(), e.getValue(), index);
            if (event.type().equals("claim")) claimIds.add(event.json().get("claimId").asText());
            if (event.type().equals("application")) references.add(event.json().get("applicationId").asText());
            if (event.type().equals("year_close")) references.add("year_close:" + region + ":" + event.json().get("year").asInt());
            steps.add(event);
        }
        Expectation expect = expectation(c.get("expect"), claimIds, references);
        return new WorkedCase(region, c.text("name"), c.text("cites"), c.where(), List.copyOf(steps), expect);
    }

    /** Expands one compact event into the contract's JSON and checks it with the contract's codec. */
    static WorkedCase.Event event(String region, String type, Node f, int index) {
        ObjectNode o = F.objectNode();
        o.put("type", type);
        switch (type) {
            case "identity" -> {
                f.only("eventId", "personId", "region", "department", "identity", "action", "effectiveDate", "attributes");
                String identity = f.text("identity");
                o.put("eventId", f.has("eventId") ? f.text("eventId") : "e" + index);
                o.put("personId", f.text("personId"));
                o.put("region", f.has("region") ? f.text("region") : region);
                String department = f.has("department") ? f.text("department") : certifier(f.get("identity"), identity);
                o.put("department", department);
                o.put("identity", identity);
                o.put("action", f.has("action") ? f.text("action") : "grant");
                o.put("effectiveDate", f.text("effectiveDate"));
                o.set("attributes", f.has("attributes") ? f.get("attributes").json().deepCopy() : F.objectNode());
            }
            case "claim" -> {
                f.only("claimId", "personId", "region", "hospitalId", "hospitalLevel", "kind", "admissionDate", "dischargeDate",
                        "location", "referred", "hardship", "diseaseGroup", "specialDiseaseRegistered", "amounts", "selfPay",
                        "policyScope", "outOfScope");
                String kind = f.text("kind");
                o.put("claimId", f.text("claimId"));
                o.put("personId", f.text("personId"));
                o.put("region", f.has("region") ? f.text("region") : region);
                o.put("hospitalId", f.has("hospitalId") ? f.text("hospitalId") : "H01");
                o.put("hospitalLevel", f.has("hospitalLevel") ? f.text("hospitalLevel") : "tertiary");
                o.put("kind", kind);
                if (f.has("admissionDate")) o.put("admissionDate", f.text("admissionDate"));
                else if (kind.equals("inpatient")) o.put("admissionDate", f.text("dischargeDate"));
                o.put("dischargeDate", f.text("dischargeDate"));
                o.put("location", f.has("location") ? f.text("location") : "in_city");
                o.put("referred", !f.has("referred") || f.get("referred").bool());
                o.put("hardship", f.has("hardship") && f.get("hardship").bool());
                if (f.has("diseaseGroup")) o.put("diseaseGroup", f.text("diseaseGroup"));
                else o.putNull("diseaseGroup");
                o.put("specialDiseaseRegistered", f.has("specialDiseaseRegistered") && f.get("specialDiseaseRegistered").bool());
                o.set("amounts", amounts(f));
            }
            case "claim_reversal" -> {
                f.only("reversalId", "claimId", "personId", "region", "reason");
                o.put("reversalId", f.has("reversalId") ? f.text("reversalId") : "R-" + f.text("claimId"));
                o.put("claimId", f.text("claimId"));
                o.put("personId", f.text("personId"));
                o.put("region", f.has("region") ? f.text("region") : region);
                o.put("reason", f.has("reason") ? f.text("reason") : "reversed");
            }
            case "application" -> {
                f.only("applicationId", "personId", "region", "year", "kind", "filedDate", "decision");
                String filed = f.text("filedDate");
                o.put("applicationId", f.text("applicationId"));
                o.put("personId", f.text("personId"));
                o.put("region", f.has("region") ? f.text("region") : region);
                o.put("year", f.has("year") ? f.get("year").integer() : Integer.parseInt(filed.substring(0, 4)));
                o.put("kind", f.has("kind") ? f.text("kind") : "tilt");
                o.put("filedDate", filed);
                o.set("decision", f.has("decision") ? f.get("decision").json().deepCopy() : F.objectNode());
            }
            case "parameter" -> {
                f.only("region", "year", "name", "value");
                o.put("region", f.has("region") ? f.text("region") : region);
                o.put("year", f.get("year").integer());
                o.put("name", f.text("name"));
                o.put("value", f.get("value").yuanText());
            }
            case "year_close" -> {
                f.only("region", "year");
                o.put("region", f.has("region") ? f.text("region") : region);
                o.put("year", f.get("year").integer());
            }
            default -> throw f.error("unknown event type \"" + type + "\"; expected identity, claim, claim_reversal, application, parameter, year_close or expect");
        }
        try {
            EventJson.read(o.toString());
        } catch (EventFormatException e) {
            throw f.error("breaks the event contract: " + e.getMessage());
        }
        return new WorkedCase.Event(type, o);
    }

    private static String certifier(Node at, String identity) {
        try {
            return Departments.certifierOf(IdentityType.valueOf(identity)).name();
        } catch (IllegalArgumentException e) {
            throw at.error("unknown identity \"" + identity + "\"");
        }
    }

    /**
     * A full {@code amounts} mapping (missing amounts 0.00, total policyScope + outOfScope), or the shorthand
     * {@code selfPay} S with optional {@code policyScope} (default S: basic insurance pays policyScope − S) and
     * {@code outOfScope} (default 0).
     */
    private static ObjectNode amounts(Node f) {
        ObjectNode a = F.objectNode();
        if (f.has("amounts")) {
            if (f.has("selfPay") || f.has("policyScope") || f.has("outOfScope")) {
                throw f.error("give either amounts or the shorthand selfPay (with policyScope, outOfScope)");
            }
            Node m = f.get("amounts").only("total", "outOfScope", "policyScope", "basicInsurance", "criticalIllness", "otherInsurance");
            long scope = m.yuan("policyScope", 0);
            long oos = m.yuan("outOfScope", 0);
            a.put("total", Money.format(m.yuan("total", scope + oos)));
            a.put("outOfScope", Money.format(oos));
            a.put("policyScope", Money.format(scope));
            a.put("basicInsurance", Money.format(m.yuan("basicInsurance", 0)));
            a.put("criticalIllness", Money.format(m.yuan("criticalIllness", 0)));
            a.put("otherInsurance", Money.format(m.yuan("otherInsurance", 0)));
            return a;
        }
        long s = f.get("selfPay").yuan();
        long scope = f.yuan("policyScope", s);
        long oos = f.yuan("outOfScope", 0);
        if (scope < s) throw f.get("policyScope").error("is below selfPay");
        a.put("total", Money.format(scope + oos));
        a.put("outOfScope", Money.format(oos));
        a.put("policyScope", Money.format(scope));
        a.put("basicInsurance", Money.format(scope - s));
        a.put("criticalIllness", "0.00");
        a.put("otherInsurance", "0.00");
        return a;
    }

    private static Expectation expectation(Node n, Set<String> claimIds, Set<String> references) {
        n.only("claims", "references", "totalTilt", "alerts");
        Map<String, ClaimExpectation> claims = new LinkedHashMap<>();
        if (n.has("claims")) {
            for (Map.Entry<String, Node> e : n.get("claims").entries().entrySet()) {
                if (!claimIds.contains(e.getKey())) throw e.getValue().error("no claim \"" + e.getKey() + "\" is sent before this point");
                Node c = e.getValue().only("assistance", "tilt", "status", "tier", "identity", "localFinanceRelief",
                        "hospitalBorne", "kpiFlags");
                claims.put(e.getKey(), new ClaimExpectation(c.optYuan("assistance"), c.optYuan("tilt"), c.optText("status"),
                        c.optText("tier"), c.optText("identity"), c.optYuan("localFinanceRelief"), c.optYuan("hospitalBorne"),
                        c.has("kpiFlags") ? c.get("kpiFlags").texts() : null));
            }
        }
        Map<String, Long> refs = new LinkedHashMap<>();
        if (n.has("references")) {
            for (Map.Entry<String, Node> e : n.get("references").entries().entrySet()) {
                if (!references.contains(e.getKey())) {
                    throw e.getValue().error("no application or year_close \"" + e.getKey() + "\" is sent before this point");
                }
                refs.put(e.getKey(), e.getValue().only("tilt").get("tilt").yuan());
            }
        }
        List<AlertExpectation> alerts = null;
        if (n.has("alerts")) {
            alerts = new ArrayList<>();
            for (Node a : n.get("alerts").list()) {
                a.only("rule", "month", "personId", "claimId", "value", "threshold");
                alerts.add(new AlertExpectation(a.text("rule"), a.optText("month"), a.optText("personId"), a.optText("claimId"),
                        a.optYuan("value"), a.optYuan("threshold")));
            }
        }
        return new Expectation(java.util.Collections.unmodifiableMap(claims), java.util.Collections.unmodifiableMap(refs),
                n.optYuan("totalTilt"), alerts == null ? null : List.copyOf(alerts));
    }

    /** A YAML node that knows its file and key path. */
    static final class Node {
        private final String file;
        private final String path;
        private final JsonNode node;

        Node(String file, String path, JsonNode node) {
            this.file = file;
            this.path = path;
            this.node = node == null ? F.nullNode() : node;
        }

        String where() { return file + (path.isEmpty() ? "" : ": " + path); }

        IllegalArgumentException error(String problem) { return new IllegalArgumentException(where() + ": " + problem); }

        JsonNode json() { return node; }

        boolean has(String key) { return node.has(key) && !node.get(key).isNull(); }

        Node get(String key) {
            if (!has(key)) throw error("missing key \"" + key + "\"");
            return new Node(file, path.isEmpty() ? key : path + "." + key, node.get(key));
        }

        Node only(String... allowed) {
            if (!node.isObject()) throw error("expected a mapping");
            Set<String> ok = Set.of(allowed);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!ok.contains(k)) throw error("unknown key \"" + k + "\"; allowed: " + String.join(", ", allowed));
            }
            return this;
        }

        String text() {
            if (!node.isValueNode() || node.asText().isBlank()) throw error("expected a value");
            return node.asText();
        }

        String text(String key) { return get(key).text(); }

        String optText(String key) { return has(key) ? text(key) : null; }

        int integer() {
            if (!node.canConvertToInt()) throw error("expected a whole number");
            return node.asInt();
        }

        boolean bool() {
            if (!node.isBoolean()) throw error("expected true or false");
            return node.asBoolean();
        }

        long yuan() {
            if (!node.isTextual()) throw error("write yuan as a quoted string like \"3000.00\"");
            try {
                return Money.parseYuan(node.asText());
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        long yuan(String key, long otherwise) { return has(key) ? get(key).yuan() : otherwise; }

        Long optYuan(String key) { return has(key) ? get(key).yuan() : null; }

        String yuanText() { return Money.format(yuan()); }

        List<Node> list() {
            if (!node.isArray()) throw error("expected a list");
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) out.add(new Node(file, path + "[" + i + "]", node.get(i)));
            return out;
        }

        List<String> texts() {
            List<String> out = new ArrayList<>();
            for (Node n : list()) out.add(n.text());
            return List.copyOf(out);
        }

        Map<String, Node> entries() {
            if (!node.isObject()) throw error("expected a mapping");
            Map<String, Node> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), new Node(file, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue()));
            }
            return out;
        }
    }
}
