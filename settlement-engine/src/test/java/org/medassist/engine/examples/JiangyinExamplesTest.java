package org.medassist.engine.examples;

import static org.medassist.engine.examples.Check.paid;
import static org.medassist.engine.examples.Check.tiltOf;

import org.junit.jupiter.api.Test;
import org.medassist.engine.Scenario;

/** Worked examples Ex 22–26 (docs/readings.md). */
class JiangyinExamplesTest {
    static Scenario jiangyin() { return Scenario.of("jiangyin"); }

    @Test
    void ex22_outpatientBaseCappedAtOneThousand_inpatientSeventyPercent() {
        Scenario s = jiangyin().grant("P", "minimum_living", "2023-01-01");
        s.claim("P", "c1", "outpatient").on("2023-02-01").selfPay("600.00").send();
        s.claim("P", "c2", "outpatient").on("2023-03-01").selfPay("700.00").send();
        s.claim("P", "c3", "outpatient").on("2023-04-01").selfPay("500.00").send();
        s.claim("P", "c4", "inpatient").stay("2023-05-01", "2023-05-10").selfPay("10000.00").send();
        paid(s, "c1", "480.00");
        paid(s, "c2", "320.00");
        paid(s, "c3", "0.00");
        paid(s, "c4", "7000.00");
    }

    @Test
    void ex23_severelyDisabledWithSpecialDiseaseRegistration() {
        Scenario s = jiangyin().disability("P", 1, "visual", "2023-01-01");
        s.claim("P", "c1", "outpatient_chronic").on("2023-02-01").selfPay("20000.00").disease("esrd_dialysis").registered().send();
        s.claim("P", "c2", "inpatient").stay("2023-03-01", "2023-03-10").selfPay("30000.00").registered().send();
        s.claim("P", "c3", "outpatient").on("2023-04-01").selfPay("1200.00").registered().send();
        paid(s, "c1", "17000.00");
        paid(s, "c2", "25500.00");
        paid(s, "c3", "800.00");
    }

    @Test
    void ex24_registeredLowIncome_yearEndTopUpPerInCityStay() {
        Scenario s = jiangyin().grant("P", "registered_low_income", "2023-01-01");
        s.claim("P", "c1", "inpatient").stay("2023-02-01", "2023-02-10").scope("50000.00", "20000.00").send();
        s.claim("P", "c2", "inpatient").stay("2023-05-01", "2023-05-10").scope("80000.00", "30000.00").at("out_of_province").send();
        s.claim("P", "c3", "inpatient").stay("2023-08-01", "2023-08-10").scope("20000.00", "5000.00").send();
        paid(s, "c1", "14000.00");
        paid(s, "c2", "21000.00");
        paid(s, "c3", "3500.00");
        s.closeYear(2023);
        tiltOf(s, "year_close:jiangyin:2023", "1000.00");
    }

    @Test
    void ex25_exitTimingAndMultipleIdentities() {
        Scenario s = jiangyin().grant("X", "minimum_living", "2023-01-01").revoke("X", "minimum_living", "2023-05-15");
        s.claim("X", "x1", "inpatient").stay("2023-05-10", "2023-06-05").selfPay("10000.00").send();
        s.claim("X", "x2", "outpatient").on("2023-05-20").selfPay("500.00").send();
        s.claim("X", "x3", "outpatient").on("2023-06-10").selfPay("500.00").send();
        paid(s, "x1", "7000.00");
        paid(s, "x2", "400.00");
        paid(s, "x3", "0.00");
        s.grant("Y", "minimum_living", "2023-01-01").disability("Y", 1, "physical", "2023-01-01")
                .revoke("Y", "minimum_living", "2023-05-15");
        s.claim("Y", "y3", "outpatient").on("2023-06-10").selfPay("500.00").send();
        paid(s, "y3", "400.00");
    }

    @Test
    void ex26_overallCapThreeHundredThousand() {
        Scenario s = jiangyin().grant("P", "minimum_living", "2023-01-01");
        s.claim("P", "c1", "inpatient").stay("2023-02-01", "2023-03-10").selfPay("300000.00").registered().send();
        s.claim("P", "c2", "outpatient_chronic").on("2023-04-01").selfPay("80000.00").disease("cancer_treatment").registered().send();
        s.claim("P", "c3", "inpatient").stay("2023-05-01", "2023-05-10").selfPay("1000.00").registered().send();
        paid(s, "c1", "255000.00");
        paid(s, "c2", "45000.00");
        paid(s, "c3", "0.00");
    }
}
