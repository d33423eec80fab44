package org.medassist.engine.policy.load;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.medassist.events.DiseaseGroup;
import org.medassist.events.DisabilityKind;
import org.medassist.events.IdentityType;

/** Checks the names a policy file uses against the event contract's vocabularies (the Avro enums). */
final class Vocabulary {
    private Vocabulary() {}

    static String identity(YamlNode at, String name) { return check(at, name, IdentityType.values(), "identity"); }

    static String diseaseGroup(YamlNode n) { return check(n, n.text(), DiseaseGroup.values(), "disease group"); }

    static String disabilityKind(YamlNode at, String name) { return check(at, name, DisabilityKind.values(), "disability kind"); }

    private static String check(YamlNode at, String name, Enum<?>[] values, String what) {
        for (Enum<?> v : values) if (v.name().equals(name)) return name;
        throw at.error("\"" + name + "\" is not a contract " + what + "; known: "
                + Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
