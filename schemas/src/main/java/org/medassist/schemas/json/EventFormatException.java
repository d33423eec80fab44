package org.medassist.schemas.json;

/**
 * A JSON event that breaks the contract. Besides the message, it carries what could be read from the event so that
 * the caller can answer it (a {@code rejected} settlement, a dead letter, an HTTP 400): the event's type, its id
 * ({@code claimId}, {@code eventId}, {@code reversalId}, {@code applicationId}, {@code settlementId} or
 * {@code alertId}), its person and region, and the field at fault with the problem. Any of these is null when it
 * could not be read.
 *
 * <p>The message reads {@code "<type> <id>: <field> <problem>"}, for example
 * {@code claim H1-9: amounts.basicInsurance exceeds amounts.policyScope}; a missing field reads
 * {@code missing "<field>"}.
 */
public final class EventFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@link #problem()} for a field that is absent or null. */
    public static final String MISSING = "is missing";

    private final String type;
    private final String id;
    private final String personId;
    private final String region;
    private final String field;
    private final String problem;

    /**
     * @param type the event's {@code type}, or null when unknown
     * @param id the event's id, or null
     * @param personId the event's personId, or null
     * @param region the event's region, or null
     * @param field the field at fault as a dotted path ({@code amounts.total}), or null for the line as a whole
     * @param problem what is wrong, phrased to follow the field name ({@code "exceeds amounts.policyScope"});
     *     {@link #MISSING} for an absent field
     */
    public EventFormatException(String type, String id, String personId, String region, String field, String problem) {
        this(type == null ? describe(field, problem) : prefix(type, id) + describe(field, problem),
                type, id, personId, region, field, problem);
    }

    private EventFormatException(String message, String type, String id, String personId, String region,
                                 String field, String problem) {
        super(message);
        this.type = type;
        this.id = id;
        this.personId = personId;
        this.region = region;
        this.field = field;
        this.problem = problem;
    }

    /**
     * For a problem across several fields of one record ({@code amounts}): the message reads
     * {@code "<type> <id>: <field>: <problem>"}.
     */
    static EventFormatException acrossFields(String type, String id, String personId, String region, String field, String problem) {
        return new EventFormatException(prefix(type, id) + field + ": " + problem, type, id, personId, region, field, problem);
    }

    /** For a line whose {@code type} is not one the contract names: the message carries no type prefix. */
    static EventFormatException unknownType(String rawType, String personId, String region, String problem) {
        return new EventFormatException(describe("type", problem), rawType, null, personId, region, "type", problem);
    }

    private static String prefix(String type, String id) {
        return id == null ? type + ": " : type + " " + id + ": ";
    }

    private static String describe(String field, String problem) {
        if (field == null) return problem;
        if (MISSING.equals(problem)) return "missing \"" + field + "\"";
        return field + " " + problem;
    }

    /** The event's {@code type} as read, or null. */
    public String type() {
        return type;
    }

    /** The event's id as read, or null. */
    public String id() {
        return id;
    }

    public String personId() {
        return personId;
    }

    public String region() {
        return region;
    }

    /** The field at fault as a dotted path, or null when the line as a whole is at fault. */
    public String field() {
        return field;
    }

    /** What is wrong with {@link #field()} (or with the line, when the field is null). */
    public String problem() {
        return problem;
    }
}
