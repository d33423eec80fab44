package org.medassist.engine.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medassist.engine.Scenario.fen;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medassist.engine.Scenario;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.model.ResultStatus;
import org.medassist.engine.policy.Rates;

/** Decisions E1–E13 (docs/decisions.md), one nested class per decision. */
class EngineSemanticsTest {

    static Scenario jiujiang() { return Scenario.of("jiujiang").param(2023, "per_capita_disposable_income", "30000.00"); }

    static List<SettlementResult> of(Scenario s, String claimId) {
        return s.settlements.stream().filter(x -> claimId.equals(x.claimId())).toList();
    }

    @Nested
    class E1_PureFunctionOfEvents {
        @Test
        void appendedClaimIsSettledOnceWithoutTouchingEarlierClaims() {
            Scenario s = jiujiang().grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("1000.00").send();
            s.claim("P", "c2", "inpatient").on("2023-03-01").selfPay("1000.00").send();
            assertEquals(1, of(s, "c1").size());
            assertEquals(ResultStatus.SETTLED, of(s, "c2").get(0).status());
        }

        @Test
        void reversalRecomputesAndPublishesAdjustmentsOfTheDifference() {
            Scenario s = jiujiang().grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("40000.00").send();
            s.claim("P", "c2", "inpatient").on("2023-03-01").selfPay("40000.00").send();
            assertEquals(fen("20000.00"), s.assistance("c2"), "capped at 50,000 − 30,000");
            s.reverse("P", "c1");
            SettlementResult reversed = of(s, "c1").get(1);
            assertEquals(ResultStatus.REVERSED, reversed.status());
            assertEquals(fen("-30000.00"), reversed.assistance());
            assertTrue(reversed.recoveryDue());
            SettlementResult adj = of(s, "c2").get(1);
            assertEquals(ResultStatus.ADJUSTMENT, adj.status());
            assertEquals(fen("10000.00"), adj.assistance(), "the delta, new 30,000 minus 20,000 paid");
            assertEquals(fen("30000.00"), s.assistance("c2"));
        }

        @Test
        void negativeAdjustmentIsARecoveryDue() {
            Scenario s = jiujiang().grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "c1", "inpatient").on("2023-05-01").selfPay("1000.00").send();
            s.revoke("P", "minimum_living", "2023-04-01"); // a late exit before the settled claim
            SettlementResult adj = of(s, "c1").get(1);
            assertEquals(fen("-750.00"), adj.assistance());
            assertTrue(adj.recoveryDue());
            assertEquals(0, s.assistance("c1"));
        }
    }

    @Test
    void e2_claimsApplyInReceiptOrderNotDateOrder() {
        Scenario s = Scenario.of("nanjing").grant("P", "minimum_living", "2023-01-01");
        s.claim("P", "march", "outpatient").on("2023-03-01").selfPay("1500.00").send();
        s.claim("P", "january", "outpatient").on("2023-01-10").selfPay("1000.00").send();
        assertEquals(fen("1275.00"), s.assistance("march"), "first received gets the 85% band");
        assertEquals(fen("825.00"), s.assistance("january"), "500 × 85% + 500 × 80%");
        assertEquals(1, of(s, "march").size(), "a late-arriving earlier claim changes nothing already paid");
    }

    @Test
    void e3_stayFromDecemberToJanuaryBelongsToTheDischargeYear() {
        Scenario s = jiujiang().param(2022, "per_capita_disposable_income", "30000.00").grant("P", "minimum_living", "2022-10-01");
        s.claim("P", "c2022", "inpatient").stay("2022-11-01", "2022-11-20").selfPay("80000.00").send();
        s.claim("P", "span", "inpatient").stay("2022-12-20", "2023-01-05").selfPay("10000.00").send();
        assertEquals(fen("50000.00"), s.assistance("c2022"), "2022 cap used up");
        assertEquals(2023, s.last("span").year());
        assertEquals(fen("7500.00"), s.assistance("span"), "charged to 2023's fresh cap");
    }

    @Nested
    class E4_MoneyRounding {
        @Test
        void rateTimesBaseRoundsHalfUpToTheFen() {
            assertEquals(72, Rates.apply(650_000, 110), "1.10 × 65% = 0.715 → 0.72");
            assertEquals(71, Rates.apply(650_000, 109), "1.09 × 65% = 0.7085 → 0.71");
            assertEquals(-72, Rates.apply(650_000, -110), "half away from zero for recoveries");
            assertEquals(2, Rates.apply(750_000, 2), "0.02 × 75% = 0.015 → 0.02");
        }

        @Test
        void largeBasesNeverWrapAround() {
            long max = 10_000_000_000_000L; // the largest amount one input may carry (docs/contract.md)
            assertEquals(7_000_000_000_000L, Rates.apply(700_000, max), "a plain long product would overflow here");
            assertEquals(-7_000_000_000_000L, Rates.apply(700_000, -max));
            long yearOfClaims = 5_000 * max; // a year's running total of such claims
            assertEquals(yearOfClaims / 10 * 6, Rates.apply(600_000, yearOfClaims));
            assertEquals(Long.MAX_VALUE, Rates.apply(1_000_000, Long.MAX_VALUE));
            for (long fen = 9_223_372_036_800L; fen < 9_223_372_036_900L; fen++) {
                // the boundary of the fast path: both sides agree with exact arithmetic
                long exact = java.math.BigInteger.valueOf(fen).multiply(java.math.BigInteger.valueOf(650_001))
                        .add(java.math.BigInteger.valueOf(500_000)).divide(java.math.BigInteger.valueOf(1_000_000)).longValueExact();
                assertEquals(exact, Rates.apply(650_001, fen), "fen " + fen);
            }
        }

        @Test
        void capsApplyAfterRounding() {
            Scenario s = Scenario.of("nanjing").veteran("P", "other", "2023-01-01");
            s.claim("P", "c1", "outpatient").on("2023-02-01").selfPay("12499.99").send();
            assertEquals(fen("9999.99"), s.assistance("c1"), "12,499.99 × 80% = 9,999.992 → 9,999.99, under the cap");
            s.claim("P", "c2", "outpatient").on("2023-03-01").selfPay("0.03").send();
            assertEquals(fen("0.01"), s.assistance("c2"), "0.024 → 0.02, then capped by the 0.01 room");
        }
    }

    @Test
    void e5_baseIsPolicyScopeLessAllThreeInsurancePayments() {
        Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2023-01-01");
        var c = s.claim("P", "c1", "inpatient").stay("2023-02-01", "2023-02-05").build();
        var claim = new org.medassist.engine.model.MedicalClaim("c1", "P", "jiangyin", "H", c.hospitalLevel(), c.kind(),
                c.admissionDate(), c.dischargeDate(), c.location(), true, false, null, false,
                fen("12000.00"), fen("2000.00"), fen("10000.00"), fen("5000.00"), fen("1000.00"), fen("1000.00"));
        assertEquals(fen("3000.00"), claim.selfPay());
        s.engine.claim(s.person("P"), claim, s);
        assertEquals(fen("2100.00"), s.assistance("c1"), "70% of S = 3,000");
    }

    @Test
    void e6_highestBenefitAmongIdentities_neverAdded_namesTheTierUsed() {
        Scenario s = jiujiang().grant("P", "minimum_living", "2023-01-01").grant("P", "orphan", "2023-01-01");
        s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("1000.00").send();
        SettlementResult st = s.last("c1");
        assertEquals(fen("1000.00"), st.assistance(), "100% (class 1), not 100% + 75%");
        assertEquals("class1", st.tier());
        assertEquals("orphan", st.identity());
        assertTrue(st.explanation().stream().anyMatch(l -> l.contains("also qualifies for tier class2")));
    }

    @Nested
    class E7_CapsAndDeductibles {
        @Test
        void deductibleCountsOnlyEligibleClaims() {
            Scenario s = jiujiang().grant("P", "marginal_low_income", "2023-03-01");
            s.claim("P", "before", "inpatient").on("2023-02-01").selfPay("2500.00").send();
            s.claim("P", "c1", "inpatient").on("2023-04-01").selfPay("3500.00").send();
            assertEquals(fen("325.00"), s.assistance("c1"), "(3,500 − 3,000) × 65%: the earlier, ineligible 2,500 does not count");
        }

        @Test
        void deductibleKeepsAccumulatingAcrossATierChange() {
            Scenario s = jiujiang().grant("P", "marginal_low_income", "2023-01-01")
                    .revoke("P", "marginal_low_income", "2023-05-01").grant("P", "illness_expenditure_hardship", "2023-05-01");
            s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("5000.00").send();
            s.claim("P", "c2", "inpatient").on("2023-06-01").selfPay("5000.00").send();
            assertEquals(fen("1300.00"), s.assistance("c1"), "class 3: (5,000 − 3,000) × 65%");
            assertEquals(fen("1500.00"), s.assistance("c2"), "class 4: cum 10,000 − 7,500 = 2,500 × 60%");
        }

        @Test
        void noClawBackWhenTheNewTierHasALowerCap() {
            Scenario s = jiujiang().grant("P", "minimum_living", "2023-01-01")
                    .revoke("P", "minimum_living", "2023-06-01").grant("P", "marginal_low_income", "2023-06-01");
            s.claim("P", "c1", "inpatient").on("2023-03-01").selfPay("53333.33").send();
            s.claim("P", "c2", "inpatient").on("2023-07-01").selfPay("10000.00").send();
            assertEquals(fen("40000.00"), s.assistance("c1"));
            assertEquals(0, s.assistance("c2"), "40,000 already exceeds class 3's 30,000 cap");
            assertEquals(1, of(s, "c1").size(), "nothing recovered from c1");
        }
    }

    @Nested
    class E8_LateIdentitiesAndLookBacks {
        @Test
        void lateRecognitionAdjustsEarlierClaims() {
            Scenario s = jiujiang();
            s.claim("P", "c1", "inpatient").on("2023-05-01").selfPay("1000.00").send();
            assertEquals(0, s.assistance("c1"));
            s.grant("P", "minimum_living", "2023-04-01");
            assertEquals(fen("750.00"), s.assistance("c1"));
            assertEquals(ResultStatus.ADJUSTMENT, s.last("c1").status());
        }

        @Test
        void nanjingTemporaryAssistanceLooksBackSixMonths() {
            Scenario s = Scenario.of("nanjing").param(2023, "tier_d_deductible", "0.00")
                    .grant("P", "temporary_assistance_serious_illness", "2023-08-15");
            s.claim("P", "seven", "inpatient").on("2023-01-10").selfPay("1000.00").send();
            s.claim("P", "five", "inpatient").on("2023-03-20").selfPay("1000.00").send();
            assertEquals(0, s.assistance("seven"));
            assertEquals(fen("700.00"), s.assistance("five"));
        }

        @Test
        void jiujiangTiltLookBackStaysInTheCurrentYear() {
            Scenario s = jiujiang().param(2022, "per_capita_disposable_income", "30000.00")
                    .grant("P", "minimum_living", "2023-02-01");
            s.claim("P", "dec", "inpatient").on("2022-12-15").selfPay("20000.00").send();
            s.claim("P", "jan", "inpatient").on("2023-01-10").selfPay("20000.00").send();
            s.claim("P", "mar", "inpatient").on("2023-03-01").selfPay("4000.00").send();
            s.applyTilt("P", "A", 2023, "2023-04-01");
            // base: jan 20,000 (look-back, R = S) + mar 1,000; dec is in 2022
            assertEquals(fen("3000.00"), s.tiltOf("A"), "50% × (21,000 − 15,000)");
        }
    }

    @Nested
    class E9_Parameters {
        @Test
        void missingParameterParksTheClaimAndLaterClaimsQueueThenAllSettle() {
            Scenario s = Scenario.of("jiujiang").grant("P", "marginal_low_income", "2023-01-01");
            s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("5000.00").send();
            s.claim("P", "c2", "inpatient").on("2023-03-01").selfPay("1000.00").send();
            SettlementResult parked = s.last("c1");
            assertEquals(ResultStatus.PARKED, parked.status());
            assertTrue(parked.reason().contains("per_capita_disposable_income"), parked.reason());
            assertTrue(s.last("c2").reason().contains("queued behind parked claim c1"), s.last("c2").reason());
            s.param(2023, "per_capita_disposable_income", "30000.00");
            assertEquals(ResultStatus.SETTLED, s.last("c1").status());
            assertEquals(fen("1300.00"), s.assistance("c1"));
            assertEquals(fen("650.00"), s.assistance("c2"));
        }

        @Test
        void aRecomputationThatNeedsAMissingParameterFreezesTheYearUntilItArrives() {
            Scenario s = Scenario.of("jiyuan").grant("P", "minimum_living", "2023-06-01");
            s.claim("P", "early", "outpatient_major").on("2023-03-01").selfPay("10000.00").disease("esrd_dialysis").send();
            s.claim("P", "b", "inpatient").on("2023-07-01").selfPay("20000.00").send();
            s.claim("P", "c", "inpatient").on("2023-08-01").selfPay("20000.00").send();
            assertEquals(fen("14000.00"), s.assistance("b"));
            assertEquals(fen("14000.00"), s.assistance("c"));
            int published = s.settlements.size();
            // a late 低保边缘 recognition makes "b" weigh the G3 tier, whose 2023 deductible is not known yet
            s.grant("P", "marginal_low_income", "2023-01-01");
            assertEquals(published, s.settlements.size(), "the blocked year keeps what it paid, consistently");
            s.param(2023, "per_capita_disposable_income", "32000.00");
            assertEquals(fen("3000.00"), s.assistance("early"), "G3 outpatient 30%");
            assertEquals(fen("14000.00"), s.assistance("b"));
            assertEquals(fen("13000.00"), s.assistance("c"), "the shared 30,000 cap holds");
        }

        @Test
        void publishedFigureWinsOverThePercentage() {
            Scenario s = Scenario.of("jiyuan").param(2022, "per_capita_disposable_income", "40000.00")
                    .grant("P", "marginal_low_income", "2022-01-01");
            s.claim("P", "c1", "inpatient").on("2022-06-01").selfPay("4200.00").send();
            assertEquals(fen("650.00"), s.assistance("c1"), "deductible stays 3,200 (published), not 4,000");
        }

        @Test
        void withoutAPublishedFigureThePercentageOfIncomeIsExact() {
            Scenario s = Scenario.of("jiyuan").param(2023, "per_capita_disposable_income", "35001.00")
                    .grant("P", "marginal_low_income", "2023-01-01");
            s.claim("P", "c1", "inpatient").on("2023-06-01").selfPay("4500.10").send();
            assertEquals(fen("650.00"), s.assistance("c1"), "deductible 10% × 35,001 = 3,500.10; 1,000 × 65%");
        }

        @Test
        void aPublishedParameterEventBeatsThePercentage() {
            Scenario s = Scenario.of("jiyuan").param(2023, "per_capita_disposable_income", "35000.00")
                    .param(2023, "g3_deductible", "3600.00").grant("P", "marginal_low_income", "2023-01-01");
            s.claim("P", "c1", "inpatient").on("2023-06-01").selfPay("4600.00").send();
            assertEquals(fen("650.00"), s.assistance("c1"));
        }
    }

    @Nested
    class E10_Tilt {
        @Test
        void onApplicationNothingUntilTheApplicationThenLaterClaimsAccrueAutomatically() {
            Scenario s = jiujiang().grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("80000.00").send();
            assertEquals(0, s.totalTilt());
            s.applyTilt("P", "A", 2023, "2023-03-01");
            assertEquals(fen("7500.00"), s.tiltOf("A"), "cumR 30,000: 50% × (30,000 − 15,000)");
            s.claim("P", "c2", "inpatient").on("2023-04-01").selfPay("4000.00").send();
            assertEquals(fen("2000.00"), s.tilt("c2"), "c2 adds 4,000 to cumR (cap used up): +2,000");
        }

        @Test
        void nanjingTiltIsAutomatic() {
            Scenario s = Scenario.of("nanjing").grant("P", "minimum_living", "2023-01-01");
            s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("250000.00").send();
            assertEquals(fen("3000.00"), s.tilt("c1"), "60% × (25,000 − 20,000), no application");
        }

        @Test
        void oneTimeAssistanceUsesTheCountyDecisionInTheApplication() {
            Scenario s = Scenario.of("fangchenggang").grant("P", "illness_expenditure_hardship", "2023-09-15");
            s.claim("P", "c1", "inpatient").on("2023-03-01").selfPay("30000.00").send();
            s.engine.application(s.person("P"), new org.medassist.engine.model.AidApplication("A", "P", "fangchenggang",
                    2023, true, java.time.LocalDate.parse("2023-10-01"), fen("12000.00"), fen("5000.00"), 700_000), s);
            assertEquals(fen("5000.00"), s.tiltOf("A"), "70% × (30,000 − 12,000) = 12,600, capped by the county at 5,000");
        }
    }

    @Test
    void e11_yearCloseTopUpIsAdjustedByClaimsThatArriveAfterIt() {
        Scenario s = Scenario.of("jiangyin").grant("P", "registered_low_income", "2023-01-01");
        s.claim("P", "c1", "inpatient").stay("2023-02-01", "2023-02-10").scope("50000.00", "20000.00").send();
        s.closeYear(2023);
        assertEquals(fen("1000.00"), s.tiltOf("year_close:jiangyin:2023"));
        s.claim("P", "late", "inpatient").stay("2023-12-01", "2023-12-10").scope("10000.00", "8000.00").send();
        assertEquals(fen("5600.00"), s.assistance("late"), "a claim for a closed year is still settled");
        assertEquals(fen("2400.00"), s.tiltOf("year_close:jiangyin:2023"), "+ (2,400 − 1,000) for the late stay");
        assertEquals(ResultStatus.ADJUSTMENT, s.settlements.get(s.settlements.size() - 1).status());
    }

    @Test
    void e12_otherPayerLinesNeverCountTowardACap() {
        Scenario s = Scenario.of("jiyuan").grant("P", "minimum_living", "2022-01-01");
        s.claim("P", "c1", "inpatient").on("2022-06-01").scope("50000.00", "40000.00").outOfScope("20000.00").level("primary").send();
        s.claim("P", "c2", "inpatient").on("2022-07-01").selfPay("10000.00").send();
        assertEquals(fen("28000.00"), s.assistance("c1"));
        assertEquals(fen("18250.00"), s.last("c1").hospitalBorne(), "20,000 − 2.5% × 70,000");
        assertEquals(fen("2000.00"), s.assistance("c2"), "room is 30,000 − 28,000: the hospital-borne line is not assistance");
    }

    @Nested
    class E13_Monitoring {
        @Test
        void firesOncePerPersonYearPerRule_andAgainNextYear() {
            Scenario s = Scenario.of("fangchenggang");
            s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("10000.00").send();
            s.claim("P", "c2", "inpatient").on("2023-03-01").selfPay("10000.00").send();
            s.claim("P", "c3", "inpatient").on("2024-03-01").selfPay("10000.00").send();
            assertEquals(2, s.alerts.size());
            assertEquals("c1", s.alerts.get(0).claimId());
            assertEquals("2023-02", s.alerts.get(0).month());
            assertEquals(2024, s.alerts.get(1).year());
        }

        @Test
        void yiShangIsInclusive_chaoGuoIsExclusive() {
            Scenario fcg = Scenario.of("fangchenggang");
            fcg.claim("R", "c1", "outpatient").on("2023-02-01").selfPay("10000.00").send();
            assertEquals(1, fcg.alerts.size(), "1万元以上 counts exactly 10,000.00");
            Scenario jy = Scenario.of("jiyuan").grant("P", "marginal_low_income", "2022-01-01");
            jy.claim("P", "c1", "outpatient").on("2022-06-01").selfPay("16000.00").send();
            assertEquals(0, jy.alerts.size(), "超过 16,000 does not count 16,000.00");
            jy.claim("P", "c2", "outpatient").on("2022-06-02").selfPay("0.01").send();
            assertEquals(1, jy.alerts.size());
        }

        @Test
        void jiujiangAndNanjingShipAFiftyPercentOfIncomeDefaultOnTheirMeasure_exclusive() {
            Scenario jj = jiujiang().grant("P", "marginal_low_income", "2023-01-01");
            jj.claim("P", "c1", "outpatient").on("2023-02-01").selfPay("15000.00").send();
            assertEquals(0, jj.alerts.size(), "ordinary outpatient is not covered for class 3: R = 15,000 = 50% × I, not above");
            jj.claim("P", "c2", "outpatient").on("2023-02-02").selfPay("0.01").send();
            assertEquals("R", jj.alerts.get(0).measure());
            Scenario nj = Scenario.of("nanjing").param(2023, "per_capita_disposable_income", "70000.00")
                    .grant("P", "marginal_low_income", "2023-01-01");
            nj.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("35000.00").send();
            assertEquals(0, nj.alerts.size(), "the default is exclusive (E14.3)");
            nj.claim("P", "c2", "inpatient").on("2023-02-02").selfPay("0.01").send();
            assertEquals("S", nj.alerts.get(0).measure());
        }

        @Test
        void jiangyinHasNoAlertRules() {
            Scenario s = Scenario.of("jiangyin");
            s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("500000.00").send();
            assertTrue(s.alerts.isEmpty());
        }
    }
}
