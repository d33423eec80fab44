package org.medassist.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medassist.events.Department;
import org.medassist.events.IdentityType;

class DepartmentsTest {

    @Test
    void everyIdentityIsCertifiedByExactlyOneDepartment() {
        for (IdentityType t : IdentityType.values()) {
            int certifiers = 0;
            for (Department d : Department.values()) {
                if (Departments.certifies(d, t)) certifiers++;
            }
            assertEquals(1, certifiers, t.name());
            assertTrue(Departments.certifiedBy(Departments.certifierOf(t)).contains(t));
        }
    }

    @Test
    void theTableOfEventsMd() {
        assertEquals(11, Departments.certifiedBy(Department.civil_affairs).size());
        assertEquals(EnumSet.of(IdentityType.returned_to_poverty, IdentityType.monitored_unstable, IdentityType.monitored_marginal,
                        IdentityType.monitored_sudden_hardship, IdentityType.stable_out_of_poverty, IdentityType.registered_low_income),
                Departments.certifiedBy(Department.rural_revitalization));
        assertEquals(Set.of(IdentityType.entitled_veteran), Departments.certifiedBy(Department.veterans_affairs));
        assertEquals(Set.of(IdentityType.hardship_worker), Departments.certifiedBy(Department.trade_union));
        assertEquals(Set.of(IdentityType.severe_disability), Departments.certifiedBy(Department.disabled_persons_federation));
        assertTrue(Departments.certifies(Department.civil_affairs, IdentityType.near_low_income_age_group));
        assertFalse(Departments.certifies(Department.civil_affairs, IdentityType.registered_low_income));
        assertFalse(Departments.certifies(Department.trade_union, IdentityType.minimum_living));
        assertFalse(Departments.certifies(null, IdentityType.minimum_living));
    }
}
