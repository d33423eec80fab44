package org.medassist.engine.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;


/**
 * A person's identity history, folded from department events into spells. A department's eventId identifies one
 * event (E14.16): the same event again has no effect, and the same department and eventId with other content is a
 * conflict that changes nothing. Events are ordered by effective date (receipt order breaks ties), so a late event
 * lands where it belongs.
 */
public final class IdentityTimeline {
    /** What {@link #apply} did with an event. */
    public enum Applied {
        /** A new department+eventId: the timeline changed. */
        APPLIED,
        /** The same department+eventId with the same content: no effect. */
        DUPLICATE,
        /** The same department+eventId with different content (another personId included): refused, no effect. */
        CONFLICT;

        public boolean changed() { return this == APPLIED; }
    }

    /** A timeline of at most this many events finds an event by a scan of its changes, and keeps no map. */
    static final int SCANNED = 8;

    /** Every event kept, one per key ({@code department/eventId}), in receipt order. */
    private final List<IdentityChange> changes = new ArrayList<>();
    /**
     * The changes by key, once they are more than {@link #SCANNED}: most persons have one or two events, and a map with
     * a key string per event is memory held for nothing (docs/performance.md, retained memory per claim).
     */
    private Map<String, IdentityChange> byEventId;
    private List<Spell> spells = List.of();

    /** Adds an event unless this department already sent its eventId (eventIds are unique per department). */
    public Applied apply(IdentityChange change) {
        IdentityChange known = known(change.department(), change.eventId());
        if (known != null) return known.equals(change) ? Applied.DUPLICATE : Applied.CONFLICT;
        changes.add(change);
        if (byEventId != null) {
            byEventId.put(key(change), change);
        } else if (changes.size() > SCANNED) {
            byEventId = new HashMap<>();
            for (IdentityChange c : changes) byEventId.put(key(c), c);
        }
        spells = fold(changes);
        return Applied.APPLIED;
    }

    /** Whether the department's eventId is already in this timeline (received before, with any content). */
    public boolean knows(String department, String eventId) { return known(department, eventId) != null; }

    /** The event kept under the key {@code department + '/' + eventId}, or null. */
    private IdentityChange known(String department, String eventId) {
        if (byEventId != null) return byEventId.get(department + '/' + eventId);
        for (int i = 0; i < changes.size(); i++) {
            IdentityChange c = changes.get(i);
            if (sameKey(c.department(), c.eventId(), department, eventId)) return c;
        }
        return null;
    }

    /** Whether {@code a1 + '/' + a2} and {@code b1 + '/' + b2} are the same text, without building them when they differ. */
    static boolean sameKey(String a1, String a2, String b1, String b2) {
        a1 = String.valueOf(a1);
        a2 = String.valueOf(a2);
        b1 = String.valueOf(b1);
        b2 = String.valueOf(b2);
        if (a1.length() + a2.length() != b1.length() + b2.length()) return false;
        if (a1.length() == b1.length()) return a1.equals(b1) && a2.equals(b2);
        return (a1 + '/' + a2).equals(b1 + '/' + b2); // the same length, split elsewhere: '/' inside a part
    }

    public int size() { return changes.size(); }

    /** The reason a {@link Applied#CONFLICT} is refused, naming the eventId (E14.16). */
    public static String conflict(IdentityChange c) {
        return "identity event " + c.eventId() + " of " + c.department() + " was already received with different content;"
                + " it changes nothing: a department corrects a grant with a revoke and sends the right grant under a new eventId";
    }

    private static String key(IdentityChange c) { return c.department() + '/' + c.eventId(); }

    /**
     * Replaces the whole history with a published timeline (the person-eligibility topic carries all of a
     * person's events); false when nothing changed.
     */
    public boolean replaceWith(List<IdentityChange> all) {
        List<IdentityChange> distinct = new ArrayList<>();
        Map<String, IdentityChange> ids = new HashMap<>();
        for (IdentityChange c : all) if (ids.putIfAbsent(key(c), c) == null) distinct.add(c);
        if (distinct.equals(changes)) return false;
        changes.clear();
        changes.addAll(distinct);
        byEventId = distinct.size() > SCANNED ? ids : null;
        spells = fold(changes);
        return true;
    }

    public List<Spell> spells() { return spells; }

    public List<IdentityChange> changes() { return List.copyOf(changes); }

    public boolean isEmpty() { return changes.isEmpty(); }

    static List<Spell> fold(List<IdentityChange> changes) {
        List<IdentityChange> ordered = new ArrayList<>(changes);
        ordered.sort(Comparator.comparing(IdentityChange::region).thenComparing(IdentityChange::identity)
                .thenComparing(IdentityChange::effectiveDate)); // stable: receipt order breaks ties
        List<Spell> out = new ArrayList<>();
        Spell open = null;
        for (IdentityChange c : ordered) {
            if (open != null && !(open.region().equals(c.region()) && open.identity().equals(c.identity()))) {
                out.add(open);
                open = null;
            }
            if (c.grant()) {
                if (open != null && sameAttributes(open, c)) continue; // a repeated grant changes nothing
                if (open != null) out.add(close(open, c));
                open = new Spell(c.region(), c.identity(), c.department(), c.effectiveDate(), null,
                        c.disabilityGrade(), c.disabilityKind(), c.group());
            } else if (open != null) {
                out.add(close(open, c));
                open = null;
            }
        }
        if (open != null) out.add(open);
        return List.copyOf(out);
    }

    private static Spell close(Spell open, IdentityChange at) {
        return new Spell(open.region(), open.identity(), open.department(), open.recognized(), at.effectiveDate(),
                open.disabilityGrade(), open.disabilityKind(), open.group());
    }

    private static boolean sameAttributes(Spell s, IdentityChange c) {
        return s.disabilityGrade() == c.disabilityGrade() && Objects.equals(s.disabilityKind(), c.disabilityKind())
                && Objects.equals(s.group(), c.group());
    }
}
