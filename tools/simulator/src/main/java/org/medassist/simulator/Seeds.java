package org.medassist.simulator;

import java.util.Random;

/**
 * Where every random draw comes from: a {@link Random} per (seed, city, person, year, purpose), so that each person
 * is a pure function of the seed and can be generated alone, in any order, on any thread.
 */
final class Seeds {
    private Seeds() {}

    /** Purposes, so that two uses for the same person and year draw independent numbers. */
    static final int PERSON = -1;
    static final int PARAMETERS = -2;
    static final int BREACHES = 1 << 20;

    static Random random(long seed, String region, int person, int year) {
        long h = seed;
        h = mix(h * 31 + region.hashCode());
        h = mix(h * 31 + person);
        h = mix(h * 31 + year);
        return new Random(h);
    }

    /** SplitMix64's finaliser: spreads nearby inputs over the whole range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
