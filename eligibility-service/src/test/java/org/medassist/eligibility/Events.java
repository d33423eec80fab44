package org.medassist.eligibility;

import java.time.LocalDate;
import org.medassist.events.Department;
import org.medassist.events.DisabilityKind;
import org.medassist.events.IdentityAction;
import org.medassist.events.IdentityAttributes;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentityType;
import org.medassist.schemas.json.EventJson;

/** Test events, as Avro records and in the contract's JSON form. */
public final class Events {
    private Events() {}

    public static IdentityEvent identity(String eventId, String personId, Department department, IdentityType identity,
                                         IdentityAction action, String date) {
        IdentityAttributes.Builder a = IdentityAttributes.newBuilder();
        if (identity == IdentityType.severe_disability && action == IdentityAction.grant) {
            a.setDisabilityGrade(2).setDisabilityKind(DisabilityKind.physical);
        }
        return IdentityEvent.newBuilder().setEventId(eventId).setPersonId(personId).setRegion("nanjing")
                .setDepartment(department).setIdentity(identity).setAction(action)
                .setEffectiveDate(LocalDate.parse(date)).setAttributes(a.build()).build();
    }

    public static IdentityEvent grant(String eventId, String personId, String date) {
        return identity(eventId, personId, Department.civil_affairs, IdentityType.minimum_living, IdentityAction.grant, date);
    }

    public static IdentityEvent revoke(String eventId, String personId, String date) {
        return identity(eventId, personId, Department.civil_affairs, IdentityType.minimum_living, IdentityAction.revoke, date);
    }

    /** A JSON array of the events in the contract's form. */
    public static String json(IdentityEvent... events) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < events.length; i++) {
            if (i > 0) b.append(',');
            b.append(EventJson.write(events[i]));
        }
        return b.append(']').toString();
    }
}
