package org.medassist.engine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.medassist.engine.examples.Check.paid;
import static org.medassist.engine.examples.Check.tilt;

import org.junit.jupiter.api.Test;
import org.medassist.engine.Scenario;

/** Worked examples Ex 6–9 (docs/readings.md), with the 2022 figures the text states. */
class JiyuanExamplesTest {

    @Test
    void ex6_specialHardship_sharedCap_tiltOnlyAfterTheCapIsReached() {
        Scenario s = Scenario.of("jiyuan").grant("P", "special_hardship", "2022-01-01");
        s.claim("P", "c1", "inpatient").stay("2022-05-10", "2022-05-20").selfPay("20000.00").send();
        s.claim("P", "c2", "outpatient_major").on("2022-06-15").selfPay("10000.00").disease("esrd_dialysis").send();
        s.claim("P", "c3", "inpatient").stay("2022-08-01", "2022-08-15").selfPay("15000.00").at("in_province").send();
        tilt(s, "c3", "0.00"); // cap reached but cumR 15,000 ≤ 16,000
        s.claim("P", "c4", "inpatient").stay("2022-10-01", "2022-10-10").selfPay("5000.00").send();
        s.claim("P", "c5", "outpatient").on("2022-11-01").selfPay("800.00").send();
        paid(s, "c1", "18000.00");
        paid(s, "c2", "5000.00");
        paid(s, "c3", "7000.00");
        paid(s, "c4", "0.00");
        paid(s, "c5", "0.00");
        tilt(s, "c4", "2400.00"); // automatic (DECISIONS overrides JY-A8)
        tilt(s, "c5", "0.00");
    }

    @Test
    void ex7_marginal_inpatientOnlyDeductible_sharedCap_monitoringAndTilt() {
        Scenario s = Scenario.of("jiyuan").grant("P", "marginal_low_income", "2022-01-01");
        s.claim("P", "c1", "inpatient").stay("2022-05-01", "2022-05-05").selfPay("2000.00").send();
        s.claim("P", "c2", "inpatient").stay("2022-06-01", "2022-06-10").selfPay("5000.00").send();
        s.claim("P", "c3", "outpatient_major").on("2022-07-01").selfPay("4000.00").disease("cancer_treatment").send();
        assertEquals(0, s.alerts.size(), "S 11,000 is not above 16,000");
        s.claim("P", "c4", "inpatient").stay("2022-09-01", "2022-09-10").selfPay("20000.00").send();
        paid(s, "c1", "0.00");
        paid(s, "c2", "2470.00");
        paid(s, "c3", "1200.00");
        paid(s, "c4", "6330.00");
        assertEquals(1, s.alerts.size());
        assertEquals("c4", s.alerts.get(0).claimId());
        assertEquals(Scenario.fen("31000.00"), s.alerts.get(0).value());
        assertEquals(Scenario.fen("16000.00"), s.alerts.get(0).threshold());
        tilt(s, "c4", "3000.00");
    }

    @Test
    void ex8_illnessHardship_deductible_nonReferral_andTheHigherIdentity() {
        Scenario s = Scenario.of("jiyuan").grant("P", "illness_expenditure_hardship", "2022-01-01");
        s.claim("P", "c1", "inpatient").stay("2022-06-01", "2022-06-10").selfPay("10000.00").at("in_province").send();
        s.claim("P", "c2", "inpatient").stay("2022-07-01", "2022-07-10").selfPay("5000.00").at("out_of_province").notReferred().send();
        s.claim("P", "c3", "outpatient_major").on("2022-08-01").selfPay("3000.00").disease("hemophilia").send();
        paid(s, "c1", "1300.00");
        paid(s, "c2", "0.00");
        paid(s, "c3", "900.00");

        Scenario v = Scenario.of("jiyuan").grant("Q", "illness_expenditure_hardship", "2022-01-01")
                .grant("Q", "returned_to_poverty", "2022-01-01");
        v.claim("Q", "c1", "inpatient").stay("2022-06-01", "2022-06-10").selfPay("10000.00").at("in_province").send();
        v.claim("Q", "c2", "inpatient").stay("2022-07-01", "2022-07-10").selfPay("5000.00").at("out_of_province").notReferred().send();
        v.claim("Q", "c3", "outpatient_major").on("2022-08-01").selfPay("3000.00").disease("hemophilia").send();
        paid(v, "c1", "7000.00");
        paid(v, "c2", "0.00");
        paid(v, "c3", "1500.00");
        assertEquals("returned_to_poverty", v.last("c1").identity());
    }

    @Test
    void ex9_outOfScopeLimitsByHospitalLevel() {
        Scenario s = Scenario.of("jiyuan").grant("P", "minimum_living", "2022-01-01");
        s.claim("P", "primary", "inpatient").stay("2022-06-01", "2022-06-03").scope("7700.00", "1000.00").outOfScope("300.00").level("primary").send();
        s.claim("P", "secondary", "inpatient").stay("2022-07-01", "2022-07-03").scope("37000.00", "1000.00").outOfScope("3000.00").level("secondary").send();
        s.claim("P", "tertiary", "inpatient").stay("2022-08-01", "2022-08-03").scope("91000.00", "1000.00").outOfScope("9000.00").level("tertiary").send();
        assertEquals(Scenario.fen("100.00"), s.last("primary").hospitalBorne());
        assertEquals(Scenario.fen("1000.00"), s.last("secondary").hospitalBorne());
        assertEquals(0, s.last("tertiary").hospitalBorne());
        paid(s, "primary", "700.00"); // assistance is computed on S only
    }
}
