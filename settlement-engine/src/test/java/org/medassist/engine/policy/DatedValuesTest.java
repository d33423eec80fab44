package org.medassist.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medassist.engine.Scenario;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.money.Money;
import org.medassist.engine.policy.load.PolicyFileException;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;

/**
 * Dated values (docs/engine.md, "Dated values"): a revision taking effect on 2024-07-01 is data. The value in force
 * on the claim's date (E3: discharge date for inpatient care) applies; the year's running totals carry across.
 */
class DatedValuesTest {
    static final String POLICY = """
            region: datedtown
            name: Datedtown
            document: DT-1
            title: a policy revised mid-year
            effectiveFrom: 2024-01-01
            source: {clause: "end", quote: "in force from 2024-01-01"}
            classes:
              - {key: outpatient, kinds: [outpatient], source: {clause: "1", quote: "outpatient"}}
              - {key: inpatient, kinds: [inpatient], source: {clause: "1", quote: "inpatient"}}
            deductiblePools:
              - {key: inp, classes: [inpatient], source: {clause: "2", quote: "deductible pool"}}
            capPools:
              - {key: annual, classes: [outpatient, inpatient], source: {clause: "3", quote: "one annual cap"}}
            amounts:
              - key: monitoring_threshold
                values:
                  - {amount: "20000.00", source: {clause: "5", quote: "monitor at 20,000"}}
                  - {validFrom: 2024-07-01, percentOfIncome: "0.50", source: {clause: "R 5", quote: "monitor at half of I"}}
            timing:
              start: recognition_day
              end: day_before_exit
              stay: discharge_date
              sources:
                start: {clause: "6", quote: "start"}
                end: {clause: "6", quote: "end"}
                stay: {clause: "6", quote: "stay"}
            referral: {nonReferred: allow, source: {clause: "7", quote: "anywhere"}}
            tiers:
              - key: T
                label: the only tier
                qualifiers: [{identity: minimum_living}]
                rates:
                  outpatient:
                    values:
                      - {bands: [{upTo: "1000.00", rate: "0.50"}, {rate: "0.30"}], source: {clause: "4", quote: "outpatient 50% then 30%"}}
                      - {validFrom: 2024-07-01, bands: [{upTo: "2000.00", rate: "0.60"}, {rate: "0.40"}], source: {clause: "R 4", quote: "outpatient 60% then 40%"}}
                  inpatient:
                    values:
                      - {rate: "0.60", source: {clause: "4", quote: "inpatient 60%"}}
                      - {validFrom: 2024-07-01, rate: "0.80", source: {clause: "R 4", quote: "inpatient 80%"}}
                deductibles:
                  inp:
                    values:
                      - {validFrom: 2024-01-01, amount: "1000.00", source: {clause: "2", quote: "deductible 1,000"}}
                      - {validFrom: 2024-07-01, amount: "3000.00", source: {clause: "R 2", quote: "deductible 3,000"}}
                caps:
                  annual:
                    values:
                      - {amount: "10000.00", source: {clause: "3", quote: "cap 10,000"}}
                      - {validFrom: 2024-07-01, amount: "8000.00", source: {clause: "R 3", quote: "cap 8,000"}}
                source: {clause: "0", quote: "minimum living"}
            tilt:
              type: residual
              payment: on_application
              classes: [inpatient]
              threshold:
                values:
                  - {amount: "10000.00", source: {clause: "8", quote: "tilt above 10,000"}}
                  - {validFrom: 2024-07-01, amount: "5000.00", source: {clause: "R 8", quote: "tilt above 5,000"}}
              rate: "0.50"
              cap: {amount: "2000.00", source: {clause: "8", quote: "tilt at most 2,000"}}
              source: {clause: "8", quote: "tilt on application"}
              locationSource: {clause: "8", quote: "in the province"}
            alerts:
              - key: datedtown/monitoring/s
                measure: S
                threshold: monitoring_threshold
                comparison: at_least
                population: {identities: [minimum_living]}
                recipients: [civil_affairs]
                source: {clause: "5", quote: "monitoring"}
            """;

    static PolicyCatalog catalog(String policy) {
        return PolicyLoader.load(List.of(new PolicySource("datedtown", "test:datedtown", Map.of(PolicySource.POLICY, policy))));
    }

    static Scenario town() {
        return Scenario.of(catalog(POLICY), "datedtown").param(2024, "per_capita_disposable_income", "30000.00");
    }

    static String paid(Scenario s, String claim) { return Money.format(s.assistance(claim)); }

    @Test
    void theBoundaryDayTakesTheNewValues_byDischargeDate() {
        Scenario s = town().grant("P", "minimum_living", "2024-01-01").grant("Q", "minimum_living", "2024-01-01");
        s.claim("P", "p1", "inpatient").stay("2024-06-20", "2024-06-30").selfPay("2000.00").send();
        s.claim("P", "p2", "inpatient").stay("2024-06-25", "2024-07-01").selfPay("2000.00").send();
        s.claim("Q", "q1", "inpatient").stay("2024-06-20", "2024-06-30").selfPay("2000.00").send();
        s.claim("Q", "q2", "inpatient").stay("2024-06-25", "2024-06-30").selfPay("2000.00").send();
        assertEquals("600.00", paid(s, "p1"), "60% × (2,000 − deductible 1,000)");
        assertEquals("800.00", paid(s, "p2"), "discharged 07-01: 80% × (cumS 4,000 − deductible 3,000 − 0 before)");
        assertEquals("1200.00", paid(s, "q2"), "discharged 06-30: 60% × 2,000, the deductible 1,000 already met");
        List<String> lines = s.last("p2").explanation();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("rate 80%") && l.contains("DT-1 R 4「inpatient 80%」")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("annual deductible 3000.00") && l.contains("R 2「deductible 3,000」")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("annual cap 8000.00") && l.contains("R 3「cap 8,000」")), lines::toString);
        List<String> before = s.last("q2").explanation();
        assertTrue(before.stream().anyMatch(l -> l.startsWith("rate 60%") && l.contains("DT-1 4「inpatient 60%」")), before::toString);
    }

    @Test
    void aLowerCapBoundsTheYearsRunningTotal_withoutTakingBackWhatWasPaid() {
        Scenario s = town().grant("R", "minimum_living", "2024-01-01");
        s.claim("R", "r1", "inpatient").stay("2024-03-01", "2024-03-05").selfPay("17000.00").send();
        s.claim("R", "r2", "inpatient").stay("2024-07-20", "2024-08-01").selfPay("2000.00").send();
        assertEquals("9600.00", paid(s, "r1"), "60% × 16,000 within the cap 10,000");
        assertEquals("0.00", paid(s, "r2"), "cap 8,000 in force on 08-01; 9,600 already paid this year");
        assertEquals(1, s.settlements.stream().filter(x -> "r1".equals(x.claimId())).count(), "r1 is never adjusted");
    }

    @Test
    void bandsOfTheNewValueApplyAtTheYearsPosition() {
        Scenario s = town().grant("O", "minimum_living", "2024-01-01");
        s.claim("O", "o1", "outpatient").on("2024-05-01").selfPay("800.00").send();
        s.claim("O", "o2", "outpatient").on("2024-07-01").selfPay("1500.00").send();
        assertEquals("400.00", paid(s, "o1"), "50% × 800");
        assertEquals("840.00", paid(s, "o2"), "from position 800: 60% × 1,200 + 40% × 300");
    }

    @Test
    void aDatedNamedAmount_monitoringThresholdFallsFromTwentyThousandToHalfOfI() {
        Scenario s = town().grant("R", "minimum_living", "2024-01-01");
        s.claim("R", "r1", "inpatient").stay("2024-03-01", "2024-03-05").selfPay("17000.00").send();
        assertEquals(0, s.alerts.size(), "S 17,000 < 20,000");
        s.claim("R", "r2", "inpatient").stay("2024-07-20", "2024-08-01").selfPay("2000.00").send();
        assertEquals(1, s.alerts.size());
        MonitoringAlert a = s.alerts.get(0);
        assertEquals("2024-08", a.month());
        assertEquals(Scenario.fen("15000.00"), a.threshold(), "50% × I 30,000 from 07-01");
        assertEquals(Scenario.fen("19000.00"), a.value());
        assertTrue(s.last("r2").explanation().stream().anyMatch(l -> l.startsWith("alert datedtown/monitoring/s")
                && l.endsWith("DT-1 R 5「monitor at half of I」")), s.last("r2").explanation()::toString);
    }

    @Test
    void tiltOnApplicationUsesTheThresholdInForceOnTheDayItWasFiled_clampedIntoItsYear() {
        Scenario s = town();
        for (String p : new String[] {"T1", "T2", "T3"}) {
            s.grant(p, "minimum_living", "2024-01-01");
            // 60% × (20,000 − 1,000) = 11,400, capped at 10,000: residual 10,000 in the tilt base
            s.claim(p, p + "-c", "inpatient").stay("2024-03-01", "2024-03-05").selfPay("20000.00").send();
        }
        s.applyTilt("T1", "A1", 2024, "2024-06-30");
        s.applyTilt("T2", "A2", 2024, "2024-07-01");
        s.applyTilt("T3", "A3", 2024, "2025-02-01");
        assertEquals("10000.00", paid(s, "T1-c"));
        assertEquals("0.00", Money.format(s.tiltOf("A1")), "50% × max(0, 10,000 − 10,000)");
        assertEquals("2000.00", Money.format(s.tiltOf("A2")), "min(2,000, 50% × (10,000 − 5,000))");
        assertEquals("2000.00", Money.format(s.tiltOf("A3")), "filed after the year: the values of 2024-12-31");
        List<String> lines = s.settlements.stream().filter(x -> "A2".equals(x.reference())).findFirst().orElseThrow().explanation();
        assertTrue(lines.stream().anyMatch(l -> l.contains("R 8「tilt above 5,000」")), lines::toString);
    }

    static String refusal(String from, String to) {
        return assertThrows(PolicyFileException.class, () -> catalog(POLICY.replace(from, to))).getMessage();
    }

    @Test
    void loadingRefusesUnsortedOrOverlappingDates_namingFileAndKeyPath() {
        assertEquals("test:datedtown/policy.yaml: tiers[0].caps.annual.values[1].validFrom: 2023-12-01 is not after 2024-01-01, "
                        + "the validFrom of the value before it: dated values are listed oldest first and no two may take effect on the same day",
                refusal("{validFrom: 2024-07-01, amount: \"8000.00\"", "{validFrom: 2023-12-01, amount: \"8000.00\""));
        assertEquals("test:datedtown/policy.yaml: tiers[0].rates.inpatient.values[1].validFrom: 2024-01-01 is not after 2024-01-01, "
                        + "the validFrom of the value before it: dated values are listed oldest first and no two may take effect on the same day",
                refusal("{validFrom: 2024-07-01, rate: \"0.80\"", "{validFrom: 2024-01-01, rate: \"0.80\""));
        assertEquals("test:datedtown/policy.yaml: tiers[0].deductibles.inp.values[1]: missing key \"validFrom\" (only the first value may "
                        + "omit it, and is then in force from effectiveFrom 2024-01-01)",
                refusal("{validFrom: 2024-07-01, amount: \"3000.00\"", "{amount: \"3000.00\""));
        assertEquals("test:datedtown/policy.yaml: tiers[0].deductibles.inp.values[0].validFrom: 2024-02-01 is after the policy's "
                        + "effectiveFrom 2024-01-01: the first value must be in force from the policy's start (omit its validFrom)",
                refusal("{validFrom: 2024-01-01, amount: \"1000.00\"", "{validFrom: 2024-02-01, amount: \"1000.00\""));
        assertEquals("test:datedtown/policy.yaml: amounts[0].values[1]: give either percentOfIncome or amount",
                refusal("percentOfIncome: \"0.50\", source: {clause: \"R 5\"", "percentOfIncome: \"0.50\", amount: \"1.00\", source: {clause: \"R 5\""));
        assertEquals("test:datedtown/policy.yaml: tiers[0].rates.outpatient.values[1]: unknown key \"validUntil\"; allowed: validFrom, rate, bands, source",
                refusal("{validFrom: 2024-07-01, bands", "{validUntil: 2024-07-01, bands"));
    }
}
