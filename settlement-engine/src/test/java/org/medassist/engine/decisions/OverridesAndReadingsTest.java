package org.medassist.engine.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medassist.engine.Scenario.fen;

import org.junit.jupiter.api.Test;
import org.medassist.engine.Scenario;

/** The project's overrides of the digest and the rules for reading the texts (docs/readings.md). */
class OverridesAndReadingsTest {

    @Test
    void jiyuanAndNanjingTiltIsAutomatic_jyA8_njA10() {
        Scenario jy = Scenario.of("jiyuan").grant("P", "marginal_low_income", "2022-01-01");
        jy.claim("P", "c1", "inpatient").on("2022-06-01").selfPay("40000.00").send();
        assertTrue(jy.tilt("c1") > 0, "G3 tilt paid without an application");
        Scenario s = Scenario.of("jiyuan").grant("P", "marginal_low_income", "2022-01-01");
        s.applyTilt("P", "A", 2022, "2022-06-01");
        assertEquals("rejected", s.settlements.get(0).status().symbol(), "Jiyuan has no on-application tilt");
    }

    @Test
    void fangchenggangMonitorsBurden_includingOutOfScope_fcgA13() {
        Scenario s = Scenario.of("fangchenggang").grant("P", "stable_out_of_poverty", "2023-01-01");
        s.claim("P", "c1", "outpatient").on("2023-02-01").scope("10000.00", "3000.00").outOfScope("2000.00").send();
        assertEquals("burden", s.alerts.get(0).measure());
        assertEquals(fen("5000.00"), s.alerts.get(0).value(), "R 3,000 + out-of-scope 2,000");
    }

    @Test
    void inCityCareIgnoresTheReferralFlag_provinceCareNeedsIt() {
        Scenario s = Scenario.of("jiujiang").grant("P", "minimum_living", "2023-01-01");
        s.claim("P", "city", "inpatient").on("2023-02-01").selfPay("100.00").notReferred().send();
        s.claim("P", "province", "inpatient").on("2023-02-02").selfPay("100.00").at("in_province").notReferred().send();
        assertEquals(fen("75.00"), s.assistance("city"));
        assertEquals(0, s.assistance("province"));
    }

    @Test
    void disabilitySeverityIsDecidedPerRegion() {
        Scenario fcg = Scenario.of("fangchenggang").grant("P", "minimum_living", "2023-01-01").disability("P", 4, "mental", "2023-01-01");
        fcg.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("100.00").send();
        assertEquals(fen("95.00"), fcg.assistance("c1"), "grade 4 mental is severe in Fangchenggang");
        Scenario jy = Scenario.of("jiangyin").disability("P", 2, "hearing", "2023-01-01").disability("Q", 2, "physical", "2023-01-01");
        jy.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("100.00").send();
        jy.claim("Q", "c1q", "inpatient").on("2023-02-01").selfPay("100.00").send();
        assertEquals(0, jy.assistance("c1"), "hearing is not among Jiangyin's severe kinds");
        assertEquals(fen("70.00"), jy.assistance("c1q"));
    }

    @Test
    void jiangyinSpecialDiseaseRegistrationComesWithTheClaim() {
        Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2023-01-01");
        s.claim("P", "plain", "inpatient").on("2023-02-01").selfPay("100.00").send();
        s.claim("P", "registered", "inpatient").on("2023-02-02").selfPay("100.00").registered().send();
        assertEquals(fen("70.00"), s.assistance("plain"));
        assertEquals(fen("85.00"), s.assistance("registered"));
    }

    @Test
    void diseaseGroupsComeFromTheControlledList() {
        Scenario s = Scenario.of("jiyuan").grant("P", "minimum_living", "2022-01-01");
        s.claim("P", "nine", "outpatient_major").on("2022-06-01").selfPay("100.00").disease("mdr_tb").send();
        s.claim("P", "other", "outpatient_major").on("2022-06-02").selfPay("100.00").disease("other").send();
        assertEquals(fen("50.00"), s.assistance("nine"));
        assertEquals(0, s.assistance("other"), "not one of Jiyuan's nine diseases");
    }

    @Test
    void percentagePointsAreSubtractedNotScaled() {
        Scenario s = Scenario.of("nanjing").grant("P", "minimum_living", "2023-01-01");
        s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("100.00").at("in_province").notReferred().hardship().send();
        assertEquals(fen("70.00"), s.assistance("c1"), "90% − 20 points = 70%, not 90% × 0.8 = 72%");
    }
}
