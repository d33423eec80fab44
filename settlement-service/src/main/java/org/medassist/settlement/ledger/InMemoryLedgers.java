package org.medassist.settlement.ledger;

import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import org.medassist.engine.ledger.PersonLedger;

/** Ledgers in a map sorted by personId, the order a state store iterates in, so replay and streaming fan out alike. */
public final class InMemoryLedgers implements Ledgers {
    private final Map<String, PersonLedger> byPerson = new TreeMap<>();

    @Override
    public PersonLedger get(String personId) { return byPerson.computeIfAbsent(personId, PersonLedger::new); }

    @Override
    public void changed(PersonLedger ledger) {}

    @Override
    public Iterable<PersonLedger> withYear(String region, int year) {
        List<PersonLedger> out = new ArrayList<>();
        for (PersonLedger l : byPerson.values()) if (l.year(region, year) != null) out.add(l);
        return out;
    }

    public int size() { return byPerson.size(); }
}
