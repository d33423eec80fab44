package org.medassist.kit.ownership;

import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipOutcome;
import org.medassist.events.OwnershipRequest;

/**
 * Who owns an id that must belong to one person only (a claim's hospitalId + claimId; a department's eventId): the
 * first person to ask. The decision is the same in the stream ({@link OwnershipRegistry}) and in replay (an
 * in-memory map), so both settle the same claims (docs/architecture.md, ownership).
 */
public final class Ownership {
    private Ownership() {}

    private static final char SEP = '\u0000';

    /** What the registry stores for an owned id: the owner and where it keeps the id. */
    public static String stored(String personId, String where) { return personId + SEP + where; }

    public static String owner(String stored) { return stored.substring(0, stored.indexOf(SEP)); }

    public static String where(String stored) { return stored.substring(stored.indexOf(SEP) + 1); }

    /**
     * The answer to a request given what is stored for its id (null: nobody owns it yet). A grant stores
     * {@link #stored}; the caller writes it.
     */
    public static OwnershipAnswer decide(String stored, OwnershipRequest r) {
        OwnershipOutcome outcome;
        String where = null;
        if (stored == null) {
            outcome = OwnershipOutcome.granted;
        } else if (owner(stored).equals(r.getPersonId())) {
            outcome = OwnershipOutcome.already_yours;
            where = where(stored);
        } else {
            outcome = OwnershipOutcome.taken;
        }
        return OwnershipAnswer.newBuilder().setId(r.getId()).setPersonId(r.getPersonId()).setRequestId(r.getRequestId())
                .setOutcome(outcome).setWhere(where).build();
    }
}
