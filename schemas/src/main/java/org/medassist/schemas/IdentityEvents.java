package org.medassist.schemas;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.medassist.events.IdentityAction;
import org.medassist.events.IdentityAttributes;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentitySpell;
import org.medassist.events.PersonEligibility;
import org.medassist.engine.timeline.IdentityChange;
import org.medassist.engine.timeline.IdentityTimeline;
import org.medassist.engine.timeline.Spell;

/**
 * Between the Avro identity records and the shared fold ({@link IdentityTimeline}): an event as an
 * {@link IdentityChange}, a timeline rebuilt from a {@link PersonEligibility}, and a {@link PersonEligibility} built
 * from a person's events.
 */
public final class IdentityEvents {
    private IdentityEvents() {}

    /** Effective-date order; a stable sort keeps receipt order among events of the same date, as the fold does. */
    public static final Comparator<IdentityEvent> TIMELINE_ORDER = Comparator.comparing(IdentityEvent::getEffectiveDate);

    public static IdentityChange change(IdentityEvent e) {
        IdentityAttributes at = e.getAttributes();
        Integer grade = at == null ? null : at.getDisabilityGrade();
        return new IdentityChange(e.getEventId(), e.getPersonId(), e.getRegion(), e.getDepartment().name(),
                e.getIdentity().name(), e.getAction() == IdentityAction.grant, e.getEffectiveDate(),
                grade == null ? 0 : grade,
                at == null || at.getDisabilityKind() == null ? null : at.getDisabilityKind().name(),
                at == null || at.getGroup() == null ? null : at.getGroup().name());
    }

    /** The fold of a person's events, in the order given. */
    public static IdentityTimeline timeline(List<IdentityEvent> events) {
        IdentityTimeline t = new IdentityTimeline();
        for (IdentityEvent e : events) t.apply(change(e));
        return t;
    }

    /**
     * The published form of a timeline: the accepted events in {@link #TIMELINE_ORDER} and the spells the fold
     * derives from them. {@code events} must hold only accepted events (no repeated department+eventId).
     */
    public static PersonEligibility eligibility(String personId, List<IdentityEvent> events, IdentityTimeline timeline) {
        List<IdentityEvent> ordered = new ArrayList<>(events);
        ordered.sort(TIMELINE_ORDER);
        List<IdentitySpell> spells = new ArrayList<>();
        for (Spell s : timeline.spells()) {
            spells.add(IdentitySpell.newBuilder().setRegion(s.region()).setIdentity(s.identity())
                    .setDepartment(s.department()).setRecognized(s.recognized()).setExit(s.exit()).build());
        }
        return PersonEligibility.newBuilder().setPersonId(personId).setEvents(ordered).setSpells(spells).build();
    }
}
