package org.medassist.engine.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Every year of the person in memory: replay, tests, and the query views. A person has a handful of years, so they
 * sit in a list and are found by a scan, without building a key per look-up.
 */
public final class InMemoryYears implements PersonYears {
    private final List<PersonYear> years = new ArrayList<>(2);

    @Override
    public PersonYear get(String region, int year) {
        for (int i = 0; i < years.size(); i++) {
            PersonYear py = years.get(i);
            if (py.year == year && py.region.equals(region)) return py;
        }
        return null;
    }

    @Override
    public void add(PersonYear py) {
        for (int i = 0; i < years.size(); i++) {
            PersonYear old = years.get(i);
            if (old.year == py.year && old.region.equals(py.region)) {
                years.set(i, py);
                return;
            }
        }
        years.add(py);
    }

    @Override
    public List<PersonYear> all(String region) {
        List<PersonYear> out = new ArrayList<>(years.size());
        for (PersonYear py : years) if (py.region.equals(region)) out.add(py);
        out.sort(Comparator.comparingInt(py -> py.year));
        return out;
    }

    @Override
    public List<YearInfo> index(String region) {
        List<YearInfo> out = new ArrayList<>(years.size());
        for (PersonYear py : all(region)) out.add(YearInfo.of(py));
        return out;
    }

    @Override
    public boolean endItemsRead(String region, int year) {
        for (int i = 0; i < years.size(); i++) {
            PersonYear py = years.get(i);
            if (py.region.equals(region) && (py.hasOneTime() || (py.hasYearEnd() && py.year == year))) return true;
        }
        return false;
    }

    @Override
    public List<String> regions() {
        return years.stream().map(py -> py.region).distinct().sorted().toList();
    }

    /** The years themselves, not a copy: callers only read them (every claim looks through them). */
    @Override
    public Collection<PersonYear> loaded() { return years; }
}
