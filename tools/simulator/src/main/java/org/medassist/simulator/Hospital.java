package org.medassist.simulator;

import org.medassist.events.HospitalLevel;
import org.medassist.events.Location;

/**
 * The hospitals every simulated city has, keyed by kind: three local levels, a provincial centre and an
 * out-of-province referral centre. A hospital's id is the city's prefix and the suffix ({@code NANJING-H01}).
 */
public enum Hospital {
    CITY_TERTIARY("H01", "city tertiary hospital", HospitalLevel.tertiary, Location.in_city),
    CITY_SECONDARY("H02", "city secondary hospital", HospitalLevel.secondary, Location.in_city),
    TOWNSHIP("H03", "township health centre", HospitalLevel.primary, Location.in_city),
    PROVINCIAL("H11", "provincial medical centre", HospitalLevel.tertiary, Location.in_province),
    OUT_OF_PROVINCE("H21", "out-of-province referral centre", HospitalLevel.tertiary, Location.out_of_province);

    final String suffix;
    final String label;
    final HospitalLevel level;
    final Location location;

    Hospital(String suffix, String label, HospitalLevel level, Location location) {
        this.suffix = suffix;
        this.label = label;
        this.level = level;
        this.location = location;
    }

    /** This hospital's id in the city with {@code prefix}. */
    public String id(String prefix) {
        return prefix + "-" + suffix;
    }

    /** What kind of hospital it is, in words. */
    public String label() {
        return label;
    }
}
