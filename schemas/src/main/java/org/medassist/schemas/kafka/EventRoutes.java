package org.medassist.schemas.kafka;

import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.IdentityEvent;
import org.medassist.events.Parameter;
import org.medassist.events.YearClose;

/** The routes of the six input event types (docs/contract.md): the one table of where each goes. */
public final class EventRoutes {
    private EventRoutes() {}

    public static final EventRoute<IdentityEvent> IDENTITY =
            new EventRoute<>("identity", IdentityEvent.class, Topics.IDENTITY_EVENTS, IdentityEvent::getPersonId);
    public static final EventRoute<Claim> CLAIM =
            new EventRoute<>("claim", Claim.class, Topics.HOSPITAL_EVENTS, Claim::getPersonId);
    public static final EventRoute<ClaimReversal> CLAIM_REVERSAL =
            new EventRoute<>("claim_reversal", ClaimReversal.class, Topics.HOSPITAL_EVENTS, ClaimReversal::getPersonId);
    public static final EventRoute<Application> APPLICATION =
            new EventRoute<>("application", Application.class, Topics.APPLICATIONS, Application::getPersonId);
    public static final EventRoute<Parameter> PARAMETER = new EventRoute<>("parameter", Parameter.class,
            Topics.POLICY_PARAMETERS, p -> p.getRegion() + "|" + p.getYear() + "|" + p.getName());
    public static final EventRoute<YearClose> YEAR_CLOSE = new EventRoute<>("year_close", YearClose.class,
            Topics.YEAR_CLOSES, y -> y.getRegion() + "|" + y.getYear());

    private static final List<EventRoute<?>> INPUTS =
            List.of(IDENTITY, CLAIM, CLAIM_REVERSAL, APPLICATION, PARAMETER, YEAR_CLOSE);

    public static List<EventRoute<?>> inputs() { return INPUTS; }

    /** The route of an input event; empty for anything else (an output event, an internal record). */
    public static Optional<EventRoute<?>> of(SpecificRecord event) {
        for (EventRoute<?> r : INPUTS) if (r.recordType().isInstance(event)) return Optional.of(r);
        return Optional.empty();
    }

    /** The route of a contract type name ({@code "claim"}); empty when it is not an input type. */
    public static Optional<EventRoute<?>> ofType(String type) {
        for (EventRoute<?> r : INPUTS) if (r.type().equals(type)) return Optional.of(r);
        return Optional.empty();
    }
}
