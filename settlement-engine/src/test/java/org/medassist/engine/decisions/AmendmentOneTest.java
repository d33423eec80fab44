package org.medassist.engine.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medassist.engine.Scenario.fen;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medassist.engine.Scenario;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.ResultStatus;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.money.Money;
import org.medassist.engine.timeline.IdentityChange;
import org.medassist.engine.timeline.IdentityTimeline;

/**
 * Amendment 1 (E14.1–E14.18): one nested class per entry, each with the entry's own worked example and the boundary
 * the entry is about. Amounts are exact fen; alerts, recoveryDue and kpiFlags are asserted where the entry names them.
 */
class AmendmentOneTest {

    static List<SettlementResult> of(Scenario s, String claimId) {
        return s.settlements.stream().filter(x -> claimId.equals(x.claimId())).toList();
    }

    /** Settlements of a claim-less item (an application or a year end). */
    static List<SettlementResult> ofReference(Scenario s, String reference) {
        return s.settlements.stream().filter(x -> x.claimId() == null && reference.equals(x.reference())).toList();
    }

    static SettlementResult lastEvent(Scenario s) { return s.settlements.get(s.settlements.size() - 1); }

    static List<String> alertRules(Scenario s, String person) {
        return s.alerts.stream().filter(a -> a.personId().equals(person)).map(MonitoringAlert::rule).toList();
    }

    static IdentityChange event(String eventId, String person, String region, String department, String identity,
                                boolean grant, String date) {
        return new IdentityChange(eventId, person, region, department, identity, grant, LocalDate.parse(date), 0, null, null);
    }

    @Nested
    class E14_1_OutpatientBasesCountEligibleClaimsOnly {
        @Test
        void nanjingBandIsNotUsedByAClaimFromBeforeRecognition() {
            Scenario s = Scenario.of("nanjing").grant("P", "minimum_living", "2023-05-10");
            s.claim("P", "march", "outpatient").on("2023-03-01").selfPay("1500.00").send();
            s.claim("P", "june", "outpatient").on("2023-06-01").selfPay("1000.00").send();
            assertEquals(0, s.assistance("march"));
            assertEquals(fen("850.00"), s.assistance("june"), "1,000 × 85%, not 500 × 85% + 500 × 80% = 825");
        }

        @Test
        void jiangyinBaseIsNotUsedByAClaimFromBeforeRecognition() {
            Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2023-05-10");
            s.claim("P", "before", "outpatient").on("2023-04-01").selfPay("800.00").send();
            s.claim("P", "after", "outpatient").on("2023-06-01").selfPay("500.00").send();
            assertEquals(0, s.assistance("before"));
            assertEquals(fen("400.00"), s.assistance("after"), "500 × 80%, not (1,000 − 800) × 80% = 160");
        }

        @Test
        void jiangyinBaseIsNotUsedAfterTheBenefitEnd() {
            Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2023-01-01")
                    .revoke("P", "minimum_living", "2023-05-15").grant("P", "minimum_living", "2023-07-01");
            s.claim("P", "gap", "outpatient").on("2023-06-10").selfPay("800.00").send();
            s.claim("P", "again", "outpatient").on("2023-07-10").selfPay("500.00").send();
            assertEquals(0, s.assistance("gap"), "after the end of the exit month");
            assertEquals(fen("400.00"), s.assistance("again"));
        }

        @Test
        void nanjingNonReferredClaimUsesNoBand_butAHardshipClaimPaidAtTheLoweredRateDoes() {
            Scenario s = Scenario.of("nanjing").grant("X", "minimum_living", "2023-01-01").grant("H", "minimum_living", "2023-01-01");
            s.claim("X", "x1", "outpatient").on("2023-02-01").selfPay("1500.00").at("in_province").notReferred().send();
            s.claim("X", "x2", "outpatient").on("2023-03-01").selfPay("1000.00").send();
            assertEquals(0, s.assistance("x1"), "excluded: not referred, no hardship");
            assertEquals(fen("850.00"), s.assistance("x2"), "the excluded 1,500 used none of the 2,000 band");
            s.claim("H", "h1", "outpatient").on("2023-02-01").selfPay("1500.00").at("in_province").notReferred().hardship().send();
            s.claim("H", "h2", "outpatient").on("2023-03-01").selfPay("1000.00").send();
            assertEquals(fen("975.00"), s.assistance("h1"), "1,500 × (85 − 20)%");
            assertEquals(fen("825.00"), s.assistance("h2"), "500 × 85% + 500 × 80%: the hardship claim used the band");
        }

        @Test
        void bandPositionCarriesAcrossATierChange_byTheEligibleAmountAboveTheDeductible() {
            Scenario s = Scenario.of("nanjing").param(2023, "tier_d_deductible", "7000.00")
                    .grant("P", "illness_expenditure_hardship", "2023-01-01")
                    .revoke("P", "illness_expenditure_hardship", "2023-03-10").grant("P", "minimum_living", "2023-04-05");
            s.claim("P", "underD", "outpatient").on("2023-02-01").selfPay("8000.00").send();
            s.claim("P", "underB", "outpatient").on("2023-05-01").selfPay("2000.00").send();
            assertEquals(fen("700.00"), s.assistance("underD"), "tier D: (8,000 − 7,000) × 70%");
            assertEquals("D", s.last("underD").tier());
            assertEquals("B", s.last("underB").tier());
            // the band stands at 1,000 (D's eligible amount), not 8,000 (its S) and not 0 (a restart)
            assertEquals(fen("1650.00"), s.assistance("underB"), "1,000 × 85% + 1,000 × 80%");
        }
    }

    @Nested
    class E14_2_NanjingLookBackInWholeCalendarMonths {
        @Test
        void e14_2_nanjingLookBackStartsOnTheFirstOfMonthMMinus12() {
            Scenario s = Scenario.of("nanjing").param(2022, "per_capita_disposable_income", "75000.00")
                    .grant("P", "illness_expenditure_hardship", "2023-06-10");
            s.claim("P", "c1", "inpatient").stay("2022-06-01", "2022-06-05").selfPay("20000.00").send();
            assertEquals(fen("8750.00"), s.assistance("c1"), "D = 10% × 75,000 = 7,500; (20,000 − 7,500) × 70%");
            assertTrue(s.last("c1").explanation().stream().anyMatch(l -> l.contains("look-back") && l.contains("2022-06-01")
                    && l.contains("三（七）")), String.join("\n", s.last("c1").explanation()));

            Scenario before = Scenario.of("nanjing").param(2022, "per_capita_disposable_income", "75000.00")
                    .grant("P", "illness_expenditure_hardship", "2023-06-10");
            before.claim("P", "c0", "inpatient").stay("2022-05-25", "2022-05-31").selfPay("20000.00").send();
            assertEquals(0, before.assistance("c0"), "discharged the day before the window opens");
        }

        @Test
        void aStaySpanningTheFirstDayOfTheWindowIsCoveredWhole() {
            Scenario s = Scenario.of("nanjing").param(2022, "per_capita_disposable_income", "75000.00")
                    .grant("P", "illness_expenditure_hardship", "2023-06-10");
            s.claim("P", "span", "inpatient").stay("2022-05-25", "2022-06-02").selfPay("20000.00").send();
            assertEquals(fen("8750.00"), s.assistance("span"));
        }

        @Test
        void temporaryAssistanceRecognizedInJulyOpensTheWindowOnJanuaryFirst() {
            Scenario s = Scenario.of("nanjing").param(2023, "per_capita_disposable_income", "70000.00")
                    .grant("P", "temporary_assistance_serious_illness", "2023-07-20")
                    .grant("Q", "temporary_assistance_serious_illness", "2023-07-20");
            s.claim("P", "jan1", "inpatient").on("2023-01-01").selfPay("10000.00").send();
            s.claim("Q", "dec31", "inpatient").on("2022-12-31").selfPay("10000.00").send();
            assertEquals(fen("2100.00"), s.assistance("jan1"), "(10,000 − 7,000) × 70%; a day-based window would open on 01-20");
            assertEquals(0, s.assistance("dec31"));
        }

        @Test
        void example18WindowOpensOnMayFirst_itsAmountsUnchanged() {
            Scenario s = Scenario.of("nanjing").param(2022, "tier_d_deductible", "7000.00")
                    .grant("P", "illness_expenditure_hardship", "2023-05-20");
            s.claim("P", "may1", "inpatient").stay("2022-04-25", "2022-05-01").selfPay("12000.00").send();
            assertEquals(fen("3500.00"), s.assistance("may1"), "window from 2022-05-01, not 2022-05-20");
        }

        @Test
        void fangchenggangOneTimeWindowStaysDayBased_fcgA11() {
            Scenario s = Scenario.of("fangchenggang").grant("P", "illness_expenditure_hardship", "2023-09-15");
            s.claim("P", "outside", "inpatient").on("2022-09-14").selfPay("30000.00").send();
            s.claim("P", "first", "inpatient").on("2022-09-15").selfPay("15000.00").send();
            s.applyOneTime("P", "A", 2023, "2023-10-01");
            assertEquals(fen("3000.00"), s.tiltOf("A"), "(15,000 − 10,000) × 60%: the window opens on 2022-09-15, the day");
        }
    }

    @Nested
    class E14_3_DefaultAlertsAreExclusive {
        @Test
        void nanjingAtExactlyHalfOfIncomeNoAlert_oneFenAboveAlert() {
            Scenario s = Scenario.of("nanjing").param(2023, "per_capita_disposable_income", "80000.00")
                    .grant("P", "illness_expenditure_hardship", "2023-01-01");
            s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("40000.00").send();
            assertTrue(s.alerts.isEmpty(), "S 40,000.00 is not above 50% × 80,000");
            s.claim("P", "c2", "outpatient").on("2023-02-02").selfPay("0.01").send();
            assertEquals(1, s.alerts.size());
            MonitoringAlert a = s.alerts.get(0);
            assertEquals("nanjing/monitoring/expenditure-self-pay", a.rule());
            assertEquals(fen("40000.01"), a.value());
            assertEquals(fen("40000.00"), a.threshold());
            assertEquals("c2", a.claimId());
        }

        @Test
        void jiujiangResidualAtExactlyHalfOfIncomeNoAlert_oneFenAboveAlert() {
            Scenario s = Scenario.of("jiujiang").param(2023, "per_capita_disposable_income", "70000.00")
                    .grant("P", "marginal_low_income", "2023-01-01");
            s.claim("P", "c1", "outpatient").on("2023-02-01").selfPay("35000.00").send();
            assertTrue(s.alerts.isEmpty(), "R 35,000.00 (class 3 ordinary outpatient is not covered, R = S)");
            s.claim("P", "c2", "outpatient").on("2023-02-02").selfPay("0.01").send();
            assertEquals(List.of("jiujiang/monitoring/class3-residual"), alertRules(s, "P"));
            assertEquals(fen("35000.01"), s.alerts.get(0).value());
        }

        @Test
        void fangchenggangListsStayInclusive() {
            Scenario s = Scenario.of("fangchenggang").grant("W", "stable_out_of_poverty", "2023-01-01");
            s.claim("W", "w1", "outpatient").on("2023-02-01").selfPay("5000.00").send();
            s.claim("R", "r1", "outpatient").on("2023-02-01").selfPay("10000.00").send();
            assertEquals(List.of("fangchenggang/monitoring/poverty-5000"), alertRules(s, "W"), "5000元以上 includes 5,000.00");
            assertEquals(List.of("fangchenggang/monitoring/residents-10000"), alertRules(s, "R"), "1万元以上 includes 10,000.00");
        }
    }

    @Nested
    class E14_4_FangchenggangMonitoringLists {
        @Test
        void burdenOfTwelveThousandPutsEachGroupOnItsListOrNone() {
            Scenario s = Scenario.of("fangchenggang");
            Map<String, String[]> people = new TreeMap<>();
            people.put("special_hardship", new String[] {"special_hardship"});
            people.put("orphan", new String[] {"orphan"});
            people.put("de_facto", new String[] {"de_facto_unsupported_child"});
            people.put("minimum_living", new String[] {"minimum_living"});
            people.put("illness_expenditure", new String[] {"illness_expenditure_hardship"});
            people.put("other_designated", new String[] {"other_designated"});
            people.put("marginal", new String[] {"marginal_low_income"});
            people.put("stable", new String[] {"stable_out_of_poverty"});
            people.put("returned", new String[] {"returned_to_poverty"});
            people.put("monitored", new String[] {"monitored_marginal"});
            people.put("minimum_and_stable", new String[] {"minimum_living", "stable_out_of_poverty"});
            for (var p : people.entrySet()) for (String identity : p.getValue()) s.grant(p.getKey(), identity, "2023-01-01");
            s.grant("minimum_severe", "minimum_living", "2023-01-01").disability("minimum_severe", 1, "physical", "2023-01-01");
            s.disability("card_only", 1, "physical", "2023-01-01");
            List<String> all = new ArrayList<>(people.keySet());
            all.addAll(List.of("minimum_severe", "card_only", "no_identity"));
            for (String p : all) s.claim(p, p + "-c", "outpatient").on("2023-03-01").selfPay("12000.00").send();

            String five = "fangchenggang/monitoring/poverty-5000";
            String ten = "fangchenggang/monitoring/residents-10000";
            for (String p : List.of("special_hardship", "orphan", "de_facto", "minimum_living", "minimum_severe",
                    "illness_expenditure", "other_designated")) {
                assertEquals(List.of(), alertRules(s, p), p + " is on neither list");
            }
            for (String p : List.of("marginal", "no_identity", "card_only")) assertEquals(List.of(ten), alertRules(s, p), p);
            for (String p : List.of("stable", "returned", "monitored", "minimum_and_stable")) {
                assertEquals(List.of(five), alertRules(s, p), p);
            }
        }
    }

    @Nested
    class E14_5_FangchenggangHospitalBorneOnEveryClaimKind {
        @Test
        void minimumLivingOrdinaryOutpatient_hospitalBearsTwoHundred_assistanceZero() {
            Scenario s = Scenario.of("fangchenggang").grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "c1", "outpatient").on("2023-02-01").selfPay("700.00").outOfScope("300.00").send();
            assertEquals(0, s.assistance("c1"));
            assertEquals(fen("200.00"), s.last("c1").hospitalBorne(), "300 − 10% × 1,000");
        }

        @Test
        void everyKind_coveredOrNot() {
            Scenario s = Scenario.of("fangchenggang").grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "chronic", "outpatient_chronic").on("2023-02-01").selfPay("700.00").outOfScope("300.00").send();
            s.claim("P", "major", "outpatient_major").on("2023-02-02").selfPay("700.00").outOfScope("300.00").disease("cancer_treatment").send();
            s.claim("P", "stay", "inpatient").stay("2023-02-03", "2023-02-04").selfPay("700.00").outOfScope("300.00").send();
            for (String c : List.of("chronic", "major", "stay")) {
                assertEquals(fen("630.00"), s.assistance(c), c + ": 700 × 90%");
                assertEquals(fen("200.00"), s.last(c).hospitalBorne(), c);
            }
        }

        @Test
        void onlyTheListedGroups_andTheTransitionGroupsUntil2025() {
            Scenario s = Scenario.of("fangchenggang").grant("X", "illness_expenditure_hardship", "2023-01-01")
                    .grant("M", "monitored_unstable", "2023-01-01").grant("F", "returned_to_poverty", "2023-01-01")
                    .grant("W", "stable_out_of_poverty", "2023-01-01");
            s.claim("X", "x", "inpatient").on("2023-02-01").selfPay("700.00").outOfScope("300.00").send();
            s.claim("N", "n", "inpatient").on("2023-02-01").selfPay("700.00").outOfScope("300.00").send();
            s.claim("M", "m2025", "outpatient").on("2025-12-31").selfPay("700.00").outOfScope("300.00").send();
            s.claim("M", "m2026", "outpatient").on("2026-01-01").selfPay("700.00").outOfScope("300.00").send();
            s.claim("W", "w2026", "outpatient").on("2026-01-01").selfPay("700.00").outOfScope("300.00").send();
            s.claim("F", "f2026", "outpatient").on("2026-01-01").selfPay("700.00").outOfScope("300.00").send();
            assertEquals(0, s.last("x").hospitalBorne(), "因病支出型 is not a listed group");
            assertEquals(0, s.last("n").hospitalBorne(), "residents get no line");
            assertEquals(fen("200.00"), s.last("m2025").hospitalBorne());
            assertEquals(0, s.last("m2026").hospitalBorne(), "the 监测 tier ends with 2025 (FCG-A15)");
            assertEquals(0, s.last("w2026").hospitalBorne(), "so does 稳定脱贫");
            assertEquals(fen("200.00"), s.last("f2026").hospitalBorne(), "返贫致贫 continues (E14.13)");
        }
    }

    @Nested
    class E14_6_MonitoringCountsAllClaimsOfTheYear {
        @Test
        void jiyuanClaimBeforeRecognitionAddsToTheMeasure_theAlertFiresOnTheFirstClaimInThePopulation() {
            Scenario s = Scenario.of("jiyuan").grant("P", "marginal_low_income", "2022-06-01");
            s.claim("P", "may", "inpatient").on("2022-05-10").selfPay("16000.00").send();
            assertTrue(s.alerts.isEmpty(), "a claim from before recognition cannot fire an alert itself");
            s.claim("P", "july", "inpatient").on("2022-07-10").selfPay("0.01").send();
            assertEquals(1, s.alerts.size());
            assertEquals("july", s.alerts.get(0).claimId());
            assertEquals(fen("16000.01"), s.alerts.get(0).value(), "S 16,000.01 > 16,000");
        }

        @Test
        void anIdentityEventAloneFiresNothing_typeAndCoverageDoNotMatter() {
            Scenario s = Scenario.of("jiyuan");
            s.claim("P", "may", "inpatient").on("2022-05-10").selfPay("20000.00").send();
            s.grant("P", "marginal_low_income", "2022-06-01");
            assertTrue(s.alerts.isEmpty(), "the measure is over 16,000 but no claim is dated in the population");
            s.claim("P", "visit", "outpatient").on("2022-07-10").selfPay("0.01").send();
            assertEquals(0, s.assistance("visit"), "Jiyuan does not cover ordinary outpatient care");
            assertEquals(List.of("jiyuan/monitoring/g3-self-pay"), alertRules(s, "P"));
            assertEquals(fen("20000.01"), s.alerts.get(0).value());
        }

        @Test
        void excludedCareCountsWithRequalsS() {
            Scenario s = Scenario.of("jiyuan").grant("P", "marginal_low_income", "2022-06-01");
            s.claim("P", "away", "inpatient").on("2022-07-01").selfPay("10000.00").at("out_of_province").notReferred().send();
            assertEquals(0, s.assistance("away"));
            assertTrue(s.alerts.isEmpty());
            s.claim("P", "visit", "outpatient").on("2022-07-02").selfPay("6000.01").send();
            assertEquals(1, s.alerts.size());
            assertEquals("visit", s.alerts.get(0).claimId());
        }
    }

    @Nested
    class E14_7_StayRuleTurnsOnTheEndOfTheExitMonth {
        @Test
        void jiyuanStayAdmittedAfterTheExitDateButInTheExitMonthIsCoveredWhole() {
            Scenario s = Scenario.of("jiyuan").grant("P", "minimum_living", "2022-05-01").revoke("P", "minimum_living", "2022-08-10");
            s.claim("P", "aug", "inpatient").stay("2022-08-20", "2022-09-05").selfPay("10000.00").send();
            s.claim("P", "sep", "inpatient").stay("2022-09-01", "2022-09-10").selfPay("10000.00").send();
            assertEquals(fen("7000.00"), s.assistance("aug"));
            assertEquals(0, s.assistance("sep"));
        }

        @Test
        void fangchenggangAndJiangyinAlike() {
            for (String region : List.of("fangchenggang", "jiangyin")) {
                Scenario s = Scenario.of(region).grant("P", "minimum_living", "2023-05-01").revoke("P", "minimum_living", "2023-08-10");
                s.claim("P", "aug", "inpatient").stay("2023-08-31", "2023-09-05").selfPay("10000.00").send();
                s.claim("P", "sep", "inpatient").stay("2023-09-01", "2023-09-10").selfPay("10000.00").send();
                assertEquals(fen(region.equals("jiangyin") ? "7000.00" : "9000.00"), s.assistance("aug"), region);
                assertEquals(0, s.assistance("sep"), region);
            }
        }
    }

    @Nested
    class E14_8_JiangyinTopUpGivesWayToConventionalAssistance {
        static Scenario withBigStay() {
            Scenario s = Scenario.of("jiangyin").grant("P", "registered_low_income", "2023-01-01");
            // 70% × 400,000 = 280,000; top-up 120,000 − 10% × 1,000,000 = 20,000
            s.claim("P", "big", "inpatient").stay("2023-02-01", "2023-03-01").scope("1000000.00", "400000.00").send();
            return s;
        }

        @Test
        void lateClaimIsSettledAgainstTheCapAsIfNoTopUp_theTopUpFallsWithRecoveryDue() {
            Scenario s = withBigStay().closeYear(2023);
            String ye = "year_close:jiangyin:2023";
            assertEquals(fen("280000.00"), s.assistance("big"));
            assertEquals(fen("20000.00"), s.tiltOf(ye));
            s.claim("P", "late", "inpatient").stay("2023-11-01", "2023-11-10").selfPay("10000.00").send();
            assertEquals(fen("7000.00"), s.assistance("late"));
            SettlementResult adj = lastEvent(s);
            assertEquals(ResultStatus.ADJUSTMENT, adj.status());
            assertEquals(ye, adj.reference());
            assertEquals(fen("-7000.00"), adj.tilt());
            assertTrue(adj.recoveryDue());
            assertEquals(fen("13000.00"), s.tiltOf(ye), "300,000 − 287,000 of room");
        }

        @Test
        void theYearsAmountsDoNotDependOnWhenTheCloseArrived() {
            Scenario early = withBigStay().closeYear(2023);
            early.claim("P", "late", "inpatient").stay("2023-11-01", "2023-11-10").selfPay("10000.00").send();
            Scenario after = withBigStay();
            after.claim("P", "late", "inpatient").stay("2023-11-01", "2023-11-10").selfPay("10000.00").send();
            after.closeYear(2023);
            for (Scenario s : List.of(early, after)) {
                assertEquals(fen("287000.00"), s.assistance("big") + s.assistance("late"));
                assertEquals(fen("13000.00"), s.tiltOf("year_close:jiangyin:2023"));
            }
        }
    }

    @Nested
    class E14_9_FangchenggangOneTimeFollowsItsWindow {
        @Test
        void reversingAWindowClaimOfTheYearBeforeAdjustsTheApplicationWithRecoveryDue() {
            Scenario s = Scenario.of("fangchenggang").grant("P", "illness_expenditure_hardship", "2023-03-01");
            // 2022-06-10 lies before Fangchenggang's 2022-08-01 start: the window the document grants reaches it (E14.17)
            s.claim("P", "c2022", "inpatient").on("2022-06-10").selfPay("20000.00").send();
            s.claim("P", "c2023", "inpatient").on("2023-01-10").selfPay("15000.00").send();
            s.applyOneTime("P", "A", 2023, "2023-03-10");
            assertEquals(fen("15000.00"), s.tiltOf("A"), "(35,000 − 10,000) × 60%");
            s.reverse("P", "c2022");
            SettlementResult adj = lastEvent(s);
            assertEquals(ResultStatus.ADJUSTMENT, adj.status());
            assertNull(adj.claimId());
            assertEquals("A", adj.reference());
            assertEquals(2023, adj.year());
            assertEquals(fen("-12000.00"), adj.tilt());
            assertTrue(adj.recoveryDue());
            assertEquals(fen("3000.00"), s.tiltOf("A"));
        }

        @Test
        void aWindowClaimArrivingAfterTheApplicationAdjustsItUp() {
            Scenario s = Scenario.of("fangchenggang").grant("P", "illness_expenditure_hardship", "2023-03-01");
            s.claim("P", "c2023", "inpatient").on("2023-01-10").selfPay("15000.00").send();
            s.applyOneTime("P", "A", 2023, "2023-03-10");
            assertEquals(fen("3000.00"), s.tiltOf("A"));
            s.claim("P", "late2022", "inpatient").on("2022-12-01").selfPay("5000.00").send();
            SettlementResult adj = lastEvent(s);
            assertEquals("A", adj.reference());
            assertEquals(fen("3000.00"), adj.tilt());
            assertFalse(adj.recoveryDue());
            assertEquals(fen("6000.00"), s.tiltOf("A"), "(20,000 − 10,000) × 60%");
        }
    }

    @Nested
    class E14_10_AlertMonthIsTheClaimsMonth {
        @Test
        void laterReceivedEarlierClaimFiresInItsOwnMonth() {
            Scenario s = Scenario.of("fangchenggang");
            s.claim("R", "aug", "outpatient").on("2023-08-10").selfPay("6000.00").send();
            s.claim("R", "mar", "outpatient").on("2023-03-10").selfPay("5000.00").send();
            assertEquals(1, s.alerts.size());
            assertEquals("mar", s.alerts.get(0).claimId());
            assertEquals("2023-03", s.alerts.get(0).month());
        }

        @Test
        void inARecomputationTooTheMonthIsThatOfTheClaim() {
            Scenario s = Scenario.of("fangchenggang");
            s.claim("W", "mar", "outpatient").on("2023-03-10").selfPay("3000.00").send();
            s.claim("W", "aug", "outpatient").on("2023-08-10").selfPay("3000.00").send();
            assertTrue(s.alerts.isEmpty(), "a resident's 6,000 is under 10,000");
            s.grant("W", "stable_out_of_poverty", "2023-01-01"); // recognized late: now on the 5,000 list
            assertEquals(1, s.alerts.size());
            assertEquals("aug", s.alerts.get(0).claimId());
            assertEquals("2023-08", s.alerts.get(0).month());
        }
    }

    @Nested
    class E14_11_RecoveryDueAndKpiFlags {
        static final List<String> OOS = List.of("jiujiang/kpi/out-of-scope-share");

        @Test
        void jiujiangExample_flaggedStay_thenReversalRecovers() {
            Scenario s = Scenario.of("jiujiang").grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "c1", "inpatient").on("2023-02-01").scope("20000.00", "10000.00").outOfScope("3000.00").send();
            SettlementResult settled = s.last("c1");
            assertEquals(fen("7500.00"), settled.assistance());
            assertEquals(OOS, settled.kpiFlags(), "3,000 of 23,000 is above 10%");
            assertFalse(settled.recoveryDue());
            s.reverse("P", "c1");
            SettlementResult reversed = s.last("c1");
            assertEquals(ResultStatus.REVERSED, reversed.status());
            assertEquals(fen("-7500.00"), reversed.assistance());
            assertTrue(reversed.recoveryDue());
            assertEquals(List.of(), reversed.kpiFlags());
        }

        @Test
        void exactlyTenPercentIsNotFlagged_oneFenMoreIs() {
            Scenario s = Scenario.of("jiujiang").grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "at", "inpatient").on("2023-02-01").selfPay("9000.00").outOfScope("1000.00").send();
            s.claim("P", "above", "inpatient").on("2023-02-02").selfPay("8999.99").outOfScope("1000.01").send();
            assertEquals(List.of(), s.last("at").kpiFlags());
            assertEquals(OOS, s.last("above").kpiFlags());
        }

        @Test
        void flagsOnlyWhileATierApplies_coveredOrNot_andAnAdjustmentCarriesTheCurrentFlags() {
            Scenario s = Scenario.of("jiujiang").param(2023, "per_capita_disposable_income", "30000.00")
                    .grant("C3", "marginal_low_income", "2023-01-01");
            s.claim("C3", "visit", "outpatient").on("2023-02-01").selfPay("100.00").outOfScope("100.00").send();
            assertEquals(0, s.assistance("visit"), "class 3 has no ordinary outpatient benefit");
            assertEquals(OOS, s.last("visit").kpiFlags(), "a tier applies, so the hospital KPI applies");

            s.claim("L", "stay", "inpatient").on("2023-05-01").selfPay("1000.00").outOfScope("1000.00").send();
            assertEquals(List.of(), s.last("stay").kpiFlags(), "no tier applies yet");
            s.grant("L", "minimum_living", "2023-04-01");
            SettlementResult adj = s.last("stay");
            assertEquals(ResultStatus.ADJUSTMENT, adj.status());
            assertEquals(fen("750.00"), adj.assistance());
            assertFalse(adj.recoveryDue(), "a positive adjustment recovers nothing");
            assertEquals(OOS, adj.kpiFlags(), "the adjustment carries the recomputed claim's flags");
        }

        @Test
        void nanjingResidualShareOnInCityStaysOnly() {
            Scenario s = Scenario.of("nanjing").param(2023, "tier_d_deductible", "7000.00")
                    .grant("B", "minimum_living", "2023-01-01").grant("D", "illness_expenditure_hardship", "2023-01-01");
            s.claim("B", "atTen", "inpatient").on("2023-02-01").selfPay("10000.00").send();
            s.claim("D", "city", "inpatient").on("2023-02-01").selfPay("10000.00").send();
            s.claim("D", "province", "inpatient").on("2023-02-02").selfPay("10000.00").at("in_province").send();
            assertEquals(fen("9000.00"), s.assistance("atTen"));
            assertEquals(List.of(), s.last("atTen").kpiFlags(), "remaining 1,000 is exactly 10%");
            assertEquals(fen("2100.00"), s.assistance("city"));
            assertEquals(List.of("nanjing/kpi/residual-share"), s.last("city").kpiFlags(), "remaining 7,900 of 10,000");
            assertEquals(List.of(), s.last("province").kpiFlags(), "in-city inpatient only");
        }

        @Test
        void falseOnParked_onReversingANothingPaidClaim_andOnOtherPayerChanges() {
            Scenario jj = Scenario.of("jiujiang").grant("P", "marginal_low_income", "2023-01-01");
            jj.claim("P", "parked", "inpatient").on("2023-02-01").selfPay("5000.00").outOfScope("5000.00").send();
            SettlementResult parked = jj.last("parked");
            assertEquals(ResultStatus.PARKED, parked.status());
            assertFalse(parked.recoveryDue());
            assertEquals(List.of(), parked.kpiFlags());
            jj.claim("Q", "nothing", "inpatient").on("2023-02-01").selfPay("100.00").send();
            jj.reverse("Q", "nothing");
            assertEquals(ResultStatus.REVERSED, jj.last("nothing").status());
            assertFalse(jj.last("nothing").recoveryDue(), "nothing had been paid");

            Scenario fcg = Scenario.of("fangchenggang").grant("P", "minimum_living", "2023-01-01");
            fcg.claim("P", "c1", "outpatient").on("2023-02-01").selfPay("700.00").outOfScope("300.00").send();
            fcg.reverse("P", "c1");
            SettlementResult reversed = fcg.last("c1");
            assertEquals(fen("-200.00"), reversed.hospitalBorne());
            assertFalse(reversed.recoveryDue(), "other-payer lines never set recoveryDue");
        }

        @Test
        void claimLessSettlementsCarryNoFlags() {
            Scenario s = Scenario.of("jiangyin").grant("P", "registered_low_income", "2023-01-01");
            s.claim("P", "c1", "inpatient").stay("2023-02-01", "2023-02-10").scope("50000.00", "20000.00").send();
            s.closeYear(2023);
            SettlementResult ye = ofReference(s, "year_close:jiangyin:2023").get(0);
            assertEquals(List.of(), ye.kpiFlags());
            assertFalse(ye.recoveryDue());
        }
    }

    @Nested
    class E14_12_ReversingAParkedClaimCancelsIt {
        @Test
        void jiujiangExample_queuedClaimsSettleAsIfItNeverArrived() {
            Scenario s = Scenario.of("jiujiang").grant("P", "illness_expenditure_hardship", "2024-01-01");
            s.claim("P", "first", "inpatient").on("2024-02-01").selfPay("15000.00").send();
            assertEquals(ResultStatus.PARKED, s.last("first").status());
            s.reverse("P", "first");
            SettlementResult reversed = s.last("first");
            assertEquals(ResultStatus.REVERSED, reversed.status());
            assertEquals(0, reversed.assistance());
            assertEquals(0, reversed.tilt());
            assertFalse(reversed.recoveryDue());
            s.claim("P", "chronic", "outpatient_chronic").on("2024-03-01").selfPay("3000.00").send();
            s.claim("P", "second", "inpatient").on("2024-04-01").selfPay("40000.00").send();
            int before = of(s, "first").size();
            s.param(2024, "per_capita_disposable_income", "42000.00");
            assertEquals(before, of(s, "first").size(), "the cancelled claim never settles");
            assertEquals(0, s.assistance("chronic"), "3,000 of the 10,500 deductible");
            assertEquals(fen("19500.00"), s.assistance("second"), "(43,000 − 10,500) × 60%");
        }

        @Test
        void alsoWhenTheQueuedClaimsArrivedBeforeTheReversal() {
            Scenario s = Scenario.of("jiujiang").grant("P", "illness_expenditure_hardship", "2024-01-01");
            s.claim("P", "first", "inpatient").on("2024-02-01").selfPay("15000.00").send();
            s.claim("P", "chronic", "outpatient_chronic").on("2024-03-01").selfPay("3000.00").send();
            s.claim("P", "second", "inpatient").on("2024-04-01").selfPay("40000.00").send();
            assertTrue(s.last("chronic").reason().contains("queued behind parked claim first"));
            s.reverse("P", "first");
            s.param(2024, "per_capita_disposable_income", "42000.00");
            assertEquals(ResultStatus.REVERSED, s.last("first").status());
            assertEquals(0, s.assistance("chronic"));
            assertEquals(fen("19500.00"), s.assistance("second"));
        }
    }

    @Nested
    class E14_13_FangchenggangReadingsConfirmed {
        @Test
        void returnedToPovertyContinuesAfter2025_monitoredDoesNot() {
            Scenario s = Scenario.of("fangchenggang").grant("F", "returned_to_poverty", "2023-01-01")
                    .grant("M", "monitored_unstable", "2023-01-01").grant("M2", "monitored_unstable", "2023-01-01");
            s.claim("F", "f", "inpatient").stay("2026-03-01", "2026-03-10").selfPay("13000.00").send();
            s.claim("M", "m", "inpatient").stay("2026-03-01", "2026-03-10").selfPay("13000.00").send();
            s.claim("M2", "m2025", "inpatient").stay("2025-12-20", "2025-12-31").selfPay("13000.00").send();
            assertEquals(fen("7000.00"), s.assistance("f"), "(13,000 − 3,000) × 70%");
            assertEquals(0, s.assistance("m"));
            assertEquals(fen("7000.00"), s.assistance("m2025"), "the last day of the transition");
        }

        @Test
        void oneTimeWindowEndsTheDayBeforeRecognition_fcgA11() {
            Scenario s = Scenario.of("fangchenggang").grant("P", "illness_expenditure_hardship", "2023-06-15");
            s.claim("P", "eve", "inpatient").stay("2023-06-10", "2023-06-14").selfPay("12000.00").send();
            s.claim("P", "day", "inpatient").stay("2023-06-10", "2023-06-15").selfPay("20000.00").send();
            s.applyOneTime("P", "A", 2023, "2023-07-01");
            assertEquals(fen("1200.00"), s.tiltOf("A"), "(12,000 − 10,000) × 60%");
            assertEquals(0, s.assistance("day"), "no conventional standard for 因病支出型 (FCG-A6)");
            assertEquals(0, s.assistance("eve"));
        }
    }

    @Nested
    class E14_14_JiangyinOrphansAreChildrenInDifficulty {
        @Test
        void orphanAndDeFactoUnsupportedChildGetSeventyPercent() {
            Scenario s = Scenario.of("jiangyin").grant("O", "orphan", "2023-01-01").grant("D", "de_facto_unsupported_child", "2023-01-01");
            s.claim("O", "o", "inpatient").stay("2023-02-01", "2023-02-10").selfPay("10000.00").send();
            s.claim("D", "d", "inpatient").stay("2023-02-01", "2023-02-10").selfPay("10000.00").send();
            assertEquals(fen("7000.00"), s.assistance("o"));
            assertEquals(fen("7000.00"), s.assistance("d"));
        }
    }

    @Nested
    class E14_15_ARejectedReceiptReservesNothing {
        @Test
        void invalidClaimIsRejected_theSameClaimIdWithValidContentSettles() {
            Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "X", "inpatient").stay("2023-02-01", "2023-02-10").scope("100.00", "-100.00").send();
            SettlementResult rejected = s.last("X");
            assertEquals(ResultStatus.REJECTED, rejected.status());
            assertTrue(rejected.reason().contains("-100.00"), rejected.reason());
            assertFalse(rejected.recoveryDue());
            assertEquals(List.of(), rejected.kpiFlags());
            s.claim("P", "X", "inpatient").stay("2023-02-01", "2023-02-10").selfPay("10000.00").send();
            assertEquals(ResultStatus.SETTLED, s.last("X").status());
            assertEquals(fen("7000.00"), s.assistance("X"));
        }

        @Test
        void aNegativeAmountIsRejectedToo_andReservesNothing() {
            Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "X", "inpatient").stay("2023-02-01", "2023-02-10").selfPay("100.00").outOfScope("-1.00").send();
            assertEquals(ResultStatus.REJECTED, s.last("X").status());
            assertTrue(s.last("X").reason().contains("negative"), s.last("X").reason());
            s.reverse("P", "X");
            assertTrue(s.last("X").reason().contains("unknown"), "a reversal of a rejected claim is rejected: " + s.last("X").reason());
            s.claim("P", "X", "inpatient").stay("2023-02-01", "2023-02-10").selfPay("10000.00").send();
            assertEquals(fen("7000.00"), s.assistance("X"));
        }

        @Test
        void onceAcceptedADifferentContentIsRejected_alsoAfterAReversal() {
            Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "X", "inpatient").stay("2023-02-01", "2023-02-10").selfPay("10000.00").send();
            s.reverse("P", "X");
            s.claim("P", "X", "inpatient").stay("2023-02-01", "2023-02-10").selfPay("20000.00").send();
            assertEquals(ResultStatus.REJECTED, s.last("X").status());
            assertTrue(s.last("X").reason().contains("different content"), s.last("X").reason());
            assertEquals(0, s.assistance("X"));
        }
    }

    @Nested
    class E14_16_IdentityEventIds {
        @Test
        void sameContentAgainNoEffect_differentContentRejectedNamingTheEventId_andNothingChanges() {
            Scenario s = Scenario.of("jiangyin");
            IdentityChange grant = event("mz-1", "P", "jiangyin", "civil_affairs", "minimum_living", true, "2023-01-01");
            s.engine.identity(s.person("P"), grant, s);
            s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("100.00").send();
            assertEquals(fen("70.00"), s.assistance("c1"));
            int published = s.settlements.size();

            s.engine.identity(s.person("P"), grant, s);
            assertEquals(published, s.settlements.size(), "the same event again has no effect");

            s.engine.identity(s.person("P"), event("mz-1", "P", "jiangyin", "civil_affairs", "minimum_living", false,
                    "2023-01-01"), s);
            assertEquals(published + 1, s.settlements.size());
            SettlementResult rejected = lastEvent(s);
            assertEquals(ResultStatus.REJECTED, rejected.status());
            assertTrue(rejected.reason().contains("mz-1") && rejected.reason().contains("different content"), rejected.reason());
            assertEquals("identity:mz-1", rejected.reference());
            assertFalse(rejected.recoveryDue());
            assertEquals(fen("70.00"), s.assistance("c1"), "the conflicting revoke changed nothing");
            assertEquals(1, s.person("P").timeline.changes().size());

            // the corrected grant arrives under a new eventId and applies
            s.engine.identity(s.person("P"), event("mz-2", "P", "jiangyin", "civil_affairs", "minimum_living", false,
                    "2023-01-01"), s);
            assertEquals(0, s.assistance("c1"));
        }

        @Test
        void theSharedFoldTellsADuplicateFromAConflict_includingAnotherPersonId() {
            IdentityTimeline t = new IdentityTimeline();
            IdentityChange grant = event("mz-1", "P", "nanjing", "civil_affairs", "minimum_living", true, "2023-01-01");
            assertEquals(IdentityTimeline.Applied.APPLIED, t.apply(grant));
            assertEquals(IdentityTimeline.Applied.DUPLICATE, t.apply(grant));
            assertEquals(IdentityTimeline.Applied.CONFLICT,
                    t.apply(event("mz-1", "P", "nanjing", "civil_affairs", "minimum_living", true, "2023-02-01")));
            assertEquals(IdentityTimeline.Applied.CONFLICT,
                    t.apply(event("mz-1", "Q", "nanjing", "civil_affairs", "minimum_living", true, "2023-01-01")));
            assertEquals(IdentityTimeline.Applied.APPLIED,
                    t.apply(event("mz-1", "P", "nanjing", "rural_revitalization", "registered_low_income", true, "2023-01-01")),
                    "eventIds are unique per department");
            assertEquals(2, t.changes().size());
            // the same eventId under another personId on another partition is checked by the routing layer, not here
        }
    }

    @Nested
    class E14_17_NothingBeforeAPolicysEffectiveDate {
        @Test
        void jiangyinExample_yearEndTotalIsTwoThousandNotEighteen() {
            Scenario s = Scenario.of("jiangyin").grant("P", "registered_low_income", "2020-01-01");
            s.claim("P", "june", "inpatient").stay("2020-06-10", "2020-06-20").scope("40000.00", "20000.00").send();
            s.claim("P", "span", "inpatient").stay("2020-06-25", "2020-07-03").scope("40000.00", "20000.00").send();
            assertEquals(0, s.assistance("june"));
            assertTrue(s.last("june").explanation().stream().anyMatch(l -> l.contains("2020-07-01") && l.contains("第十七条")),
                    String.join("\n", s.last("june").explanation()));
            assertEquals(fen("14000.00"), s.assistance("span"), "admitted before the start, dated by its discharge: covered");
            s.closeYear(2020);
            assertEquals(fen("2000.00"), s.tiltOf("year_close:jiangyin:2020"), "6,000 − 4,000 for the covered stay only");
        }

        @Test
        void aClaimBeforeTheStartUsesNoBandOrCap() {
            Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2020-01-01");
            s.claim("P", "june", "outpatient").on("2020-06-30").selfPay("800.00").send();
            s.claim("P", "july", "outpatient").on("2020-07-01").selfPay("500.00").send();
            assertEquals(0, s.assistance("june"));
            assertEquals(fen("400.00"), s.assistance("july"), "the 1,000 base is untouched by the June visit");
        }

        /**
         * The reading: E14.17 stops every ordinary rule at the start date, but a look-back the document itself grants
         * reaches the costs it names before recognition, also before the document's start (NJ-A11). E14.2's example
         * (a Nanjing 2022 stay, I₂₀₂₂) and E14.9's (a Fangchenggang window claim of 2022-06-10) both count such costs.
         */
        @Test
        void reading_aLookBackTheDocumentGrantsStillReachesBeforeItsStart() {
            Scenario nj = Scenario.of("nanjing").param(2022, "per_capita_disposable_income", "75000.00")
                    .grant("P", "illness_expenditure_hardship", "2023-06-10");
            nj.claim("P", "c2022", "inpatient").stay("2022-06-01", "2022-06-05").selfPay("20000.00").send();
            nj.claim("Q", "plain", "inpatient").stay("2022-12-01", "2022-12-05").selfPay("20000.00").send();
            nj.grant("Q", "minimum_living", "2022-01-01");
            assertEquals(fen("8750.00"), nj.assistance("c2022"), "Nanjing 救助期 before 2023-01-01 (NJ-A11)");
            assertEquals(0, nj.assistance("plain"), "an ordinary identity gives nothing before the start");

            Scenario fcg = Scenario.of("fangchenggang").grant("P", "illness_expenditure_hardship", "2023-03-01");
            fcg.claim("P", "early", "inpatient").on("2022-06-10").selfPay("20000.00").send();
            fcg.applyOneTime("P", "A", 2023, "2023-03-10");
            assertEquals(fen("6000.00"), fcg.tiltOf("A"), "the one-time window counts 2022-06-10, before 2022-08-01");

            Scenario jj = Scenario.of("jiujiang").param(2022, "per_capita_disposable_income", "30000.00")
                    .grant("P", "minimum_living", "2022-11-15");
            jj.claim("P", "sept", "inpatient").on("2022-09-20").selfPay("20000.00").send();
            jj.applyTilt("P", "T", 2022, "2022-12-01");
            assertEquals(0, jj.assistance("sept"), "before 2022-10-01 and before recognition");
            assertEquals(fen("2500.00"), jj.tiltOf("T"), "the 3-month tilt look-back counts it: 50% × (20,000 − 15,000)");
        }
    }

    @Nested
    class E14_18_JiangyinReadingsConfirmed {
        @Test
        void unregisteredSpecialOutpatientIsOrdinaryOutpatient_registeredMajorIsSpecial() {
            Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "chronic", "outpatient_chronic").on("2023-02-01").selfPay("600.00").send();
            s.claim("P", "major", "outpatient_major").on("2023-02-02").selfPay("600.00").disease("cancer_treatment").send();
            s.claim("P", "registered", "outpatient_major").on("2023-02-03").selfPay("1000.00").disease("cancer_treatment").registered().send();
            assertEquals(fen("480.00"), s.assistance("chronic"), "600 × 80% inside the 1,000 base");
            assertEquals(fen("320.00"), s.assistance("major"), "the remaining 400 of the base × 80%");
            assertEquals(fen("850.00"), s.assistance("registered"), "门特 85%");
        }

        @Test
        void aGrantWhileHeldTakesEffectFromItsDate_losingSevereStatusIsAnExit() {
            Scenario s = Scenario.of("jiangyin").disability("U", 3, "physical", "2023-01-01").disability("U", 1, "physical", "2023-06-01")
                    .disability("L", 1, "physical", "2023-01-01").disability("L", 3, "physical", "2023-06-10")
                    .veteran("V", "other", "2023-01-01").veteran("V", "key", "2023-06-01");
            s.claim("U", "u-may", "inpatient").on("2023-05-31").selfPay("1000.00").send();
            s.claim("U", "u-june", "inpatient").on("2023-06-01").selfPay("1000.00").send();
            s.claim("L", "l-june", "inpatient").on("2023-06-30").selfPay("1000.00").send();
            s.claim("L", "l-july", "inpatient").on("2023-07-01").selfPay("1000.00").send();
            s.claim("V", "v-may", "inpatient").on("2023-05-31").selfPay("1000.00").send();
            s.claim("V", "v-june", "inpatient").on("2023-06-01").selfPay("1000.00").send();
            assertEquals(0, s.assistance("u-may"));
            assertEquals(fen("700.00"), s.assistance("u-june"));
            assertEquals(fen("700.00"), s.assistance("l-june"), "covered to the end of the month severe status was lost");
            assertEquals(0, s.assistance("l-july"));
            assertEquals(0, s.assistance("v-may"), "其他优抚 is not a Jiangyin recipient");
            assertEquals(fen("700.00"), s.assistance("v-june"), "重点优抚 from its grant");
        }

        @Test
        void topUpCountsOnlyStaysTheRegisteredIdentityCovers() {
            Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2023-01-01").grant("P", "registered_low_income", "2023-06-01");
            s.claim("P", "before", "inpatient").stay("2023-03-01", "2023-03-10").scope("50000.00", "20000.00").send();
            s.claim("P", "after", "inpatient").stay("2023-07-01", "2023-07-10").scope("50000.00", "20000.00").send();
            s.closeYear(2023);
            assertEquals(fen("14000.00"), s.assistance("before"));
            assertEquals(fen("1000.00"), s.tiltOf("year_close:jiangyin:2023"), "6,000 − 5,000 for the July stay only");
        }

        @Test
        void referralAndLocationDoNotChangeConventionalAssistance() {
            Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "away", "inpatient").on("2023-02-01").selfPay("10000.00").at("out_of_province").notReferred().send();
            assertEquals(fen("7000.00"), s.assistance("away"));
        }

        @Test
        void timelineIsOrderedByEffectiveDateThenReceipt() {
            Scenario s = Scenario.of("jiangyin").revoke("P", "minimum_living", "2023-09-10").grant("P", "minimum_living", "2023-04-20")
                    .grant("Q", "minimum_living", "2023-03-01").revoke("Q", "minimum_living", "2023-03-01")
                    .revoke("R", "minimum_living", "2023-03-01").grant("R", "minimum_living", "2023-03-01");
            s.claim("P", "p-sep", "inpatient").on("2023-09-30").selfPay("1000.00").send();
            s.claim("P", "p-oct", "inpatient").on("2023-10-01").selfPay("1000.00").send();
            s.claim("Q", "q-mar", "inpatient").on("2023-03-31").selfPay("1000.00").send();
            s.claim("Q", "q-apr", "inpatient").on("2023-04-01").selfPay("1000.00").send();
            s.claim("R", "r-dec", "inpatient").on("2023-12-01").selfPay("1000.00").send();
            assertEquals(fen("700.00"), s.assistance("p-sep"), "the earlier-dated grant lands before the revoke");
            assertEquals(0, s.assistance("p-oct"));
            assertEquals(fen("700.00"), s.assistance("q-mar"), "grant then revoke on one day: held to the month's end");
            assertEquals(0, s.assistance("q-apr"));
            assertEquals(fen("700.00"), s.assistance("r-dec"), "revoke then grant on one day: the grant stands");
        }

        @Test
        void aSecondReversalIsRejected() {
            Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("1000.00").send();
            s.reverse("P", "c1");
            s.engine.reversal(s.person("P"), new org.medassist.engine.model.Reversal("R2", "c1", "P", "jiangyin", "again"), s);
            assertEquals(ResultStatus.REJECTED, lastEvent(s).status());
            assertTrue(lastEvent(s).reason().contains("already reversed"), lastEvent(s).reason());
        }

        @Test
        void amountsInYuanStrings() {
            assertEquals(0, Money.parseYuan("-0.00"));
            for (String bad : List.of("100.", "+100", " 100.00", "100.00 ", "1e2", "100.001")) {
                assertThrows(IllegalArgumentException.class, () -> Money.parseYuan(bad), bad);
            }
            // JSON numbers are refused by the contract codec before they reach the engine (schemas EventJsonValidationTest)
        }
    }
}
