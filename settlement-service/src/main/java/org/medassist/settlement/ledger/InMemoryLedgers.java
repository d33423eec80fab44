package org.medassist.settlement.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medassist.engine.ledger.PersonLedger;

/** Ledgers in a map sorted by personId, the order a state store iterates in, so replay and streaming fan out alike. */
public final class InMemoryLedgers implements Ledgers {
    private final TreeMap<String, PersonLedger> byPerson = new TreeMap<>();

    @Override
    public PersonLedger get(String personId) { return byPerson.computeIfAbsent(personId, PersonLedger::new); }

    @Override
    public void changed(PersonLedger ledger) {}

    @Override
    public List<String> withYear(String region, int year, String after, int limit) {
        List<String> out = new ArrayList<>();
        Map<String, PersonLedger> tail = after == null ? byPerson : byPerson.tailMap(after, false);
        for (PersonLedger l : tail.values()) {
            if (out.size() == limit) break;
            if (!l.index(region).stream().filter(y -> y.year() == year).toList().isEmpty()) out.add(l.personId);
        }
        return out;
    }

    public int size() { return byPerson.size(); }
}
