package org.medassist.engine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medassist.engine.examples.Check.paid;
import static org.medassist.engine.examples.Check.tiltOf;

import org.junit.jupiter.api.Test;
import org.medassist.engine.Scenario;
import org.medassist.engine.model.SettlementResult;

/** Worked examples Ex 1–5 (docs/readings.md), with I = 30,000 assumed. */
class JiujiangExamplesTest {
    static Scenario jiujiang() { return Scenario.of("jiujiang").param(2023, "per_capita_disposable_income", "30000.00"); }

    @Test
    void ex1_class1_hundredPercentNoCapAndOutOfScopeRelief() {
        Scenario s = jiujiang().grant("P", "special_hardship", "2022-12-01");
        s.claim("P", "c1", "outpatient").on("2023-02-03").selfPay("320.00").send();
        s.claim("P", "c2", "inpatient").stay("2023-05-10", "2023-05-25").scope("53000.00", "18600.00").outOfScope("7000.00").send();
        s.claim("P", "c3", "outpatient_chronic").on("2023-09-01").selfPay("4500.00").send();
        paid(s, "c1", "320.00");
        paid(s, "c2", "18600.00");
        paid(s, "c3", "4500.00");
        SettlementResult c2 = s.last("c2");
        assertEquals(Scenario.fen("6000.00"), c2.localFinanceRelief(), "min(OOS 7,000, 10% × 60,000) by local finance");
        assertTrue(c2.kpiFlags().contains("jiujiang/kpi/out-of-scope-share"), "OOS 11.67% of total > 10%");
        assertEquals(0, s.totalTilt());
        assertTrue(s.alerts.isEmpty(), "class 1 is not monitored");
    }

    @Test
    void ex2_class2_seventyFivePercentCapOutpatientExcludedTiltOnApplication() {
        Scenario s = jiujiang().grant("P", "minimum_living", "2023-01-01");
        s.claim("P", "c1", "outpatient").on("2023-01-15").selfPay("500.00").send();
        s.claim("P", "c2", "inpatient").stay("2023-03-01", "2023-03-20").selfPay("20000.00").send();
        s.claim("P", "c3", "inpatient").stay("2023-06-02", "2023-06-30").selfPay("30000.00").at("in_province").send();
        s.claim("P", "c4", "outpatient_major").on("2023-08-15").selfPay("20000.00").disease("cancer_treatment").send();
        s.claim("P", "c5", "inpatient").stay("2023-10-10", "2023-10-20").selfPay("6000.00").send();
        paid(s, "c1", "0.00");
        paid(s, "c2", "15000.00");
        paid(s, "c3", "22500.00");
        paid(s, "c4", "12500.00");
        paid(s, "c5", "0.00");
        assertEquals(0, s.totalTilt(), "tilt waits for the application (依申请)");
        s.applyTilt("P", "A-1", 2023, "2023-11-01");
        tiltOf(s, "A-1", "5500.00");
    }

    @Test
    void ex3_class3_annualDeductibleTenPercentOfIncome() {
        Scenario s = jiujiang().param(2023, "monitoring_threshold", "15000.00").grant("P", "monitored_marginal", "2023-01-01");
        s.claim("P", "c1", "inpatient").stay("2023-02-01", "2023-02-10").selfPay("2000.00").send();
        s.claim("P", "c2", "outpatient_chronic").on("2023-04-05").selfPay("4000.00").send();
        s.claim("P", "c3", "inpatient").stay("2023-07-01", "2023-07-30").selfPay("50000.00").send();
        paid(s, "c1", "0.00");
        paid(s, "c2", "1950.00");
        paid(s, "c3", "28050.00");
        s.applyTilt("P", "A-1", 2023, "2023-10-01");
        tiltOf(s, "A-1", "5500.00");
        assertEquals(1, s.alerts.size());
        assertEquals("c3", s.alerts.get(0).claimId());
        assertEquals(Scenario.fen("26000.00"), s.alerts.get(0).value());
    }

    @Test
    void ex4_class4ToClass2MidYear_priorAssistanceCountsTowardTheNewCap_lookBackInTiltBase() {
        Scenario s = jiujiang().grant("P", "illness_expenditure_hardship", "2023-03-10").grant("P", "minimum_living", "2023-06-01");
        s.claim("P", "c1", "inpatient").stay("2023-01-20", "2023-02-10").selfPay("8000.00").send();
        s.claim("P", "c2", "inpatient").stay("2023-03-01", "2023-03-12").selfPay("10000.00").send();
        s.claim("P", "c3", "outpatient_chronic").on("2023-04-20").selfPay("5000.00").send();
        s.claim("P", "c4", "inpatient").stay("2023-06-05", "2023-06-25").selfPay("40000.00").send();
        s.claim("P", "c5", "outpatient_chronic").on("2023-08-01").selfPay("30000.00").send();
        paid(s, "c1", "0.00");
        paid(s, "c2", "1500.00");
        paid(s, "c3", "3000.00");
        paid(s, "c4", "30000.00");
        paid(s, "c5", "15500.00");
        s.applyTilt("P", "A-1", 2023, "2023-09-01");
        tiltOf(s, "A-1", "10000.00");
    }

    @Test
    void ex5_referralAndProvinceRules() {
        Scenario s = jiujiang().grant("P", "minimum_living", "2023-01-01");
        s.claim("P", "c1", "inpatient").stay("2023-02-01", "2023-02-10").selfPay("10000.00").at("in_province").notReferred().send();
        s.claim("P", "c2", "inpatient").stay("2023-03-01", "2023-03-10").selfPay("20000.00").at("out_of_province").send();
        s.claim("P", "c3", "inpatient").stay("2023-04-01", "2023-04-10").selfPay("8000.00").send();
        paid(s, "c1", "0.00");
        paid(s, "c2", "15000.00");
        paid(s, "c3", "6000.00");
        s.applyTilt("P", "A-1", 2023, "2023-12-01");
        tiltOf(s, "A-1", "0.00"); // base 2,000 only: out-of-province residual excluded

        Scenario v = jiujiang().grant("Q", "minimum_living", "2023-01-01").grant("Q", "orphan", "2023-01-01");
        v.claim("Q", "c1", "inpatient").stay("2023-02-01", "2023-02-10").selfPay("10000.00").at("in_province").notReferred().send();
        v.claim("Q", "c2", "inpatient").stay("2023-03-01", "2023-03-10").selfPay("20000.00").at("out_of_province").send();
        v.claim("Q", "c3", "inpatient").stay("2023-04-01", "2023-04-10").selfPay("8000.00").send();
        paid(v, "c1", "0.00");
        paid(v, "c2", "20000.00");
        paid(v, "c3", "8000.00");
        assertEquals("class1", v.last("c2").tier());
    }
}
