package org.medassist.settlement.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medassist.engine.ledger.PersonLedger;

/** Ledgers in a map sorted by personId, the order a state store iterates in, so replay and streaming fan out alike. */
public final class InMemoryLedgers implements Ledgers {
    private final TreeMap<String, PersonLedger> byPerson = new TreeMap<>();
    /** The same ledgers by hash, for the look-up every event makes (the tree is kept for the ordered fan-out). */
    private final Map<String, PersonLedger> index = new HashMap<>();

    @Override
    public PersonLedger get(String personId) {
        PersonLedger l = index.get(personId);
        if (l == null) {
            l = new PersonLedger(personId);
            index.put(personId, l);
            byPerson.put(personId, l);
        }
        return l;
    }

    @Override
    public void changed(PersonLedger ledger) {}

    @Override
    public List<String> withYear(String region, int year, String after, int limit) {
        List<String> out = new ArrayList<>();
        Map<String, PersonLedger> tail = after == null ? byPerson : byPerson.tailMap(after, false);
        for (PersonLedger l : tail.values()) {
            if (out.size() == limit) break;
            // these ledgers hold every year in memory (PersonLedger(personId): InMemoryYears), so the look-up loads nothing
            if (l.year(region, year) != null) out.add(l.personId);
        }
        return out;
    }

    public int size() { return byPerson.size(); }
}
