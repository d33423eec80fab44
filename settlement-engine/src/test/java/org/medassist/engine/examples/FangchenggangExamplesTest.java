package org.medassist.engine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.medassist.engine.examples.Check.paid;
import static org.medassist.engine.examples.Check.tiltOf;

import org.junit.jupiter.api.Test;
import org.medassist.engine.Scenario;

/** Worked examples Ex 10–15 (docs/readings.md). */
class FangchenggangExamplesTest {
    static Scenario fcg() { return Scenario.of("fangchenggang"); }

    @Test
    void ex10_class1_inpatientPoolIncludesMajorOutpatient_separateChronicPool() {
        Scenario s = fcg().grant("P", "de_facto_unsupported_child", "2023-01-01");
        s.claim("P", "c1", "inpatient").stay("2023-01-25", "2023-02-01").selfPay("30000.00").send();
        s.claim("P", "c2", "outpatient_major").on("2023-03-15").selfPay("12000.00").disease("esrd_dialysis").send();
        s.claim("P", "c3", "inpatient").stay("2023-04-25", "2023-05-01").selfPay("25000.00").send();
        s.claim("P", "c4", "outpatient_chronic").on("2023-06-01").selfPay("5000.00").send();
        s.claim("P", "c5", "outpatient_major").on("2023-07-01").selfPay("2000.00").disease("esrd_dialysis").send();
        paid(s, "c1", "30000.00");
        paid(s, "c2", "12000.00");
        paid(s, "c3", "18000.00");
        paid(s, "c4", "4000.00");
        paid(s, "c5", "0.00");
    }

    @Test
    void ex11_class2_withAndWithoutSevereDisability() {
        Scenario s = fcg();
        s.grant("A", "minimum_living", "2023-01-01").disability("A", 2, "physical", "2023-01-01");
        s.grant("B", "minimum_living", "2023-01-01");
        s.grant("C", "minimum_living", "2023-01-01").disability("C", 3, "physical", "2023-01-01");
        s.grant("D", "minimum_living", "2023-01-01").disability("D", 3, "intellectual", "2023-01-01");
        for (String p : new String[] {"A", "B", "C", "D"}) {
            s.claim(p, p + "-inp", "inpatient").stay("2023-03-01", "2023-03-10").selfPay("10000.00").send();
            s.claim(p, p + "-chr", "outpatient_chronic").on("2023-04-01").selfPay("4000.00").send();
        }
        paid(s, "A-inp", "9500.00");
        paid(s, "A-chr", "3000.00");
        paid(s, "B-inp", "9000.00");
        paid(s, "B-chr", "2000.00");
        paid(s, "C-inp", "9000.00");
        paid(s, "C-chr", "2000.00");
        paid(s, "D-inp", "9500.00");
        paid(s, "D-chr", "3000.00");
    }

    @Test
    void ex12_marginal_annualDeductible_cap_andResidentsAlert() {
        Scenario s = fcg().grant("P", "marginal_low_income", "2023-01-01");
        s.claim("P", "c1", "inpatient").stay("2023-02-25", "2023-03-01").selfPay("2500.00").send();
        s.claim("P", "c2", "inpatient").stay("2023-04-01", "2023-04-10").selfPay("6000.00").send();
        s.claim("P", "c3", "outpatient_major").on("2023-05-01").selfPay("10000.00").disease("cancer_treatment").send();
        s.claim("P", "c4", "outpatient_chronic").on("2023-06-01").selfPay("1000.00").disease("t1dm_insulin").send();
        assertEquals(0, s.alerts.size(), "burden 7,100 below 10,000");
        s.claim("P", "c5", "inpatient").stay("2023-07-25", "2023-08-01").selfPay("15000.00").send();
        paid(s, "c1", "0.00");
        paid(s, "c2", "4400.00");
        paid(s, "c3", "8000.00");
        paid(s, "c4", "0.00");
        paid(s, "c5", "7600.00");
        assertEquals(1, s.alerts.size());
        assertEquals("fangchenggang/monitoring/residents-10000", s.alerts.get(0).rule());
        assertEquals("2023-08", s.alerts.get(0).month());
        assertEquals(Scenario.fen("14500.00"), s.alerts.get(0).value());
    }

    @Test
    void ex13_monitored_conventionalSeventyPercentPlusTopUpToTargetRatios() {
        Scenario s = fcg().grant("P", "monitored_unstable", "2023-01-01");
        s.claim("P", "c1", "inpatient").stay("2023-04-01", "2023-04-20").scope("100000.00", "50000.00").send();
        s.claim("P", "c2", "outpatient_chronic").on("2023-09-01").scope("6000.00", "3000.00").send();
        paid(s, "c1", "20000.00");
        paid(s, "c2", "0.00");
        assertEquals(0, s.totalTilt(), "on application only");
        s.applyTilt("P", "A-1", 2023, "2023-10-01");
        tiltOf(s, "A-1", "21800.00");
        assertEquals("fangchenggang/monitoring/poverty-5000", s.alerts.get(0).rule());
        assertEquals("2023-04", s.alerts.get(0).month());
    }

    @Test
    void ex14_stableOutOfPoverty_annualDeductibleAndMayList() {
        Scenario s = fcg().grant("P", "stable_out_of_poverty", "2023-01-01");
        s.claim("P", "c1", "inpatient").stay("2023-01-25", "2023-02-01").selfPay("2000.00").send();
        s.claim("P", "c2", "inpatient").stay("2023-04-25", "2023-05-01").selfPay("8000.00").send();
        s.claim("P", "c3", "outpatient_major").on("2023-07-01").selfPay("6000.00").disease("esrd_dialysis").send();
        paid(s, "c1", "0.00");
        paid(s, "c2", "3500.00");
        paid(s, "c3", "3000.00");
        assertEquals(1, s.alerts.size());
        assertEquals("2023-05", s.alerts.get(0).month());
        assertEquals(Scenario.fen("6500.00"), s.alerts.get(0).value());
    }

    @Test
    void ex15_oneTimeAssistance_twelveMonthLookBack_atTheBounds() {
        Scenario s = fcg().grant("P", "illness_expenditure_hardship", "2023-09-15");
        s.claim("P", "c0", "inpatient").stay("2022-05-20", "2022-06-01").selfPay("7000.00").send();
        s.claim("P", "c1", "inpatient").stay("2022-10-25", "2022-11-03").selfPay("26000.00").send();
        s.claim("P", "c2", "inpatient").stay("2023-03-01", "2023-03-08").selfPay("18000.00").send();
        s.claim("P", "c3", "outpatient_chronic").on("2023-06-20").selfPay("2000.00").send();
        s.applyOneTime("P", "A-9", 2023, "2023-10-01");
        tiltOf(s, "A-9", "21600.00");
        paid(s, "c1", "0.00"); // no conventional standard for 因病支出型 (FCG-A6)
    }
}
