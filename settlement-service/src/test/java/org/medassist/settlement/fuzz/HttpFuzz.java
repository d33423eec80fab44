package org.medassist.settlement.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.medassist.events.Department;
import org.medassist.events.IdentityType;
import org.medassist.schemas.Departments;

/**
 * Request bodies for every write endpoint of both services (docs/settlement-service.md, docs/eligibility-service.md):
 * valid batches mixed with mutations of valid events (a field dropped or of the wrong type, huge, negative or
 * three-decimal money, bad dates, unknown enum symbols, personIds that only look right, deep nesting, huge bodies,
 * duplicate keys, trailing garbage, bodies that are not arrays, batches over the limit) and random JSON and bytes.
 * Each case says what the contract demands of it: accepted (202), refused (4xx), or either.
 */
final class HttpFuzz {
    enum Expect { ACCEPT, REFUSE, EITHER }

    static final class Case {
        final String type;
        final boolean eligibility;
        final String path;
        String token;
        String contentType = "application/json";
        byte[] body;
        final String mutation;
        Expect expect;
        /** Replaces the text {@link #DEEP} in the body: nesting too deep for a tree. */
        String deep;
        /** The events a 2xx answer sends to Kafka, as sent (empty for a body that is not an array of events). */
        List<ObjectNode> events = List.of();

        Case(String type, String mutation, Expect expect) {
            this.type = type;
            this.eligibility = type.equals("identity");
            this.path = PATHS.get(type);
            this.mutation = mutation;
            this.expect = expect;
        }

        String text() { return new String(body, StandardCharsets.UTF_8); }
    }

    static final Map<String, String> PATHS = Map.of("identity", "/v1/identity-events", "claim", "/v1/claims",
            "claim_reversal", "/v1/claim-reversals", "application", "/v1/applications", "year_close", "/v1/year-closes",
            "parameter", "/v1/parameters");
    static final String DEEP = "@@deep@@";
    static final int MAX_TEXT = org.medassist.schemas.json.EventRules.MAX_TEXT;
    static final List<String> TYPES = List.of("identity", "claim", "claim_reversal", "application", "year_close", "parameter");

    /** Fields that must be present and not null, per type; the others may be left out (docs/contract.md). */
    static final Map<String, List<String>> REQUIRED = Map.of(
            "identity", List.of("eventId", "personId", "region", "department", "identity", "action", "effectiveDate"),
            "claim", List.of("claimId", "personId", "region", "hospitalId", "hospitalLevel", "kind", "dischargeDate", "location", "amounts"),
            "claim_reversal", List.of("reversalId", "claimId", "personId", "region", "hospitalId"),
            "application", List.of("applicationId", "personId", "region", "year", "kind", "filedDate"),
            "parameter", List.of("region", "year", "name", "value"),
            "year_close", List.of("region", "year"));
    /** Optional fields of type text: the valid event may hold null there, and any text is then a valid value. */
    static final java.util.Set<String> OPTIONAL_TEXT = java.util.Set.of("claim_reversal.reason");
    static final Map<String, List<String>> ENUMS = Map.of(
            "identity", List.of("department", "identity", "action"),
            "claim", List.of("hospitalLevel", "kind", "location"),
            "application", List.of("kind"));
    static final Map<String, List<String>> DATES = Map.of(
            "identity", List.of("effectiveDate"), "claim", List.of("dischargeDate"), "application", List.of("filedDate"));

    /** personIds outside the one format (docs/contract.md; PersonIds): refused at every entrance. */
    static final List<String> BAD_PERSON_IDS = List.of("p-0001", " P-0001", "P-0001 ", "P 0001", "P-0001\t", "P\u00a00001",
            "\uff30-0001", "\u0420-0001", "\u03a1-0001", "P\u200b-0001", "P-0001\u200d", "-P0001", "P0001-", "",
            "P".repeat(65), "P-\ud83d\ude00", "P-\ud800", "P\u0000", "P_0001", "P.0001", "P/0001", "P|0001", "İ-1",
            "P-0001\n", "\ufeffP-0001", "P\u0301-1");
    static final List<String> BAD_MONEY = List.of("-1.00", "-0.01", "12.345", "0.001", "1000000000000.00", "100000000000.01",
            "99999999999999999999.00", "+1.00", " 1.00", "1.00 ", "1.", ".50", "1e3", "1E+2", "0x10", "\uff11.00", "\u0661.00",
            "NaN", "Infinity", "", "1,000.00", "1.0.0", "--1.00", "1_000");
    static final List<JsonNode> BAD_MONEY_NODES = List.of(ValidEvents.NODES.numberNode(12.5), ValidEvents.NODES.numberNode(100),
            ValidEvents.NODES.numberNode(new java.math.BigDecimal("1e400")), ValidEvents.NODES.booleanNode(true),
            ValidEvents.NODES.arrayNode(), ValidEvents.NODES.objectNode());
    static final List<String> BAD_DATES = List.of("2023-02-30", "2023-13-01", "2023-00-10", "2023-01-00", "23-01-01", "2023-1-1",
            "2023-01-01T00:00:00", "2023-01-01Z", "2023/01/01", "01-01-2023", "+2023-01-01", "2023-01-01 ", "\uff12023-01-01",
            "", "2023-W01-1", "2023-001", "\u0662\u0660\u0662\u0663-01-01", "2023-02-29", "9999-99-99", "-2023-01-01");
    static final List<String> ENUM_VARIANTS = List.of("UPPER", "trailing space", "leading space", "empty", "unknown",
            "fullwidth", "capitalized");

    private final Random rnd;
    private final ValidEvents valid;
    private final int maxEvents;
    /** Claims accepted so far, so that reversals can name real ones. */
    final List<ObjectNode> acceptedClaims = new ArrayList<>();

    HttpFuzz(Random rnd, ValidEvents valid, int maxEvents) {
        this.rnd = rnd;
        this.valid = valid;
        this.maxEvents = maxEvents;
    }

    /** The token that may send the batch: its first event's department or hospital (as before any mutation of it). */
    static String token(String type, List<ObjectNode> events) {
        String first = events.isEmpty() ? null : switch (type) {
            case "identity" -> events.get(0).path("department").asText(null);
            case "claim", "claim_reversal" -> events.get(0).path("hospitalId").asText(null);
            default -> null;
        };
        return switch (type) {
            case "identity" -> "token-" + (first != null && BadInputFuzzTest.DEPARTMENTS.contains(first) ? first : "civil_affairs");
            case "claim", "claim_reversal" -> "token-" + (first != null && ValidEvents.HOSPITALS.contains(first) ? first : "H01");
            case "application", "year_close" -> "token-agency";
            case "parameter" -> "token-admin";
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** A batch of 1 to {@code max} valid events of one type that one token may send. */
    List<ObjectNode> batch(String type, int max) {
        int n = 1 + rnd.nextInt(max);
        List<ObjectNode> out = new ArrayList<>(n);
        Department dept = valid.pick(Department.values());
        String hospital = valid.pick(ValidEvents.HOSPITALS.toArray(new String[0]));
        for (int i = 0; i < n; i++) {
            ObjectNode e = switch (type) {
                case "identity" -> identityOf(dept);
                case "claim" -> valid.claim(valid.person(), hospital);
                case "claim_reversal" -> reversal(hospital);
                default -> valid.of(type);
            };
            out.add(e);
        }
        return out;
    }

    private ObjectNode identityOf(Department dept) {
        List<IdentityType> ids = new ArrayList<>(Departments.certifiedBy(dept));
        ids.sort(null);
        return valid.identity(valid.person(), ids.get(rnd.nextInt(ids.size())));
    }

    /** A reversal sent by {@code hospital}: of one of its accepted claims, or of a claim no one sent. */
    private ObjectNode reversal(String hospital) {
        List<ObjectNode> own = acceptedClaims.stream().filter(c -> c.get("hospitalId").asText().equals(hospital)).toList();
        if (!own.isEmpty() && rnd.nextInt(3) > 0) {
            ObjectNode claim = own.get(rnd.nextInt(own.size()));
            acceptedClaims.remove(claim);
            return valid.reversal(claim, hospital);
        }
        return valid.reversal(null, hospital);
    }

    /** The next case: a fifth are valid batches, the rest mutated or random. */
    Case next() {
        String type = TYPES.get(rnd.nextInt(TYPES.size()));
        int r = rnd.nextInt(100);
        if (r < 20) return validBatch(type);
        if (r < 70) return eventMutation(type);
        if (r < 90) return bodyMutation(type);
        return principalMutation(type);
    }

    Case validBatch(String type) {
        List<ObjectNode> events = batch(type, 4);
        return finish(new Case(type, "valid batch of " + events.size(), Expect.ACCEPT), events);
    }

    private Case finish(Case c, List<ObjectNode> events) {
        c.events = events;
        c.token = token(c.type, events);
        if (c.body == null) {
            String text = array(events);
            if (c.deep != null) text = text.replace("\"" + DEEP + "\"", c.deep);
            c.body = text.getBytes(StandardCharsets.UTF_8);
        }
        return c;
    }

    /**
     * The events as a JSON array. Text with an unpaired surrogate is sent as JSON escapes ({@code \\ud800}), as a
     * client in another language would: encoded raw it would reach the server as '?' already.
     */
    static String array(List<? extends JsonNode> events) {
        ArrayNode a = ValidEvents.NODES.arrayNode();
        events.forEach(a::add);
        String text = a.toString();
        if (!hasLoneSurrogate(text)) return text;
        try {
            return ESCAPING.writeValueAsString(a);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper ESCAPING = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c)) return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------ one event mutated

    Case eventMutation(String type) {
        List<ObjectNode> events = batch(type, 3);
        ObjectNode e = events.get(rnd.nextInt(events.size()));
        List<String> required = REQUIRED.get(type);
        int m = rnd.nextInt(17);
        Case c;
        switch (m) {
            case 0 -> {
                String f = required.get(rnd.nextInt(required.size()));
                e.remove(f);
                c = new Case(type, "required field " + f + " dropped", Expect.REFUSE);
            }
            case 1 -> {
                String f = pickField(e);
                JsonNode wrong = wrongType(e.get(f));
                e.set(f, wrong);
                // null is a value of every field that may be left out; any text is a value of the optional text fields
                // (except an inpatient claim's admissionDate, which the contract's rules require)
                boolean requiredHere = f.equals("admissionDate") && e.path("kind").asText().equals("inpatient");
                boolean fits = (wrong.isNull() && !required.contains(f) && !requiredHere)
                        || (wrong.isTextual() && OPTIONAL_TEXT.contains(type + "." + f));
                c = new Case(type, "field " + f + " as " + wrong.getNodeType(), fits ? Expect.ACCEPT : Expect.REFUSE);
            }
            case 2 -> {
                String f = required.get(rnd.nextInt(required.size()));
                e.put(f, "");
                c = new Case(type, "required field " + f + " empty", Expect.REFUSE);
            }
            case 3 -> c = money(type, e);
            case 4 -> c = date(type, e);
            case 5 -> c = enumSymbol(type, e);
            case 6 -> c = personId(type, e);
            case 7 -> c = year(type, e);
            case 8 -> c = crossField(type, e);
            case 9 -> {
                // fields the contract does not name are ignored (docs/contract.md, JSON rules)
                int depth = 1 + rnd.nextInt(400);
                e.set("x-sender-" + rnd.nextInt(1000), nested(depth));
                e.put("x-note", "ignored, " + "\u533b".repeat(rnd.nextInt(50)));
                c = new Case(type, "unknown fields, nested " + depth, Expect.ACCEPT);
            }
            case 10 -> {
                // deeper than Jackson writes a tree: spliced into the text (finish)
                int depth = 900 + rnd.nextInt(5_000);
                e.put("x-deep", DEEP);
                c = new Case(type, "unknown field nested " + depth + " deep", Expect.EITHER);
                c.deep = "[".repeat(depth) + "\"leaf\"" + "]".repeat(depth);
            }
            case 11 -> c = duplicateKey(type, events, e);
            case 12 -> c = idText(type, e);
            case 13 -> {
                String other = TYPES.get(rnd.nextInt(TYPES.size()));
                String t = rnd.nextInt(3) == 0 ? variant(type) : other;
                e.put("type", t);
                c = new Case(type, "type \"" + t + "\"", t.equals(type) ? Expect.ACCEPT : Expect.REFUSE);
            }
            case 14 -> {
                e.remove("type");
                c = new Case(type, "type dropped", Expect.REFUSE);
            }
            case 15 -> {
                // the field names are case-sensitive: a misspelt required field is a missing one
                String f = required.get(rnd.nextInt(required.size()));
                JsonNode v = e.remove(f);
                e.set(Character.toUpperCase(f.charAt(0)) + f.substring(1), v);
                c = new Case(type, "field " + f + " capitalized", Expect.REFUSE);
            }
            default -> {
                // the largest amounts and the edges of every range, all valid
                c = edges(type, e);
            }
        }
        return finish(c, events);
    }

    private String pickField(ObjectNode e) {
        List<String> names = new ArrayList<>();
        e.fieldNames().forEachRemaining(names::add);
        names.remove("type");
        return names.get(rnd.nextInt(names.size()));
    }

    private JsonNode wrongType(JsonNode v) {
        List<JsonNode> options = new ArrayList<>(List.of(ValidEvents.NODES.numberNode(rnd.nextInt(100)),
                ValidEvents.NODES.booleanNode(rnd.nextBoolean()), ValidEvents.NODES.arrayNode().add("x"),
                ValidEvents.NODES.objectNode().put("x", 1), ValidEvents.NODES.nullNode(), ValidEvents.NODES.textNode("x"),
                ValidEvents.NODES.numberNode(new java.math.BigDecimal("1e" + (300 + rnd.nextInt(1000)))),
                ValidEvents.NODES.numberNode(new java.math.BigInteger("9".repeat(40)))));
        options.removeIf(o -> o.getNodeType() == (v == null ? null : v.getNodeType()));
        return options.get(rnd.nextInt(options.size()));
    }

    private Case money(String type, ObjectNode e) {
        ObjectNode holder;
        String field;
        switch (type) {
            case "claim" -> {
                holder = (ObjectNode) e.get("amounts");
                field = valid.pick(new String[] {"total", "outOfScope", "policyScope", "basicInsurance", "criticalIllness", "otherInsurance"});
            }
            case "parameter" -> {
                holder = e;
                field = "value";
            }
            case "application" -> {
                holder = (ObjectNode) e.get("decision");
                field = valid.pick(new String[] {"deductible", "cap"});
            }
            default -> {
                return idText(type, e);
            }
        }
        if (rnd.nextInt(4) == 0) {
            JsonNode n = BAD_MONEY_NODES.get(rnd.nextInt(BAD_MONEY_NODES.size()));
            holder.set(field, n);
            return new Case(type, "money " + field + " as " + n, Expect.REFUSE);
        }
        String bad = BAD_MONEY.get(rnd.nextInt(BAD_MONEY.size()));
        holder.put(field, bad);
        return new Case(type, "money " + field + " \"" + bad + "\"", Expect.REFUSE);
    }

    private Case date(String type, ObjectNode e) {
        List<String> fields = new ArrayList<>(DATES.getOrDefault(type, List.of()));
        if (type.equals("claim")) fields.add("admissionDate");
        if (fields.isEmpty()) return e.has("year") ? year(type, e) : idText(type, e);
        String f = fields.get(rnd.nextInt(fields.size()));
        if (rnd.nextInt(5) == 0) {
            e.put(f, 20230101 + rnd.nextInt(30));
            return new Case(type, "date " + f + " as a number", Expect.REFUSE);
        }
        String bad = BAD_DATES.get(rnd.nextInt(BAD_DATES.size()));
        e.put(f, bad);
        return new Case(type, "date " + f + " \"" + bad + "\"", Expect.REFUSE);
    }

    private Case enumSymbol(String type, ObjectNode e) {
        List<String> fields = new ArrayList<>(ENUMS.getOrDefault(type, List.of()));
        if (type.equals("claim") && e.has("diseaseGroup")) fields.add("diseaseGroup");
        if (type.equals("identity") && e.get("attributes").has("disabilityKind")) fields.add("attributes.disabilityKind");
        if (type.equals("identity") && e.get("attributes").has("group")) fields.add("attributes.group");
        if (fields.isEmpty()) return idText(type, e);
        String f = fields.get(rnd.nextInt(fields.size()));
        ObjectNode holder = f.startsWith("attributes.") ? (ObjectNode) e.get("attributes") : e;
        String name = f.startsWith("attributes.") ? f.substring("attributes.".length()) : f;
        String symbol = holder.get(name).asText();
        String variant = ENUM_VARIANTS.get(rnd.nextInt(ENUM_VARIANTS.size()));
        String bad = switch (variant) {
            case "UPPER" -> symbol.toUpperCase(java.util.Locale.ROOT);
            case "trailing space" -> symbol + " ";
            case "leading space" -> " " + symbol;
            case "empty" -> "";
            case "fullwidth" -> fullwidth(symbol);
            case "capitalized" -> Character.toUpperCase(symbol.charAt(0)) + symbol.substring(1);
            default -> symbol + "_" + rnd.nextInt(100);
        };
        holder.put(name, bad);
        return new Case(type, "enum " + f + " \"" + bad + "\"", Expect.REFUSE);
    }

    private Case personId(String type, ObjectNode e) {
        if (!e.has("personId")) return year(type, e);
        if (rnd.nextInt(6) == 0) {
            // the longest and the oddest valid ones
            String ok = valid.pick(new String[] {(valid.id("L") + "-" + "9".repeat(64)).substring(0, 64), valid.id("X") + "--1",
                    "0" + valid.id("D")});
            e.put("personId", ok);
            return new Case(type, "personId at the edge of the format", Expect.ACCEPT);
        }
        String bad = BAD_PERSON_IDS.get(rnd.nextInt(BAD_PERSON_IDS.size()));
        e.put("personId", bad);
        return new Case(type, "personId " + escape(bad), Expect.REFUSE);
    }

    private Case year(String type, ObjectNode e) {
        if (!e.has("year")) return DATES.containsKey(type) ? date(type, e) : idText(type, e);
        int r = rnd.nextInt(9);
        switch (r) {
            case 0 -> e.put("year", 1899);
            case 1 -> e.put("year", 3000);
            case 2 -> e.put("year", -2023);
            case 3 -> e.put("year", 2023.0);
            case 4 -> e.put("year", "2023");
            case 5 -> e.put("year", 4_294_969_319L);
            case 6 -> e.put("year", new java.math.BigInteger("2023" + "0".repeat(30)));
            case 7 -> e.put("year", 2023.5);
            default -> e.put("year", Integer.MIN_VALUE);
        }
        return new Case(type, "year " + e.get("year"), Expect.REFUSE);
    }

    private Case crossField(String type, ObjectNode e) {
        switch (type) {
            case "claim" -> {
                ObjectNode a = (ObjectNode) e.get("amounts");
                int r = rnd.nextInt(5);
                if (r == 0) {
                    a.put("total", org.medassist.engine.money.Money.format(org.medassist.engine.money.Money.parseYuan(a.get("total").asText()) + 1));
                    return new Case(type, "total is not policyScope + outOfScope", Expect.REFUSE);
                }
                if (r == 1) {
                    a.put("basicInsurance", org.medassist.engine.money.Money.format(org.medassist.engine.money.Money.parseYuan(a.get("policyScope").asText()) + 1));
                    return new Case(type, "basicInsurance above policyScope", Expect.REFUSE);
                }
                if (r == 2) {
                    e.put("kind", "inpatient");
                    e.remove("admissionDate");
                    return new Case(type, "inpatient without admissionDate", Expect.REFUSE);
                }
                if (r == 3) {
                    e.put("admissionDate", java.time.LocalDate.parse(e.get("dischargeDate").asText()).plusDays(1 + rnd.nextInt(30)).toString());
                    return new Case(type, "admissionDate after dischargeDate", Expect.REFUSE);
                }
                e.put("kind", "outpatient_major");
                e.remove("diseaseGroup");
                return new Case(type, "outpatient_major without diseaseGroup", Expect.REFUSE);
            }
            case "identity" -> {
                ObjectNode a = (ObjectNode) e.get("attributes");
                int r = rnd.nextInt(4);
                if (r == 0) {
                    // an identity this department does not certify: the department's token may not send it (403)
                    IdentityType other;
                    do {
                        other = valid.pick(IdentityType.values());
                    } while (Departments.certifies(Department.valueOf(e.get("department").asText()), other));
                    e.put("identity", other.name());
                    return new Case(type, "identity not certified by the department", Expect.REFUSE);
                }
                if (r == 1) {
                    e.put("identity", "severe_disability");
                    e.put("department", "disabled_persons_federation");
                    e.put("action", "grant");
                    a.put("disabilityGrade", valid.pick(new Integer[] {0, 5, -1, 99}));
                    a.put("disabilityKind", "physical");
                    return new Case(type, "disabilityGrade out of 1-4", Expect.REFUSE);
                }
                if (r == 2) {
                    e.put("identity", "severe_disability");
                    e.put("department", "disabled_persons_federation");
                    e.put("action", "grant");
                    a.remove("disabilityGrade");
                    return new Case(type, "severe_disability granted without a grade", Expect.REFUSE);
                }
                e.put("identity", "entitled_veteran");
                e.put("department", "veterans_affairs");
                e.put("action", "grant");
                a.remove("group");
                return new Case(type, "entitled_veteran granted without a group", Expect.REFUSE);
            }
            case "application" -> {
                String rate = valid.pick(new String[] {"0", "0.00", "1.01", "-0.5", "abc", "1e-1", ".5", "0.5 ", "", "2", "0.6500001"});
                ((ObjectNode) e.get("decision")).put("rate", rate);
                return new Case(type, "decision.rate \"" + rate + "\"", Expect.REFUSE);
            }
            case "parameter" -> {
                e.put("name", rnd.nextBoolean() ? "no_such_amount_" + rnd.nextInt(100) : "PER_CAPITA_DISPOSABLE_INCOME");
                return new Case(type, "parameter name unknown to the region", Expect.REFUSE);
            }
            default -> {
                String region = valid.pick(new String[] {"atlantis", "Nanjing", "NANJING", "nanjing ", "南京", "jiujiang\u0000"});
                e.put("region", region);
                return new Case(type, "region \"" + escape(region) + "\" without a policy", Expect.REFUSE);
            }
        }
    }

    private Case duplicateKey(String type, List<ObjectNode> events, ObjectNode e) {
        // Jackson's tree cannot hold a duplicate key: write the event with one field twice by hand
        String f = REQUIRED.get(type).get(rnd.nextInt(REQUIRED.get(type).size()));
        String text = e.toString();
        String dup = text.substring(0, text.length() - 1) + ",\"" + f + "\":" + e.get(f) + "}";
        List<String> parts = new ArrayList<>();
        for (ObjectNode x : events) parts.add(x == e ? dup : x.toString());
        Case c = new Case(type, "field " + f + " twice", Expect.REFUSE);
        c.body = ("[" + String.join(",", parts) + "]").getBytes(StandardCharsets.UTF_8);
        return c;
    }

    /** Ids that are valid text but odd: long, Unicode, control characters. The contract asks only that they are not empty. */
    private Case idText(String type, ObjectNode e) {
        String f = switch (type) {
            case "identity" -> "eventId";
            case "claim" -> "claimId";
            case "claim_reversal" -> rnd.nextBoolean() ? "reversalId" : "reason";
            case "application" -> "applicationId";
            default -> null;
        };
        if (f == null) return crossField(type, e);
        String base = e.path(f).isTextual() ? e.get(f).asText() : valid.id("T");
        int r = rnd.nextInt(9);
        String v = switch (r) {
            case 0 -> base + "-" + "x".repeat(MAX_TEXT + rnd.nextInt(4_000));
            case 1 -> base + "-医保结算-\u0627\u0644\u0639\u0631\u0628\u064a\u0629-\ud83d\ude91";
            case 2 -> base + "\u0000\u0001\u001f";
            case 3 -> base + " \t ";
            case 4 -> base + "-\u202e-rtl";
            case 5 -> base + "-" + "y".repeat(300_000 + rnd.nextInt(400_000));
            case 6 -> base + "-" + (rnd.nextBoolean() ? "\ud800" : "\udfff-x");
            case 7 -> (base + "-" + "z".repeat(MAX_TEXT)).substring(0, MAX_TEXT);
            default -> base + "-\"quoted\"\\back\\";
        };
        e.put(f, v);
        // docs/contract.md: a text field has at most 1,000 characters and is Unicode text
        Expect expect = r == 0 || r == 5 || r == 6 ? Expect.REFUSE : Expect.ACCEPT;
        return new Case(type, f + " " + (v.length() > 60 ? v.length() + " characters" : "\"" + escape(v) + "\""), expect);
    }

    /** Dates at and just beyond the contract's years, 1900-2999. */
    static final String[] EDGE_DATES = {"0000-01-01", "1899-12-31", "1900-01-01", "2999-12-31", "3000-01-01", "9999-12-31"};

    private static boolean inYears(String date) {
        int year = Integer.parseInt(date.substring(0, 4));
        return year >= 1900 && year <= 2999;
    }

    private Case edges(String type, ObjectNode e) {
        switch (type) {
            case "claim" -> {
                ObjectNode a = (ObjectNode) e.get("amounts");
                long max = org.medassist.engine.money.Money.MAX_FEN;
                long scope = rnd.nextBoolean() ? max : max / 2;
                a.put("policyScope", org.medassist.engine.money.Money.format(scope));
                a.put("outOfScope", org.medassist.engine.money.Money.format(max - scope));
                a.put("total", org.medassist.engine.money.Money.format(max));
                a.put("basicInsurance", "0.00");
                a.put("criticalIllness", "0.00");
                a.put("otherInsurance", "0.00");
                if (rnd.nextBoolean()) {
                    String admitted = valid.pick(new String[] {"0000-01-01", "1899-12-31", "1900-01-01"});
                    e.put("admissionDate", admitted);
                    // the year of every date is one of 1900-2999 (docs/contract.md, Dates)
                    return new Case(type, "largest amounts, admitted " + admitted, inYears(admitted) ? Expect.ACCEPT : Expect.REFUSE);
                }
                return new Case(type, "largest amounts", Expect.ACCEPT);
            }
            case "identity" -> {
                String effective = valid.pick(EDGE_DATES);
                String born = valid.pick(EDGE_DATES);
                e.put("effectiveDate", effective);
                ((ObjectNode) e.get("attributes")).put("birthDate", born);
                return new Case(type, "effectiveDate " + effective + ", born " + born,
                        inYears(effective) && inYears(born) ? Expect.ACCEPT : Expect.REFUSE);
            }
            case "application" -> {
                e.put("year", valid.pick(new Integer[] {1900, 2999}));
                String filed = valid.pick(new String[] {"0000-01-01", "9999-12-31", "1900-01-01", e.get("year").asText() + "-12-31"});
                e.put("filedDate", filed);
                return new Case(type, "year " + e.get("year") + " filed " + filed, inYears(filed) ? Expect.ACCEPT : Expect.REFUSE);
            }
            case "parameter" -> {
                e.put("year", valid.pick(new Integer[] {1900, 2999}));
                e.put("value", valid.pick(new String[] {"0.00", "100000000000.00", "-0.00", "0.01"}));
                return new Case(type, "parameter " + e.get("year") + " = " + e.get("value").asText(), Expect.ACCEPT);
            }
            case "year_close" -> {
                e.put("year", valid.pick(new Integer[] {1900, 2999}));
                return new Case(type, "year close of " + e.get("year"), Expect.ACCEPT);
            }
            default -> {
                e.remove("reason");
                return new Case(type, "reversal without its optional reason", Expect.ACCEPT);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ whole bodies

    Case bodyMutation(String type) {
        int m = rnd.nextInt(15);
        List<ObjectNode> events = batch(type, 3);
        String text = array(events);
        Case c;
        switch (m) {
            case 0 -> {
                String[] bodies = {"", "   ", "null", "true", "123", "\"[]\"", "{}", "[null]", "[1]", "[[]]", "[\"x\"]", "[{}]",
                        "[", "]", "[,]", "[{},]", "{\"events\":[]}", "\u0000", "[{\"type\":\"" + type + "\"}]"};
                String b = bodies[rnd.nextInt(bodies.length)];
                c = new Case(type, "body " + escape(b), Expect.REFUSE);
                c.body = b.getBytes(StandardCharsets.UTF_8);
                events = List.of();
            }
            case 1 -> {
                c = new Case(type, "an empty array", Expect.EITHER);
                c.body = "[]".getBytes(StandardCharsets.UTF_8);
                events = List.of();
            }
            case 2 -> {
                String g = valid.pick(new String[] {"x", "]", "}", ",", "[]", "{}", "\u0000", "//c", "/*c*/", "[1]", "garbage", "\"", "0"});
                c = new Case(type, "trailing " + escape(g), Expect.REFUSE);
                c.body = (text + g).getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                c = new Case(type, "trailing white space", Expect.ACCEPT);
                c.body = (" \n" + text + "\n\t \r\n").getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> {
                int cut = 1 + rnd.nextInt(text.length() - 1);
                c = new Case(type, "cut after " + cut + " of " + text.length() + " characters", Expect.REFUSE);
                c.body = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> {
                byte[] b = new byte[rnd.nextInt(2_000)];
                rnd.nextBytes(b);
                c = new Case(type, b.length + " random bytes", Expect.REFUSE);
                c.body = b;
            }
            case 6 -> {
                JsonNode j = randomJson(0);
                c = new Case(type, "random JSON", Expect.REFUSE);
                c.body = ("[" + j + "]").getBytes(StandardCharsets.UTF_8);
            }
            case 7 -> {
                int depth = 1_000 + rnd.nextInt(100_000);
                c = new Case(type, "nested " + depth + " arrays", Expect.REFUSE);
                c.body = ("[".repeat(depth) + "]".repeat(rnd.nextBoolean() ? depth : 0)).getBytes(StandardCharsets.UTF_8);
            }
            case 8 -> {
                events = batch(type, 1);
                List<ObjectNode> many = new ArrayList<>();
                for (int i = 0; i < maxEvents + 1 + rnd.nextInt(3); i++) many.add(i == 0 ? events.get(0) : copyWithNewIds(type, events.get(0)));
                events = many;
                c = new Case(type, many.size() + " events, over the limit of " + maxEvents, Expect.REFUSE);
            }
            case 9 -> {
                events = batch(type, 1);
                List<ObjectNode> many = new ArrayList<>();
                for (int i = 0; i < maxEvents; i++) many.add(i == 0 ? events.get(0) : copyWithNewIds(type, events.get(0)));
                events = many;
                c = new Case(type, many.size() + " events, the limit", Expect.ACCEPT);
            }
            case 10 -> {
                // an event carrying an unknown field of several megabytes: ignored, and the event is accepted
                events.get(0).put("x-attachment", "z".repeat(1_000_000 + rnd.nextInt(3_000_000)));
                c = new Case(type, "an unknown field of " + events.get(0).get("x-attachment").asText().length() + " characters", Expect.ACCEPT);
            }
            case 11 -> {
                c = new Case(type, "byte order mark", Expect.EITHER);
                c.body = ("\ufeff" + text).getBytes(StandardCharsets.UTF_8);
            }
            case 12 -> {
                // invalid UTF-8 inside a string: refused with where it is, never read as U+FFFD (docs/api.md)
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                String marker = "\"" + events.get(0).get("type").asText() + "\"";
                int at = text.indexOf(marker) + marker.length();
                b.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
                b.writeBytes(",\"x-bytes\":\"".getBytes(StandardCharsets.UTF_8));
                b.writeBytes(new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xfe, (byte) 0xed, (byte) 0xa0, (byte) 0x80});
                b.writeBytes("\"".getBytes(StandardCharsets.UTF_8));
                b.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
                c = new Case(type, "invalid UTF-8 in an unknown field", Expect.REFUSE);
                c.body = b.toByteArray();
            }
            case 13 -> {
                // invalid UTF-8 in the event's id (or region): replaced by U+FFFD it would have been stored as another id, and any
                // two invalid sequences of one length would have been one id
                ObjectNode first = events.get(0);
                String field = null;
                for (String f : List.of("eventId", "claimId", "reversalId", "applicationId", "name", "region")) { // a year close has only its region
                    if (first.path(f).isTextual()) {
                        field = f;
                        break;
                    }
                }
                String marker = "BAD-UTF8-MARKER";
                first.put(field, first.path(field).asText() + marker);
                byte[] bad = valid.pick(new byte[][] {{(byte) 0xff, (byte) 0xfe}, {(byte) 0xc0, (byte) 0xaf},
                        {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xe4, (byte) 0xb8}});
                String body = array(events);
                int at = body.indexOf(marker);
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.writeBytes(body.substring(0, at).getBytes(StandardCharsets.UTF_8));
                b.writeBytes(bad);
                b.writeBytes(body.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
                c = new Case(type, "invalid UTF-8 in " + field, Expect.REFUSE);
                c.body = b.toByteArray();
            }
            default -> {
                c = new Case(type, "a body of " + (10 << 20) + "+ bytes", Expect.REFUSE);
                c.body = ("[" + "{\"type\":\"" + type + "\",\"pad\":\"" + "p".repeat((10 << 20) + 1_000) + "\"}]").getBytes(StandardCharsets.UTF_8);
                events = List.of();
            }
        }
        return finish(c, events);
    }

    private ObjectNode copyWithNewIds(String type, ObjectNode e) {
        ObjectNode copy = e.deepCopy();
        for (String f : List.of("eventId", "claimId", "reversalId", "applicationId")) {
            if (copy.has(f)) copy.put(f, valid.id(f.substring(0, 1).toUpperCase(java.util.Locale.ROOT)));
        }
        if (copy.has("personId")) copy.put("personId", valid.person());
        return copy;
    }

    // ------------------------------------------------------------------------------------------ who sends it

    Case principalMutation(String type) {
        List<ObjectNode> events = batch(type, 2);
        int m = rnd.nextInt(8);
        Case c;
        switch (m) {
            case 0 -> {
                c = finish(new Case(type, "no token", Expect.REFUSE), events);
                c.token = null;
            }
            case 1 -> {
                c = finish(new Case(type, "unknown token", Expect.REFUSE), events);
                c.token = valid.pick(new String[] {"token-nobody", "TOKEN-AGENCY", "token-H01x", "token-agency.", "0".repeat(5000)});
            }
            case 2 -> {
                c = finish(new Case(type, "a token of another kind", Expect.REFUSE), events);
                c.token = switch (type) {
                    case "identity" -> valid.pick(new String[] {"token-H01", "token-agency", "token-admin"});
                    case "claim", "claim_reversal" -> valid.pick(new String[] {"token-civil_affairs", "token-agency", "token-admin"});
                    case "parameter" -> valid.pick(new String[] {"token-H02", "token-agency", "token-trade_union"});
                    default -> valid.pick(new String[] {"token-H01", "token-admin", "token-veterans_affairs"});
                };
            }
            case 3 -> {
                // another hospital's claim, or another department's identity
                if (type.equals("claim")) {
                    c = finish(new Case(type, "another hospital's claim", Expect.REFUSE), events);
                    c.token = c.token.equals("token-H01") ? "token-H02" : "token-H01";
                } else if (type.equals("identity")) {
                    c = finish(new Case(type, "another department's identity", Expect.REFUSE), events);
                    String dept = events.get(0).get("department").asText();
                    c.token = dept.equals("civil_affairs") ? "token-trade_union" : "token-civil_affairs";
                } else {
                    c = finish(new Case(type, "wrong content type", Expect.REFUSE), events);
                    c.contentType = valid.pick(new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded"});
                }
            }
            case 4 -> {
                c = finish(new Case(type, "no content type", Expect.EITHER), events);
                c.contentType = null;
            }
            case 5 -> {
                c = finish(new Case(type, "charset parameter", Expect.ACCEPT), events);
                c.contentType = "application/json; charset=utf-8";
            }
            case 6 -> {
                // a body declared in another charset is refused (415), not read as UTF-8 regardless
                c = finish(new Case(type, "another charset declared", Expect.REFUSE), events);
                c.contentType = "application/json; charset=" + valid.pick(new String[] {"ISO-8859-1", "GBK", "UTF-16", "x-unknown"});
            }
            default -> {
                c = finish(new Case(type, "mixed types in one batch", Expect.REFUSE), events);
                List<ObjectNode> mixed = new ArrayList<>(events);
                String other;
                do {
                    other = TYPES.get(rnd.nextInt(TYPES.size()));
                } while (other.equals(type));
                mixed.add(valid.of(other));
                c.body = array(mixed).getBytes(StandardCharsets.UTF_8);
            }
        }
        return c;
    }

    // ------------------------------------------------------------------------------------------ helpers

    private JsonNode randomJson(int depth) {
        int r = rnd.nextInt(depth > 4 ? 5 : 8);
        return switch (r) {
            case 0 -> ValidEvents.NODES.textNode(randomText());
            case 1 -> ValidEvents.NODES.numberNode(rnd.nextLong());
            case 2 -> ValidEvents.NODES.booleanNode(rnd.nextBoolean());
            case 3 -> ValidEvents.NODES.nullNode();
            case 4 -> ValidEvents.NODES.numberNode(rnd.nextDouble() * 1e6);
            case 5 -> {
                ArrayNode a = ValidEvents.NODES.arrayNode();
                for (int i = rnd.nextInt(4); i > 0; i--) a.add(randomJson(depth + 1));
                yield a;
            }
            default -> {
                ObjectNode o = ValidEvents.NODES.objectNode();
                String[] names = {"type", "personId", "claimId", "amounts", "region", "year", "x", randomText()};
                for (int i = rnd.nextInt(5); i > 0; i--) o.set(names[rnd.nextInt(names.length)], randomJson(depth + 1));
                yield o;
            }
        };
    }

    private String randomText() {
        StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(12); i > 0; i--) sb.append((char) (rnd.nextInt(3) == 0 ? rnd.nextInt(0x3000) : 'a' + rnd.nextInt(26)));
        return sb.toString();
    }

    private JsonNode nested(int depth) {
        JsonNode n = ValidEvents.NODES.textNode("leaf");
        for (int i = 0; i < depth; i++) n = rnd.nextBoolean() ? ValidEvents.NODES.arrayNode().add(n) : ValidEvents.NODES.objectNode().set("n", n);
        return n;
    }

    private String variant(String type) {
        return valid.pick(new String[] {type.toUpperCase(java.util.Locale.ROOT), " " + type, type + " ", type + "s", type + "\u0000"});
    }

    private static String fullwidth(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) sb.append(ch >= 'a' && ch <= 'z' ? (char) (ch - 'a' + 0xff41) : ch);
        return sb.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch < 0x20 || ch > 0x7e) sb.append(String.format("\\u%04x", (int) ch));
            else sb.append(ch);
        }
        return sb.toString();
    }
}
