package org.medassist.engine.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medassist.engine.timeline.IdentityTimeline;

/**
 * Everything the engine keeps about one person: the identity timeline, the person-years, and the ids already
 * seen, which make every input idempotent.
 */
public final class PersonLedger {
    public final String personId;
    public final IdentityTimeline timeline = new IdentityTimeline();
    private final Map<String, PersonYear> years = new HashMap<>();
    public final Map<String, Entry> claims = new HashMap<>();
    public final Map<String, Entry> applications = new HashMap<>();
    public final Map<String, String> reversals = new HashMap<>();

    public PersonLedger(String personId) { this.personId = personId; }

    public PersonYear year(String region, int year) { return years.get(region + '|' + year); }

    public PersonYear putYear(PersonYear py) {
        years.put(py.region + '|' + py.year, py);
        return py;
    }

    /** Person-years of a region, oldest first: recomputation goes in this order so one-time windows see final amounts. */
    public List<PersonYear> years(String region) {
        List<PersonYear> out = new ArrayList<>();
        for (PersonYear py : years.values()) if (py.region.equals(region)) out.add(py);
        out.sort(Comparator.comparingInt(py -> py.year));
        return out;
    }

    public List<String> regions() {
        return years.values().stream().map(py -> py.region).distinct().sorted().toList();
    }
}
