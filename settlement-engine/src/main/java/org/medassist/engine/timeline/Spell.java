package org.medassist.engine.timeline;

import java.time.LocalDate;
import java.util.Objects;
import org.medassist.engine.model.Vocabulary;

/**
 * A period during which a person held an identity: from recognition to exit (null while still held).
 *
 * <p>Every claim tests every spell of its person ({@link Coverage#covers}), mostly for persons whose data is not in
 * the cache, so a spell keeps its identity as the vocabulary's shared string (equal names compare by reference) and
 * the epoch days of its dates beside the dates (no hop to a date object). Equality is over the eight components.
 */
public final class Spell {
    private final String region;
    private final String identity;
    private final String department;
    private final LocalDate recognized;
    private final LocalDate exit;
    private final int disabilityGrade;
    private final String disabilityKind;
    private final String group;
    /** Epoch days of the recognition day and of the 1st of its month. */
    final long recognizedDay;
    final long recognizedMonthStartDay;
    /** Epoch days of the exit day and of the last day of its month; unused while the identity is held. */
    final long exitDay;
    final long exitMonthEndDay;

    public Spell(String region, String identity, String department, LocalDate recognized, LocalDate exit,
                 int disabilityGrade, String disabilityKind, String group) {
        this.region = region;
        this.identity = Vocabulary.identity(identity);
        this.department = department;
        this.recognized = recognized;
        this.exit = exit;
        this.disabilityGrade = disabilityGrade;
        this.disabilityKind = disabilityKind;
        this.group = group;
        this.recognizedDay = recognized.toEpochDay();
        this.recognizedMonthStartDay = recognizedDay - (recognized.getDayOfMonth() - 1);
        this.exitDay = exit == null ? 0 : exit.toEpochDay();
        this.exitMonthEndDay = exit == null ? 0 : exitDay + exit.lengthOfMonth() - exit.getDayOfMonth();
    }

    public String region() { return region; }

    public String identity() { return identity; }

    public String department() { return department; }

    public LocalDate recognized() { return recognized; }

    public LocalDate exit() { return exit; }

    public int disabilityGrade() { return disabilityGrade; }

    public String disabilityKind() { return disabilityKind; }

    public String group() { return group; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spell s && disabilityGrade == s.disabilityGrade && Objects.equals(region, s.region)
                && Objects.equals(identity, s.identity) && Objects.equals(department, s.department)
                && Objects.equals(recognized, s.recognized) && Objects.equals(exit, s.exit)
                && Objects.equals(disabilityKind, s.disabilityKind) && Objects.equals(group, s.group);
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, identity, department, recognized, exit, disabilityGrade, disabilityKind, group);
    }

    @Override
    public String toString() {
        return "Spell[region=" + region + ", identity=" + identity + ", department=" + department + ", recognized="
                + recognized + ", exit=" + exit + ", disabilityGrade=" + disabilityGrade + ", disabilityKind="
                + disabilityKind + ", group=" + group + "]";
    }
}
