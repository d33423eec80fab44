package org.medassist.engine.ledger;

import java.util.Collection;
import java.util.List;
import org.medassist.engine.model.ClaimKey;

/**
 * Where a person's years live. In replay every year is in memory ({@link InMemoryYears}); in streaming the years are
 * separate records of a state store, loaded when the engine asks for them, so a year that nothing touches (a closed
 * one, most often) is never read. The engine asks for exactly what an event needs.
 */
public interface PersonYears {
    /** The person-year, or null when the person has none; may load it. */
    PersonYear get(String region, int year);

    void add(PersonYear py);

    /** Every year of the region, oldest first; loads them all. */
    List<PersonYear> all(String region);

    /** The years of a region, oldest first, without loading them. */
    List<YearInfo> index(String region);

    /**
     * Whether a claim of {@code year} is read by an end item: the year-end item of that year, or one-time assistance
     * in any year of the region. Answers from {@link #index} unless an implementation knows without building it.
     */
    default boolean endItemsRead(String region, int year) {
        for (YearInfo y : index(region)) if (y.oneTime() || (y.yearEnd() && y.year() == year)) return true;
        return false;
    }

    /** Regions the person has years in, sorted. */
    List<String> regions();

    /** The years in memory now: where a claim received before is looked for (the caller loads any year that may hold it). */
    Collection<PersonYear> loaded();

    /** The claim with this key in a year in memory other than {@code skip}, or null. */
    default Entry findLoaded(ClaimKey key, PersonYear skip) {
        for (PersonYear py : loaded()) {
            if (py == skip) continue;
            Entry e = py.claim(key);
            if (e != null) return e;
        }
        return null;
    }
}
