package org.medassist.schemas.json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.money.Money;
import org.medassist.events.Alert;
import org.medassist.events.Amounts;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimKind;
import org.medassist.events.ClaimReversal;
import org.medassist.events.IdentityAction;
import org.medassist.events.IdentityAttributes;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentityType;
import org.medassist.events.Parameter;
import org.medassist.events.Settlement;
import org.medassist.events.YearClose;
import org.medassist.schemas.Departments;
import org.medassist.schemas.PersonIds;

/**
 * The contract's rules on an event record, wherever it came from: the JSON codec applies them after reading a line
 * or an HTTP body, and the stream processors apply {@link #check} to Avro records that producers wrote straight to
 * Kafka, so both entrances refuse exactly the same events (docs/contract.md) with the same messages.
 */
public final class EventRules {
    private EventRules() {}

    private static final Set<String> OUTPUT_TYPES = Set.of("settlement", "alert");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    /**
     * Input text fields that name nothing (a reversal's reason): U+FFFD there makes no two things one, so it is kept
     * as sent. Every other text field is an id, a key or a region, where it is refused (docs/contract.md).
     */
    private static final Set<String> FREE_TEXT = Set.of("reason");

    /** Decimals a rate may have: the engine's parts per million. */
    private static final int RATE_DECIMALS = 6;
    private static final Set<String> MEASURES = Set.of("S", "R", "burden");
    /** Settlement fields that are empty on a rejection of an input naming no person or no known region. */
    static final Set<String> EMPTY_WHEN_REJECTED = Set.of("personId", "policy");
    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 2999;

    /**
     * The most characters a text field of an input event may have (docs/contract.md, JSON rules). Real ids and
     * reasons are far shorter; the bound keeps every event, and every answer naming it, far below what a Kafka
     * record may hold, so that no event a service accepted can make its answer impossible to write.
     */
    public static final int MAX_TEXT = 1_000;
    /** How much of an overlong text a message or a refusal repeats. */
    static final int SHOWN = 64;

    /**
     * Every rule, for a record that did not come through the JSON codec: required strings are not empty, input
     * money is not negative and within range, the personId has its format, then the rules across fields.
     *
     * @throws EventFormatException naming the event, the field and the problem
     */
    public static void check(SpecificRecord record) {
        Context ctx = Context.of(record);
        fields(record.getSchema(), record, "", ctx);
        acrossFields(record, ctx);
    }

    /** The event's identity, for messages; built once per record. */
    record Context(String type, String id, String personId, String region, boolean input) {
        static Context of(SpecificRecord r) {
            String type = EventJson.typeOf(r);
            Schema s = r.getSchema();
            String first = s.getFields().get(0).name();
            Object id = first.endsWith("Id") ? r.get(0) : null;
            return new Context(type, id == null ? null : shown(id.toString()), text(r, "personId"), text(r, "region"),
                    !OUTPUT_TYPES.contains(type));
        }

        private static String text(SpecificRecord r, String field) {
            Schema.Field f = r.getSchema().getField(field);
            Object v = f == null ? null : r.get(f.pos());
            return v == null || v.toString().isEmpty() ? null : shown(v.toString());
        }

        EventFormatException fail(String field, String problem) {
            return new EventFormatException(type, id, personId, region, field, problem);
        }
    }

    private static void fields(Schema schema, SpecificRecord record, String prefix, Context ctx) {
        for (Schema.Field f : schema.getFields()) {
            Object v = record.get(f.pos());
            Schema s = f.schema();
            String path = prefix + f.name();
            if (s.getType() == Schema.Type.UNION) {
                if (v == null) continue;
                for (Schema b : s.getTypes()) if (b.getType() != Schema.Type.NULL) s = b;
            } else if (v == null) {
                throw ctx.fail(path, EventFormatException.MISSING);
            }
            switch (s.getType()) {
                case STRING -> {
                    if (f.schema().getType() != Schema.Type.UNION && v.toString().isEmpty()
                            && !(record instanceof Settlement && EMPTY_WHEN_REJECTED.contains(path))) {
                        throw ctx.fail(path, "is empty");
                    }
                    if (ctx.input()) {
                        String problem = textProblem(v.toString(), path);
                        if (problem != null) throw ctx.fail(path, problem);
                    }
                }
                case LONG -> {
                    long fen = (Long) v;
                    if (ctx.input() && fen < 0) throw ctx.fail(path, "\"" + Money.format(fen) + "\" is negative");
                    if (Math.abs(fen) > Money.MAX_FEN) {
                        throw ctx.fail(path, "\"" + Money.format(fen) + "\" exceeds the largest amount " + Money.format(Money.MAX_FEN));
                    }
                }
                case RECORD -> fields(s, (SpecificRecord) v, path + ".", ctx);
                case INT -> {
                    // a date on a topic is any day count; its year is one the contract knows (docs/contract.md, Dates)
                    String problem = ctx.input() && v instanceof java.time.LocalDate d ? dateProblem(d) : null;
                    if (problem != null) throw ctx.fail(path, problem);
                }
                default -> { }
            }
        }
    }

    /** The rules that involve more than one field, or the contract's tables (departments, identities, years). */
    static void acrossFields(SpecificRecord record, Context ctx) {
        if (record instanceof IdentityEvent e) {
            person(e.getPersonId(), ctx);
            identity(e, ctx);
        } else if (record instanceof Claim c) {
            person(c.getPersonId(), ctx);
            claim(c, ctx);
        } else if (record instanceof ClaimReversal r) {
            person(r.getPersonId(), ctx);
        } else if (record instanceof Application a) {
            person(a.getPersonId(), ctx);
            application(a, ctx);
        } else if (record instanceof Parameter p) {
            year(p.getYear(), ctx);
        } else if (record instanceof YearClose y) {
            year(y.getYear(), ctx);
        } else if (record instanceof Settlement s) {
            // a rejection of an input that named no year or person (a parameter, a year close, an unknown region) says
            // year 0 and personId ""; every other settlement names both
            boolean rejected = s.getStatus() == org.medassist.events.SettlementStatus.rejected;
            if (!(s.getYear() == 0 && rejected)) year(s.getYear(), ctx);
            if (s.getPersonId().isEmpty() && !rejected) throw ctx.fail("personId", "is empty");
            if (s.getPolicy().isEmpty() && !rejected) throw ctx.fail("policy", "is empty");
        } else if (record instanceof Alert a) {
            alert(a, ctx);
        }
    }

    /** Why an input's date breaks the contract (its year is not one of 1900-2999), or null. */
    static String dateProblem(java.time.LocalDate d) {
        if (d.getYear() >= MIN_YEAR && d.getYear() <= MAX_YEAR) return null;
        return "the year of " + d + " is not between " + MIN_YEAR + " and " + MAX_YEAR;
    }

    private static void person(String personId, Context ctx) {
        String problem = PersonIds.problem(personId);
        if (problem != null) throw ctx.fail("personId", problem);
    }

    private static void year(int year, Context ctx) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw ctx.fail("year", year + " is not between " + MIN_YEAR + " and " + MAX_YEAR);
        }
    }

    private static void identity(IdentityEvent e, Context ctx) {
        if (!Departments.certifies(e.getDepartment(), e.getIdentity())) {
            throw ctx.fail("identity", quote(e.getIdentity().name()) + " is not certified by department "
                    + quote(e.getDepartment().name()));
        }
        IdentityAttributes a = e.getAttributes();
        Integer grade = a.getDisabilityGrade();
        if (grade != null && (grade < 1 || grade > 4)) {
            throw ctx.fail("attributes.disabilityGrade", grade + " is not between 1 and 4");
        }
        if (e.getAction() == IdentityAction.grant) {
            if (e.getIdentity() == IdentityType.severe_disability) {
                if (grade == null) throw ctx.fail("attributes.disabilityGrade", "is required to grant severe_disability");
                if (a.getDisabilityKind() == null) throw ctx.fail("attributes.disabilityKind", "is required to grant severe_disability");
            }
            if (e.getIdentity() == IdentityType.entitled_veteran && a.getGroup() == null) {
                throw ctx.fail("attributes.group", "is required to grant entitled_veteran");
            }
        }
    }

    private static void claim(Claim c, Context ctx) {
        Amounts a = c.getAmounts();
        long scope = a.getPolicyScope();
        if (a.getTotal() != scope + a.getOutOfScope()) {
            throw ctx.fail("amounts.total", Money.format(a.getTotal()) + " is not policyScope + outOfScope ("
                    + Money.format(scope + a.getOutOfScope()) + ")");
        }
        if (a.getBasicInsurance() > scope) throw ctx.fail("amounts.basicInsurance", "exceeds amounts.policyScope");
        if (a.getCriticalIllness() > scope) throw ctx.fail("amounts.criticalIllness", "exceeds amounts.policyScope");
        if (a.getOtherInsurance() > scope) throw ctx.fail("amounts.otherInsurance", "exceeds amounts.policyScope");
        long paid = a.getBasicInsurance() + a.getCriticalIllness() + a.getOtherInsurance();
        if (paid > scope) {
            throw EventFormatException.acrossFields(ctx.type(), ctx.id(), ctx.personId(), ctx.region(), "amounts",
                    "basicInsurance + criticalIllness + otherInsurance (" + Money.format(paid)
                            + ") exceeds policyScope (" + Money.format(scope) + ")");
        }
        if (c.getKind() == ClaimKind.inpatient && c.getAdmissionDate() == null) {
            throw ctx.fail("admissionDate", "is required for an inpatient claim");
        }
        if (c.getAdmissionDate() != null && c.getAdmissionDate().isAfter(c.getDischargeDate())) {
            throw ctx.fail("admissionDate", c.getAdmissionDate() + " is after dischargeDate " + c.getDischargeDate());
        }
        if (c.getKind() == ClaimKind.outpatient_major && c.getDiseaseGroup() == null) {
            throw ctx.fail("diseaseGroup", "is required for an outpatient_major claim");
        }
        year(c.getDischargeDate().getYear(), ctx);
    }

    private static void application(Application a, Context ctx) {
        year(a.getYear(), ctx);
        String rate = a.getDecision().getRate();
        if (rate != null) {
            boolean ok = DECIMAL.matcher(rate).matches();
            if (ok) {
                BigDecimal r = new BigDecimal(rate);
                ok = r.signum() > 0 && r.compareTo(BigDecimal.ONE) <= 0;
            }
            if (!ok) throw ctx.fail("decision.rate", quote(rate) + " is not a decimal fraction in (0, 1]");
            // the engine holds rates in parts per million (docs/engine.md): a seventh decimal, even a zero, has no place
            int dot = rate.indexOf('.');
            if (dot >= 0 && rate.length() - dot - 1 > RATE_DECIMALS) {
                throw ctx.fail("decision.rate", quote(rate) + " has more than " + RATE_DECIMALS + " decimals");
            }
        }
    }

    private static void alert(Alert a, Context ctx) {
        year(a.getYear(), ctx);
        if (!MONTH.matcher(a.getMonth()).matches()) throw ctx.fail("month", quote(a.getMonth()) + " is not a month (YYYY-MM)");
        if (!MEASURES.contains(a.getMeasure())) throw ctx.fail("measure", quote(a.getMeasure()) + " is not one of S, R, burden");
    }

    /**
     * Why a text field of an input event is refused, or null: longer than {@link #MAX_TEXT} characters, or not
     * Unicode text (an unpaired surrogate, which no UTF-8 record can carry: it would be stored as another text than
     * the one accepted), or holding U+FFFD, which is what bytes that were not UTF-8 decode to.
     */
    static String textProblem(String text) { return textProblem(text, true); }

    /** As {@link #textProblem(String)} for the field at {@code path}: U+FFFD is refused only where the text names something. */
    static String textProblem(String text, String path) { return textProblem(text, !FREE_TEXT.contains(path)); }

    private static String textProblem(String text, boolean naming) {
        if (text.length() > MAX_TEXT) {
            return "is longer than " + MAX_TEXT + " characters (" + text.length() + " were sent)";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not Unicode text: an unpaired surrogate at character " + (i + 1);
            } else if (c == '\uFFFD' && naming) {
                // what a reader makes of bytes that are not UTF-8 (an Avro string from a direct producer, a replayed
                // line): kept, two different ids sent so would be one
                return "holds U+FFFD, the replacement character, at character " + (i + 1)
                        + ": text that was not UTF-8 reads so, and would be kept as another text than the one sent";
            }
        }
        return null;
    }

    /**
     * A text as a refusal may repeat it: whole when it fits {@link #MAX_TEXT}, else its first {@link #SHOWN}
     * characters and "…", so that the answer to an oversized event is not oversized itself (docs/contract.md).
     */
    public static String shown(String text) {
        if (text == null || text.length() <= MAX_TEXT) return text;
        int end = Character.isHighSurrogate(text.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
        return text.substring(0, end) + "\u2026";
    }

    private static String quote(String text) { return '"' + shown(text) + '"'; }

    static List<String> outputTypes() { return List.copyOf(OUTPUT_TYPES); }
}
