package org.medassist.engine.timeline;

import java.time.LocalDate;

/** A period during which a person held an identity: from recognition to exit (null while still held). */
public record Spell(
        String region, String identity, String department, LocalDate recognized, LocalDate exit,
        int disabilityGrade, String disabilityKind, String group) {
}
