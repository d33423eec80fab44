package org.medassist.settlement.replay;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.medassist.events.Department;
import org.medassist.events.DisabilityKind;
import org.medassist.events.IdentityAction;
import org.medassist.events.IdentityAttributes;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentityType;
import org.medassist.events.VeteranGroup;
import org.medassist.schemas.Departments;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.json.EventRules;

/**
 * The fast path for an identity line, read as {@link ClaimLineReader} reads a claim: one pass over the line's
 * characters straight to its Avro {@link IdentityEvent}. It accepts only what it understands whole — a JSON object
 * (strings without escapes) whose every field is one the contract names for an identity event, once, of the expected
 * JSON type (the attributes absent or an object; in it, each field null or of its type, a disabilityGrade one digit
 * 1 to 4), passing every rule of {@link EventJson} and {@link EventRules} (the personId format, the department's
 * identities, the attributes a grant needs) — and returns null for anything else, which the caller then reads with
 * {@link EventJson}. For every line it accepts, the record equals {@link EventJson#read}'s
 * ({@code IdentityLineReaderTest}).
 */
final class IdentityLineReader extends JsonLineReader<IdentityEvent> {
    private static final char[][] FIELDS = chars(List.of("type", "eventId", "personId", "region", "department", "identity",
            "action", "effectiveDate", "attributes"));
    private static final char[][] ATTRIBUTES = chars(List.of("disabilityGrade", "disabilityKind", "birthDate", "group"));
    private static final char[] IDENTITY = "identity".toCharArray();
    // the contract's enums: their Java names are their symbols
    private static final Department[] DEPARTMENTS = Department.values();
    private static final char[][] DEPARTMENT_SYMBOLS = symbols(DEPARTMENTS);
    private static final IdentityType[] IDENTITIES = IdentityType.values();
    private static final char[][] IDENTITY_SYMBOLS = symbols(IDENTITIES);
    private static final IdentityAction[] ACTIONS = IdentityAction.values();
    private static final char[][] ACTION_SYMBOLS = symbols(ACTIONS);
    private static final DisabilityKind[] DISABILITY_KINDS = DisabilityKind.values();
    private static final char[][] DISABILITY_KIND_SYMBOLS = symbols(DISABILITY_KINDS);
    private static final VeteranGroup[] GROUPS = VeteranGroup.values();
    private static final char[][] GROUP_SYMBOLS = symbols(GROUPS);

    private static char[][] symbols(Enum<?>[] values) {
        return chars(Arrays.stream(values).map(Enum::name).toList());
    }

    /** A reader with its own tables of texts, personIds and dates. */
    IdentityLineReader() {}

    /** A reader that keeps its texts, personIds and dates in {@code other}'s tables. */
    IdentityLineReader(JsonLineReader<?> other) {
        super(other);
    }

    @Override
    IdentityEvent event() {
        if (!ws('{')) return null;
        boolean isIdentity = false;
        String eventId = null, personId = null, region = null;
        Department department = null;
        IdentityType identity = null;
        IdentityAction action = null;
        LocalDate effective = null;
        Integer grade = null;
        DisabilityKind disabilityKind = null;
        LocalDate birthDate = null;
        VeteranGroup group = null;
        int seen = 0;
        int field = -1;
        if (!at('}')) {
            do {
                if ((field = member(FIELDS, field, seen)) < 0) return null;
                seen |= 1 << field;
                switch (field) {
                    case 0 -> { if (!string() || !text(IDENTITY)) return null; isIdentity = true; }
                    case 1 -> { if ((eventId = ownText()) == null) return null; }
                    case 2 -> { if ((personId = personIdText()) == null) return null; }
                    case 3 -> { if ((region = keptText()) == null) return null; }
                    case 4 -> { if (!string() || (department = symbol(DEPARTMENT_SYMBOLS, DEPARTMENTS)) == null) return null; }
                    case 5 -> { if (!string() || (identity = symbol(IDENTITY_SYMBOLS, IDENTITIES)) == null) return null; }
                    case 6 -> { if (!string() || (action = symbol(ACTION_SYMBOLS, ACTIONS)) == null) return null; }
                    case 7 -> { if (!string() || (effective = date()) == null) return null; }
                    case 8 -> {
                        if (!ws('{')) return null; // null (the codec's default) or another type: the codec decides
                        int got = 0;
                        int a = -1;
                        if (!at('}')) {
                            do {
                                if ((a = member(ATTRIBUTES, a, got)) < 0) return null;
                                got |= 1 << a;
                                if (literal("null")) continue; // a nullable field, null as when absent
                                switch (a) {
                                    case 0 -> {
                                        // one digit 1 to 4 (a JSON integer; what follows must end the value)
                                        if (i >= end || s[i] < '1' || s[i] > '4') return null;
                                        grade = s[i++] - '0';
                                    }
                                    case 1 -> { if (!string() || (disabilityKind = symbol(DISABILITY_KIND_SYMBOLS, DISABILITY_KINDS)) == null) return null; }
                                    case 2 -> { if (!string() || (birthDate = date()) == null) return null; }
                                    default -> { if (!string() || (group = symbol(GROUP_SYMBOLS, GROUPS)) == null) return null; }
                                }
                            } while (ws(','));
                        }
                        if (!ws('}')) return null;
                    }
                    default -> { return null; }
                }
            } while (ws(','));
        }
        if (!ws('}')) return null;
        skipWs();
        if (i != end) return null; // trailing content
        if (!isIdentity || eventId == null || personId == null || region == null || department == null || identity == null
                || action == null || effective == null) {
            return null;
        }
        // EventRules: the personId format, the department's identities, what a grant needs
        if (!validPersonId(personId)) return null;
        if (!Departments.certifies(department, identity)) return null;
        if (action == IdentityAction.grant) {
            if (identity == IdentityType.severe_disability && (grade == null || disabilityKind == null)) return null;
            if (identity == IdentityType.entitled_veteran && group == null) return null;
        }
        IdentityAttributes attributes = new IdentityAttributes(); // every field null, as the codec reads an absent one
        attributes.setDisabilityGrade(grade);
        attributes.setDisabilityKind(disabilityKind);
        attributes.setBirthDate(birthDate);
        attributes.setGroup(group);
        IdentityEvent e = new IdentityEvent();
        e.setEventId(eventId);
        e.setPersonId(personId);
        e.setRegion(region);
        e.setDepartment(department);
        e.setIdentity(identity);
        e.setAction(action);
        e.setEffectiveDate(effective);
        e.setAttributes(attributes);
        return e;
    }
}
