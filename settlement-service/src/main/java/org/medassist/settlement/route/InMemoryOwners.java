package org.medassist.settlement.route;

import java.util.HashMap;
import java.util.Map;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipOutcome;
import org.medassist.events.OwnershipRequest;
import org.medassist.kit.ownership.Ownership;

/** Replay's registry of owned ids: the same decision as the stream's registry, in a map, answered at once. */
public final class InMemoryOwners implements EventRouter.Owners {
    private final Map<String, String> owners = new HashMap<>();

    @Override
    public OwnershipAnswer ask(OwnershipRequest r) {
        OwnershipAnswer a = Ownership.decide(owners.get(r.getId()), r);
        if (a.getOutcome() == OwnershipOutcome.granted) owners.put(r.getId(), Ownership.stored(r.getPersonId(), r.getWhere()));
        return a;
    }
}
