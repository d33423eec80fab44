package org.medassist.engine.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every year of the person in memory: replay, tests, and the query views. */
public final class InMemoryYears implements PersonYears {
    private final Map<String, PersonYear> years = new HashMap<>();

    @Override
    public PersonYear get(String region, int year) { return years.get(region + '|' + year); }

    @Override
    public void add(PersonYear py) { years.put(py.region + '|' + py.year, py); }

    @Override
    public List<PersonYear> all(String region) {
        List<PersonYear> out = new ArrayList<>();
        for (PersonYear py : years.values()) if (py.region.equals(region)) out.add(py);
        out.sort(Comparator.comparingInt(py -> py.year));
        return out;
    }

    @Override
    public List<YearInfo> index(String region) {
        List<YearInfo> out = new ArrayList<>();
        for (PersonYear py : all(region)) out.add(YearInfo.of(py));
        return out;
    }

    @Override
    public List<String> regions() {
        return years.values().stream().map(py -> py.region).distinct().sorted().toList();
    }

    @Override
    public Collection<PersonYear> loaded() { return years.values(); }
}
