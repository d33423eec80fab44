package org.medassist.schemas;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.medassist.events.Department;
import org.medassist.events.IdentityType;

/**
 * Which department certifies which identity: the table in docs/contract.md, kept in this one place. Every identity is
 * certified by exactly one department; a department that sends an identity it does not certify is refused.
 */
public final class Departments {
    private Departments() {}

    private static final Map<IdentityType, Department> CERTIFIER = new EnumMap<>(IdentityType.class);
    private static final Map<Department, Set<IdentityType>> CERTIFIED = new EnumMap<>(Department.class);

    static {
        certify(Department.civil_affairs,
                IdentityType.special_hardship,
                IdentityType.orphan,
                IdentityType.de_facto_unsupported_child,
                IdentityType.child_in_difficulty,
                IdentityType.minimum_living,
                IdentityType.marginal_low_income,
                IdentityType.illness_expenditure_hardship,
                IdentityType.temporary_assistance_serious_illness,
                IdentityType.downsized_1960s_worker,
                IdentityType.near_low_income_age_group,
                IdentityType.other_designated);
        certify(Department.rural_revitalization,
                IdentityType.returned_to_poverty,
                IdentityType.monitored_unstable,
                IdentityType.monitored_marginal,
                IdentityType.monitored_sudden_hardship,
                IdentityType.stable_out_of_poverty,
                IdentityType.registered_low_income);
        certify(Department.veterans_affairs, IdentityType.entitled_veteran);
        certify(Department.trade_union, IdentityType.hardship_worker);
        certify(Department.disabled_persons_federation, IdentityType.severe_disability);
        for (IdentityType t : IdentityType.values()) {
            if (!CERTIFIER.containsKey(t)) throw new IllegalStateException("no department certifies " + t);
        }
        for (Department d : Department.values()) {
            if (!CERTIFIED.containsKey(d)) throw new IllegalStateException(d + " certifies no identity");
        }
    }

    private static void certify(Department department, IdentityType... identities) {
        EnumSet<IdentityType> set = EnumSet.noneOf(IdentityType.class);
        for (IdentityType t : identities) {
            Department previous = CERTIFIER.put(t, department);
            if (previous != null) throw new IllegalStateException(t + " is certified by both " + previous + " and " + department);
            set.add(t);
        }
        CERTIFIED.put(department, Collections.unmodifiableSet(set));
    }

    /** Whether {@code department} certifies {@code identity}. */
    public static boolean certifies(Department department, IdentityType identity) {
        return department != null && identity != null && CERTIFIER.get(identity) == department;
    }

    /** The one department that certifies {@code identity}. */
    public static Department certifierOf(IdentityType identity) {
        return CERTIFIER.get(identity);
    }

    /** The identities {@code department} certifies (unmodifiable). */
    public static Set<IdentityType> certifiedBy(Department department) {
        return CERTIFIED.get(department);
    }
}
