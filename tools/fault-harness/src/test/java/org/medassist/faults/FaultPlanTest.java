package org.medassist.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medassist.faults.FaultPlan.Fault;
import org.medassist.faults.FaultPlan.Kind;

class FaultPlanTest {
    static final FaultPlan.Counts COUNTS = new FaultPlan.Counts(10, 2, 2, 2, 10_000, 30_000);

    @Test
    void theSeedDecides() {
        assertEquals(FaultPlan.draw(42, 200_000, COUNTS), FaultPlan.draw(42, 200_000, COUNTS));
        assertNotEquals(FaultPlan.draw(42, 200_000, COUNTS), FaultPlan.draw(43, 200_000, COUNTS));
    }

    @Test
    void everyFaultStrikesWhileEventsFlow_andEachOutageHasAKillInIt() {
        FaultPlan p = FaultPlan.draw(7, 200_000, COUNTS);
        assertEquals(10, p.count(Kind.SETTLEMENT_KILL));
        assertEquals(2, p.count(Kind.BROKER_RESTART));
        assertEquals(2, p.count(Kind.ELIGIBILITY_RESTART));
        assertEquals(2, p.count(Kind.REGISTRY_OUTAGE));
        for (Fault f : p.faults()) assertTrue(f.position() >= 10_000 && f.position() < 190_000, f::describe);
        for (Fault o : p.faults()) {
            if (o.kind() != Kind.REGISTRY_OUTAGE) continue;
            assertTrue(o.outageMillis() >= 10_000 && o.outageMillis() <= 30_000);
            Fault kill = p.faults().stream().filter(f -> f.kind() == Kind.SETTLEMENT_KILL && f.number() == o.pairedKill()).findFirst().orElseThrow();
            assertEquals(o.position(), kill.position());
            assertTrue(p.faults().indexOf(o) < p.faults().indexOf(kill), "the outage begins first");
        }
        for (int i = 1; i < p.faults().size(); i++) assertTrue(p.faults().get(i - 1).position() <= p.faults().get(i).position());
    }
}
