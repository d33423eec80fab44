package org.medassist.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.medassist.events.DiseaseGroup;
import org.medassist.events.IdentityType;

/** A simulated person's lasting traits and identity history: the same in every year and every run of the seed. */
final class Person {

    /** Where a person's health care comes from. */
    enum Condition { NONE, CHRONIC, MAJOR }

    final City city;
    final int index;
    /** {@code <seed>-<number>}: the person's part of every id. */
    final String number;
    final String personId;
    /** The main identity; null for a resident no department knows (within the simulated years). */
    IdentityType primary;
    /** The main identity's recognition date; null for residents. */
    LocalDate recognized;
    /** Recognised during the simulated years (not on the register before them). */
    boolean late;
    Condition condition = Condition.NONE;
    DiseaseGroup disease;
    boolean specialRegistered;
    double utilization;
    /** The departments' records about this person, each dated the day it is sent. */
    final List<Draft> identitySteps = new ArrayList<>(4);

    Person(City city, int index, long seed) {
        this.city = city;
        this.index = index;
        this.number = PersonIds.number(seed, index);
        this.personId = city.prefix() + "-" + number;
    }

    /** Whether the main identity was recognised in {@code year}, during the simulated years. */
    boolean recognisedIn(int year) {
        return late && recognized != null && recognized.getYear() == year;
    }
}
