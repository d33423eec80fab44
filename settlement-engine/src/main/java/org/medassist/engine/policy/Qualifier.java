package org.medassist.engine.policy;

import java.util.Set;

/**
 * One way into a tier: an identity, optionally only for some veteran groups, optionally only while the person
 * also holds (or, for the disability identity itself, is) a disability the region counts as severe.
 */
public record Qualifier(String identity, Set<String> groups, boolean requiresSevereDisability) {
    public Qualifier {
        // canonical, as spells' identities are: every claim compares them (settle/Eligibility)
        identity = org.medassist.engine.model.Vocabulary.identity(identity);
    }
}
