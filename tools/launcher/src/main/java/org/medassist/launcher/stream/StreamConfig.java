package org.medassist.launcher.stream;

/**
 * What determines a synthetic stream: the same configuration always gives the same events, byte for byte.
 *
 * @param seed   the random seed; it is part of every person id, so streams of different seeds never collide
 * @param people how many people, spread over the five cities
 * @param years  how many simulated years
 */
public record StreamConfig(long seed, int people, int years) {

    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_PEOPLE = 500;
    public static final int DEFAULT_YEARS = 1;
    public static final int MAX_PEOPLE = 1_000_000;
    public static final int MAX_YEARS = 3;

    public StreamConfig {
        if (seed < 0) throw new IllegalArgumentException("seed must be 0 or more");
        if (people < 1 || people > MAX_PEOPLE) throw new IllegalArgumentException("people must be between 1 and " + MAX_PEOPLE);
        if (years < 1 || years > MAX_YEARS) throw new IllegalArgumentException("years must be between 1 and " + MAX_YEARS);
    }

    /** People of one region: an even split, the remainder going to the first regions. */
    public int peopleIn(Region region) {
        int n = Region.values().length;
        return people / n + (region.ordinal() < people % n ? 1 : 0);
    }

    /**
     * Identifies the stream for the publisher's cursor. The generator's version is part of it: a change to the
     * generator makes a new stream.
     */
    public String fingerprint() {
        return "v" + SyntheticStream.VERSION + "/seed=" + seed + "/people=" + people + "/years=" + years;
    }
}
