package org.medassist.settlement.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medassist.engine.ledger.PersonLedger;

/** Ledgers in a map, in first-seen order so that replay output is deterministic. */
public final class InMemoryLedgers implements Ledgers {
    private final Map<String, PersonLedger> byPerson = new LinkedHashMap<>();

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
