package org.medassist.engine.settle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medassist.engine.Scenario;
import org.medassist.engine.model.ResultStatus;
import org.medassist.engine.model.SettlementResult;

/**
 * Every settlement of a claim names the claim's benefit class and date (docs/contract.md {@code claimClass},
 * {@code claimDate}), so reports by class and month (docs/dashboard-service.md) need no other input; settlements
 * without a claim name neither.
 */
class ClaimClassOnSettlementsTest {

    @Test
    void settledAdjustedAndReversedClaimsCarryTheirClassAndDate() {
        Scenario s = Scenario.of("jiujiang").grant("P", "minimum_living", "2023-01-01");
        s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("40000.00").send();
        s.claim("P", "c2", "inpatient").on("2023-03-01").selfPay("40000.00").send();
        s.reverse("P", "c1");
        List<SettlementResult> c1 = s.settlements.stream().filter(r -> "c1".equals(r.claimId())).toList();
        List<SettlementResult> c2 = s.settlements.stream().filter(r -> "c2".equals(r.claimId())).toList();
        assertEquals(List.of(ResultStatus.SETTLED, ResultStatus.REVERSED), c1.stream().map(SettlementResult::status).toList());
        assertEquals(ResultStatus.ADJUSTMENT, c2.get(1).status());
        for (SettlementResult r : c1) {
            assertEquals("inpatient", r.claimClass(), r.settlementId());
            assertEquals(LocalDate.parse("2023-02-01"), r.claimDate(), r.settlementId());
        }
        for (SettlementResult r : c2) {
            assertEquals("inpatient", r.claimClass(), r.settlementId());
            assertEquals(LocalDate.parse("2023-03-01"), r.claimDate(), r.settlementId());
        }
    }

    @Test
    void aClaimNoClassCoversHasNoClassButItsDate() {
        // Jiyuan covers outpatient care only for its nine diseases: an ordinary outpatient claim falls in no class
        Scenario s = Scenario.of("jiyuan").grant("P", "special_hardship", "2023-01-01");
        s.claim("P", "o1", "outpatient").on("2023-04-02").selfPay("300.00").send();
        SettlementResult r = s.last("o1");
        assertNull(r.claimClass());
        assertEquals(LocalDate.parse("2023-04-02"), r.claimDate());
    }

    @Test
    void rejectionsAndApplicationsNameNoClass() {
        Scenario s = Scenario.of("jiujiang").grant("P", "monitored_marginal", "2023-01-01");
        s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("90000.00").send();
        s.applyTilt("P", "A-1", 2023, "2023-06-01");
        for (SettlementResult r : s.settlements) {
            if (r.claimId() == null) {
                assertNull(r.claimClass(), r.settlementId());
                assertNull(r.claimDate(), r.settlementId());
            }
        }
        assertEquals(true, s.settlements.stream().anyMatch(r -> r.claimId() == null), "the tilt application settles");
    }
}
