package org.medassist.engine.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medassist.engine.Scenario.fen;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medassist.engine.Scenario;
import org.medassist.engine.model.AidApplication;
import org.medassist.engine.model.ResultStatus;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.policy.DecisionBounds;
import org.medassist.engine.policy.load.PolicyFileException;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;

/**
 * Fangchenggang's county decides the one-time assistance 一事一议 within the standard 二（三）5（3）「起付标准不低于1万元、
 * 救助比例不低于60%、年度累计救助限额不高于10万元」 (FCG-A10, docs/readings.md): a deductible not below 10,000, a rate
 * not below 60%, a cap not above 100,000. The bounds are policy data; a decision outside them is refused by the
 * engine with the clause, and nothing is paid.
 */
class CountyDecisionBoundsTest {
    static Scenario hardship() {
        Scenario s = Scenario.of("fangchenggang").grant("P", "illness_expenditure_hardship", "2023-09-15");
        s.claim("P", "c1", "inpatient").on("2023-03-01").selfPay("30000.00").send();
        return s;
    }

    static AidApplication decided(String id, long deductible, int ratePpm, long cap) {
        return new AidApplication(id, "P", "fangchenggang", 2023, true, LocalDate.parse("2023-10-01"), deductible, cap, ratePpm);
    }

    static SettlementResult refused(AidApplication a) {
        Scenario s = hardship();
        int before = s.settlements.size();
        s.engine.application(s.person("P"), a, s);
        List<SettlementResult> out = s.settlements.subList(before, s.settlements.size());
        assertEquals(1, out.size(), out.toString());
        assertEquals(ResultStatus.REJECTED, out.get(0).status());
        assertEquals(0, s.tiltOf(a.applicationId()), "nothing is paid on a refused decision");
        assertEquals(s.engine.decisionRefusal(a), out.get(0).reason(), "HTTP refuses with the engine's reason");
        return out.get(0);
    }

    @Test
    void theBoundsArePolicyDataWithTheirClause() {
        DecisionBounds b = PolicyLoader.catalog(null).get("fangchenggang").oneTime().bounds();
        assertEquals(new DecisionBounds.Range(fen("10000.00"), null), b.deductible());
        assertEquals(new DecisionBounds.Range(600_000L, null), b.rate());
        assertEquals(new DecisionBounds.Range(null, fen("100000.00")), b.cap());
        assertEquals("二（三）5（3）", b.source().clause());
    }

    @Test
    void aDeductibleBelow10000IsRefused() {
        String reason = refused(decided("A-low-deductible", fen("8000.00"), 650_000, fen("100000.00"))).reason();
        assertTrue(reason.startsWith("application A-low-deductible: decision.deductible 8000.00 is below the policy's bound: at least 10000.00"), reason);
        assertTrue(reason.contains("二（三）5（3）") && reason.contains("起付标准不低于1万元"), reason);
    }

    @Test
    void aRateBelow60PercentIsRefused() {
        String reason = refused(decided("A-low-rate", fen("10000.00"), 500_000, fen("100000.00"))).reason();
        assertTrue(reason.contains("decision.rate 50% is below the policy's bound: at least 60%"), reason);
    }

    @Test
    void aCapAbove100000IsRefused() {
        String reason = refused(decided("A-high-cap", fen("10000.00"), 600_000, fen("150000.00"))).reason();
        assertTrue(reason.contains("decision.cap 150000.00 is above the policy's bound: at most 100000.00"), reason);
    }

    @Test
    void aDecisionAtOrWithinTheBoundsIsPaid() {
        Scenario s = hardship();
        AidApplication a = decided("A-ok", fen("10000.00"), 600_000, fen("100000.00"));
        assertNull(s.engine.decisionRefusal(a));
        s.engine.application(s.person("P"), a, s);
        assertEquals(fen("12000.00"), s.tiltOf("A-ok"), "60% × (30,000 − 10,000)");
        Scenario t = hardship();
        t.engine.application(t.person("P"), decided("A-none", -1, -1, -1), t);
        assertEquals(fen("12000.00"), t.tiltOf("A-none"), "no decision: the defaults");
    }

    @Test
    void defaultsOutsideTheBoundsDoNotLoad() {
        String policy = PolicyLoader.sources(null).stream().filter(x -> x.region().equals("fangchenggang")).findFirst()
                .orElseThrow().policy();
        String broken = policy.replace("defaults: {deductible: \"10000.00\"", "defaults: {deductible: \"9000.00\"");
        String m = assertThrows(PolicyFileException.class, () -> PolicyLoader.load(List.of(
                new PolicySource("fangchenggang", "test:fangchenggang", Map.of(PolicySource.POLICY, broken))))).getMessage();
        assertTrue(m.contains("the defaults must be within the bounds: decision.deductible 9000.00 is below"), m);
    }
}
