package org.medassist.engine.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;


/**
 * A person's identity history, folded from department events into spells. Events are idempotent by eventId and
 * are ordered by effective date (receipt order breaks ties), so a late event lands where it belongs.
 */
public final class IdentityTimeline {
    private final List<IdentityChange> changes = new ArrayList<>();
    private final Set<String> eventIds = new HashSet<>();
    private List<Spell> spells = List.of();

    /** Adds an event; false when the department already sent this eventId (eventIds are unique per department). */
    public boolean apply(IdentityChange change) {
        if (!eventIds.add(change.department() + '/' + change.eventId())) return false;
        changes.add(change);
        spells = fold(changes);
        return true;
    }

    /**
     * Replaces the whole history with a published timeline (the person-eligibility topic carries all of a
     * person's events); false when nothing changed.
     */
    public boolean replaceWith(List<IdentityChange> all) {
        List<IdentityChange> distinct = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (IdentityChange c : all) if (ids.add(c.department() + '/' + c.eventId())) distinct.add(c);
        if (distinct.equals(changes)) return false;
        changes.clear();
        changes.addAll(distinct);
        eventIds.clear();
        eventIds.addAll(ids);
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
