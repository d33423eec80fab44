package org.medassist.engine.policy.load;

import java.util.List;

/** Checks the names a policy file uses against the contract's vocabularies ({@link org.medassist.engine.model.Vocabulary}). */
final class Vocabulary {
    private Vocabulary() {}

    static String identity(YamlNode at, String name) {
        return check(at, name, org.medassist.engine.model.Vocabulary.IDENTITIES, "identity");
    }

    static String diseaseGroup(YamlNode n) {
        return check(n, n.text(), org.medassist.engine.model.Vocabulary.DISEASE_GROUPS, "disease group");
    }

    static String disabilityKind(YamlNode at, String name) {
        return check(at, name, org.medassist.engine.model.Vocabulary.DISABILITY_KINDS, "disability kind");
    }

    private static String check(YamlNode at, String name, List<String> values, String what) {
        if (values.contains(name)) return name;
        throw at.error("\"" + name + "\" is not a contract " + what + "; known: " + String.join(", ", values));
    }
}
