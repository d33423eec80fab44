package org.medassist.engine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.medassist.engine.examples.Check.paid;
import static org.medassist.engine.examples.Check.tilt;

import org.junit.jupiter.api.Test;
import org.medassist.engine.Scenario;

/** Worked examples Ex 16–21 (docs/readings.md), with the tier-D deductible D = 7,000 assumed for 2022 and 2023. */
class NanjingExamplesTest {
    static Scenario nanjing() {
        return Scenario.of("nanjing").param(2022, "tier_d_deductible", "7000.00").param(2023, "tier_d_deductible", "7000.00");
    }

    @Test
    void ex16_tierA_hundredPercentEverywhere() {
        Scenario s = nanjing().grant("P", "special_hardship", "2023-01-01");
        s.claim("P", "c1", "outpatient").on("2023-02-01").selfPay("800.00").send();
        s.claim("P", "c2", "inpatient").stay("2023-03-01", "2023-03-10").selfPay("25000.00").send();
        s.claim("P", "c3", "outpatient_chronic").on("2023-04-01").selfPay("6000.00").send();
        paid(s, "c1", "800.00");
        paid(s, "c2", "25000.00");
        paid(s, "c3", "6000.00");
        assertEquals(0, s.totalTilt());
    }

    @Test
    void ex17_tierB_bandedOutpatientWithCap_uncappedInpatient_automaticTilt() {
        Scenario s = nanjing().grant("P", "minimum_living", "2023-01-01");
        s.claim("P", "c1", "outpatient").on("2023-01-10").selfPay("1500.00").send();
        s.claim("P", "c2", "outpatient").on("2023-02-10").selfPay("1000.00").send();
        s.claim("P", "c3", "outpatient").on("2023-03-10").selfPay("15000.00").send();
        s.claim("P", "c4", "inpatient").stay("2023-05-01", "2023-05-20").selfPay("50000.00").send();
        s.claim("P", "c5", "inpatient").stay("2023-09-01", "2023-09-30").selfPay("100000.00").send();
        paid(s, "c1", "1275.00");
        paid(s, "c2", "825.00");
        paid(s, "c3", "7900.00");
        paid(s, "c4", "45000.00");
        paid(s, "c5", "90000.00");
        tilt(s, "c4", "0.00");
        tilt(s, "c5", "1500.00");
    }

    @Test
    void ex18_tierD_sharedDeductible_twoCaps_twelveMonthLookBackChargedToEachYear() {
        Scenario s = nanjing();
        s.claim("P", "c0a", "inpatient").stay("2022-04-01", "2022-04-10").selfPay("9000.00").send();
        s.claim("P", "c0b", "inpatient").stay("2022-07-25", "2022-08-01").selfPay("12000.00").send();
        s.claim("P", "c1", "inpatient").stay("2023-02-01", "2023-02-20").selfPay("30000.00").send();
        paid(s, "c1", "0.00"); // not yet recognized
        s.grant("P", "illness_expenditure_hardship", "2023-05-20"); // the late recognition adjusts the past (E8)
        s.claim("P", "c2", "outpatient_chronic").on("2023-06-10").selfPay("10000.00").send();
        s.claim("P", "c3", "outpatient").on("2023-07-01").selfPay("3000.00").send();
        paid(s, "c0a", "0.00");
        paid(s, "c0b", "3500.00");
        paid(s, "c1", "16100.00");
        paid(s, "c2", "7000.00");
        paid(s, "c3", "2100.00");
        assertEquals(0, s.totalTilt(), "2023 cumR 17,800 < 20,000");
        assertEquals("adjustment", s.last("c1").status().symbol());
    }

    @Test
    void ex19_identityTiming_recognitionMonthAndExitMonthWithWholeStays() {
        Scenario s = nanjing().grant("P", "minimum_living", "2023-04-20").revoke("P", "minimum_living", "2023-09-10");
        s.claim("P", "c1", "inpatient").stay("2023-03-25", "2023-04-03").selfPay("10000.00").send();
        s.claim("P", "c2", "outpatient").on("2023-04-05").selfPay("1000.00").send();
        s.claim("P", "c3", "outpatient").on("2023-09-25").selfPay("1000.00").send();
        s.claim("P", "c4", "inpatient").stay("2023-09-28", "2023-10-08").selfPay("20000.00").send();
        s.claim("P", "c5", "outpatient").on("2023-10-15").selfPay("500.00").send();
        paid(s, "c1", "9000.00");
        paid(s, "c2", "850.00");
        paid(s, "c3", "850.00");
        paid(s, "c4", "18000.00");
        paid(s, "c5", "0.00");
    }

    @Test
    void ex20_nonReferredCare_excludedOrLoweredByTwentyPointsWithHardship() {
        Scenario s = nanjing();
        s.grant("P1", "minimum_living", "2023-01-01");
        s.claim("P1", "c1", "inpatient").stay("2023-03-01", "2023-03-10").selfPay("10000.00").at("out_of_province").notReferred().send();
        s.grant("P2", "minimum_living", "2023-01-01");
        s.claim("P2", "c1b", "inpatient").stay("2023-03-01", "2023-03-10").selfPay("10000.00").at("out_of_province").notReferred().hardship().send();
        s.grant("P3", "minimum_living", "2023-01-01");
        s.claim("P3", "c2", "inpatient").stay("2023-03-01", "2023-03-10").selfPay("10000.00").at("in_province").send();
        s.grant("P4", "minimum_living", "2023-01-01");
        s.claim("P4", "c3", "outpatient").on("2023-03-01").selfPay("1000.00").at("in_province").notReferred().hardship().send();
        s.grant("P5", "illness_expenditure_hardship", "2023-01-01");
        s.claim("P5", "c4a", "inpatient").stay("2023-02-01", "2023-02-05").selfPay("7000.00").send();
        s.claim("P5", "c4", "inpatient").stay("2023-03-01", "2023-03-10").selfPay("10000.00").at("out_of_province").notReferred().hardship().send();
        paid(s, "c1", "0.00");
        paid(s, "c1b", "7000.00");
        paid(s, "c2", "9000.00");
        paid(s, "c3", "650.00");
        paid(s, "c4a", "0.00");
        paid(s, "c4", "5000.00");
    }

    @Test
    void ex21_otherEntitledVeteran_outpatientAfterTheFixedAllowance() {
        Scenario s = nanjing().veteran("P", "other", "2023-03-01");
        s.claim("P", "c1", "outpatient").on("2023-04-01").selfPay("3000.00").send();
        s.claim("P", "c2", "outpatient").on("2023-06-01").selfPay("12000.00").send();
        paid(s, "c1", "2400.00");
        paid(s, "c2", "7600.00");
    }
}
