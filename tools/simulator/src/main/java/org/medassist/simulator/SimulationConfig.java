package org.medassist.simulator;

import java.util.List;

/**
 * What determines a synthetic stream, besides the policy catalog: the same configuration over the same catalog
 * always gives the same events, byte for byte.
 *
 * @param seed         the random seed; it is part of every id, so streams of different seeds never collide
 * @param people       how many people, split evenly over the cities
 * @param years        how many simulated years
 * @param startYear    the first simulated year, or null for the latest year in which a chosen city's policy takes
 *                     effect (so that every city is in force from the start)
 * @param regions      the cities to simulate, by region key; empty for every city of the catalog
 * @param invalidShare the share of events followed by a contract breach that replay rejects ({@link Breach})
 * @param lateShare    the share of identity records made during the simulated years that reach the system weeks or
 *                     months after their effective date, after claims they change (E8 in docs/decisions.md)
 */
public record SimulationConfig(long seed, int people, int years, Integer startYear, List<String> regions,
                               double invalidShare, double lateShare) {

    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_PEOPLE = 500;
    public static final int DEFAULT_YEARS = 1;
    public static final int MAX_PEOPLE = 100_000_000;
    public static final int MAX_YEARS = 30;
    public static final double DEFAULT_INVALID_SHARE = 0.001;
    public static final double MAX_INVALID_SHARE = 0.5;
    public static final double DEFAULT_LATE_SHARE = 0.25;

    public SimulationConfig {
        if (seed < 0) throw new IllegalArgumentException("seed must be 0 or more");
        if (people < 1 || people > MAX_PEOPLE) throw new IllegalArgumentException("people must be between 1 and " + MAX_PEOPLE);
        if (years < 1 || years > MAX_YEARS) throw new IllegalArgumentException("years must be between 1 and " + MAX_YEARS);
        if (startYear != null && (startYear < 1950 || startYear > 2900)) throw new IllegalArgumentException("start year must be between 1950 and 2900");
        regions = List.copyOf(regions);
        if (!(invalidShare >= 0 && invalidShare <= MAX_INVALID_SHARE)) {
            throw new IllegalArgumentException("invalid share must be between 0 and " + MAX_INVALID_SHARE);
        }
        if (!(lateShare >= 0 && lateShare <= 1)) throw new IllegalArgumentException("late share must be between 0 and 1");
    }

    /** Every city of the catalog from the default start year, with the default shares of breaches and late records. */
    public static SimulationConfig of(long seed, int people, int years) {
        return new SimulationConfig(seed, people, years, null, List.of(), DEFAULT_INVALID_SHARE, DEFAULT_LATE_SHARE);
    }

    public SimulationConfig withStartYear(Integer year) {
        return new SimulationConfig(seed, people, years, year, regions, invalidShare, lateShare);
    }

    public SimulationConfig withRegions(List<String> keys) {
        return new SimulationConfig(seed, people, years, startYear, keys, invalidShare, lateShare);
    }

    public SimulationConfig withInvalidShare(double share) {
        return new SimulationConfig(seed, people, years, startYear, regions, share, lateShare);
    }

    public SimulationConfig withLateShare(double share) {
        return new SimulationConfig(seed, people, years, startYear, regions, invalidShare, share);
    }
}
