package org.medassist.engine.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.medassist.engine.model.ClaimKey;

/**
 * Every year of the person in memory: replay, tests, and the query views. A person has a handful of years, so they
 * sit in an array and are found by a scan, without building a key per look-up; newest first, since most events are
 * of the person's latest year. Every claim looks here, mostly for a person whose years are not in the cache, so the
 * array is held directly (one hop fewer than a list).
 */
public final class InMemoryYears implements PersonYears {
    private PersonYear[] years = new PersonYear[2];
    private int size;

    @Override
    public PersonYear get(String region, int year) {
        PersonYear[] ys = years;
        for (int i = size - 1; i >= 0; i--) {
            PersonYear py = ys[i];
            if (py.year == year && py.region.equals(region)) return py;
        }
        return null;
    }

    @Override
    public void add(PersonYear py) {
        for (int i = 0; i < size; i++) {
            PersonYear old = years[i];
            if (old.year == py.year && old.region.equals(py.region)) {
                years[i] = py;
                return;
            }
        }
        if (size == years.length) years = Arrays.copyOf(years, size * 2);
        years[size++] = py;
    }

    @Override
    public List<PersonYear> all(String region) {
        List<PersonYear> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) if (years[i].region.equals(region)) out.add(years[i]);
        out.sort(Comparator.comparingInt(py -> py.year));
        return out;
    }

    @Override
    public List<YearInfo> index(String region) {
        List<YearInfo> out = new ArrayList<>(size);
        for (PersonYear py : all(region)) out.add(YearInfo.of(py));
        return out;
    }

    @Override
    public boolean endItemsRead(String region, int year) {
        for (int i = 0; i < size; i++) {
            PersonYear py = years[i];
            if (py.region.equals(region) && (py.hasOneTime() || (py.hasYearEnd() && py.year == year))) return true;
        }
        return false;
    }

    @Override
    public List<String> regions() {
        return loaded().stream().map(py -> py.region).distinct().sorted().toList();
    }

    /** The years themselves, not a copy: callers only read them. */
    @Override
    public Collection<PersonYear> loaded() { return Arrays.asList(years).subList(0, size); }

    @Override
    public Entry findLoaded(ClaimKey key, PersonYear skip) {
        PersonYear[] ys = years;
        for (int i = 0; i < size; i++) { // in the order loaded(), as the interface's default looks
            PersonYear py = ys[i];
            if (py == skip) continue;
            Entry e = py.claim(key);
            if (e != null) return e;
        }
        return null;
    }
}
