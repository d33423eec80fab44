package org.medassist.simulator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.medassist.events.IdentityType;

/**
 * The generic register: how common each identity is among the people a medical-assistance office deals with, the
 * same table for every city. A city's register is this table restricted to the identities its policy knows
 * ({@link City}). The weights are plausible shares, not statistics.
 */
final class Register {
    private Register() {}

    /** Relative weight of each identity as a person's main identity. */
    static final Map<IdentityType, Integer> WEIGHTS = weights();

    /** Weight of residents with no assistance identity, in cities whose alert rules watch residents. */
    static final int RESIDENT_WEIGHT = 6;

    /** Identities recognised because of a big bill: their recognition follows the stay that made the family poor. */
    static final Set<IdentityType> AFTER_ILLNESS = Collections.unmodifiableSet(
            EnumSet.of(IdentityType.illness_expenditure_hardship, IdentityType.temporary_assistance_serious_illness));

    /** Share of people holding an identity that a tier counts only beside a severe disability who also hold one. */
    static final double DISABILITY_COMPANION_SHARE = 0.2;

    /** Share of in-window recognitions (the rest were on the register before the simulated years). */
    static final double RECOGNISED_DURING_SHARE = 0.2;

    private static Map<IdentityType, Integer> weights() {
        Map<IdentityType, Integer> w = new EnumMap<>(IdentityType.class);
        w.put(IdentityType.special_hardship, 7);
        w.put(IdentityType.orphan, 2);
        w.put(IdentityType.de_facto_unsupported_child, 2);
        w.put(IdentityType.child_in_difficulty, 4);
        w.put(IdentityType.minimum_living, 26);
        w.put(IdentityType.marginal_low_income, 14);
        w.put(IdentityType.illness_expenditure_hardship, 12);
        w.put(IdentityType.temporary_assistance_serious_illness, 5);
        w.put(IdentityType.downsized_1960s_worker, 3);
        w.put(IdentityType.near_low_income_age_group, 8);
        w.put(IdentityType.other_designated, 4);
        w.put(IdentityType.returned_to_poverty, 8);
        w.put(IdentityType.monitored_unstable, 9);
        w.put(IdentityType.monitored_marginal, 7);
        w.put(IdentityType.monitored_sudden_hardship, 5);
        w.put(IdentityType.stable_out_of_poverty, 11);
        w.put(IdentityType.registered_low_income, 20);
        w.put(IdentityType.entitled_veteran, 6);
        w.put(IdentityType.hardship_worker, 8);
        w.put(IdentityType.severe_disability, 10);
        for (IdentityType t : IdentityType.values()) {
            if (!w.containsKey(t)) throw new IllegalStateException("the register has no weight for " + t);
        }
        return Map.copyOf(w);
    }
}
