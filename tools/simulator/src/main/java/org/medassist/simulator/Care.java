package org.medassist.simulator;

import static org.medassist.simulator.Dates.between;
import static org.medassist.simulator.Dates.max;
import static org.medassist.simulator.Dates.min;
import static org.medassist.simulator.Dates.pick;
import static org.medassist.simulator.Dates.poisson;
import static org.medassist.simulator.Dates.spread;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.medassist.events.Amounts;
import org.medassist.events.Claim;
import org.medassist.events.ClaimKind;
import org.medassist.events.ClaimReversal;
import org.medassist.events.DiseaseGroup;
import org.medassist.events.HospitalLevel;
import org.medassist.events.Location;

/**
 * A person's hospital bills in one year: ordinary outpatient visits, chronic and major-disease outpatient series,
 * inpatient stays of realistic size, with basic insurance paying 50–70 % of the policy scope, critical-illness
 * insurance on big bills, some commercial insurance and some out-of-scope spending; only the claim kinds the city
 * covers, none dated before its policy takes effect. About 3 % of claims are reversed (冲正) days later, half of
 * them followed by a corrected claim. Money is fen throughout.
 */
final class Care {

    /** Critical-illness insurance pays above this yearly self-pay (a typical 大病保险 deductible). */
    private static final long CRITICAL_ILLNESS_DEDUCTIBLE = 15_000_00L;
    private static final List<String> CORRECTION_REASONS = List.of("amounts corrected", "billing error: wrong items billed");
    private static final List<String> CANCEL_REASONS = List.of("duplicate billing", "patient identity mismatch", "settled in error");

    /**
     * A person's year at the hospitals.
     *
     * @param drafts  claims, reversals and corrected claims as the hospitals send them
     * @param selfPay the year's S over the claims that stand (reversed ones taken out), fen
     */
    record Bills(List<Draft> drafts, long selfPay) {}

    /** The person's claims of {@code year} as hospitals send them, reversals and corrections included. */
    static Bills year(Random rnd, Person p, int year) {
        City c = p.city;
        LocalDate start = max(LocalDate.of(year, 1, 1), c.effectiveFrom());
        LocalDate end = LocalDate.of(year, 12, 31);
        List<Claim> claims = new ArrayList<>();
        if (start.isAfter(end)) return new Bills(List.of(), 0); // the policy is not in force yet

        if (c.claimKinds().contains(ClaimKind.outpatient)) {
            int visits = poisson(rnd, 1.6 * p.utilization);
            for (int i = 0; i < visits; i++) {
                Hospital h = rnd.nextDouble() < 0.5 ? Hospital.TOWNSHIP : rnd.nextDouble() < 0.6 ? Hospital.CITY_SECONDARY : Hospital.CITY_TERTIARY;
                claims.add(claim(rnd, p, year, claims.size(), h, ClaimKind.outpatient, null, between(rnd, start, end), 0,
                        outpatientAmounts(rnd)));
            }
        }
        if (p.condition == Person.Condition.CHRONIC && c.claimKinds().contains(ClaimKind.outpatient_chronic)) {
            int n = 4 + rnd.nextInt(7);
            DiseaseGroup group = rnd.nextDouble() < 0.15 ? DiseaseGroup.t1dm_insulin : null;
            for (LocalDate d : spread(rnd, start, end, n)) {
                Hospital h = rnd.nextDouble() < 0.6 ? Hospital.CITY_SECONDARY : Hospital.CITY_TERTIARY;
                claims.add(claim(rnd, p, year, claims.size(), h, ClaimKind.outpatient_chronic, group, d, 0,
                        seriesAmounts(rnd, 150, 900, 0.55, 0.75)));
            }
        }
        if (p.condition == Person.Condition.MAJOR) {
            // the major-disease series; a city without 重特大疾病门诊 takes it as 门诊特殊慢性病
            ClaimKind kind = c.claimKinds().contains(ClaimKind.outpatient_major) ? ClaimKind.outpatient_major
                    : c.claimKinds().contains(ClaimKind.outpatient_chronic) ? ClaimKind.outpatient_chronic : null;
            if (kind != null) {
                boolean heavy = p.disease == DiseaseGroup.esrd_dialysis || p.disease == DiseaseGroup.hemophilia
                        || p.disease == DiseaseGroup.thalassemia;
                int n = heavy ? 12 : 6 + rnd.nextInt(7);
                for (LocalDate d : spread(rnd, start, end, n)) {
                    Hospital h = rnd.nextDouble() < 0.7 ? Hospital.CITY_TERTIARY : Hospital.PROVINCIAL;
                    Amounts a = heavy ? seriesAmounts(rnd, 3_500, 9_000, 0.60, 0.75) : seriesAmounts(rnd, 2_000, 15_000, 0.55, 0.70);
                    claims.add(claim(rnd, p, year, claims.size(), h, kind, p.disease, d, 0, a));
                }
            }
        }
        if (c.claimKinds().contains(ClaimKind.inpatient)) inpatient(rnd, p, year, start, end, claims);

        List<Draft> out = new ArrayList<>(claims.size() + 2);
        int step = 100; // after the person's identity records of the same day
        long selfPay = 0;
        for (Claim cl : claims) {
            out.add(Draft.of(cl.getDischargeDate(), Draft.RANK_HOSPITAL, c.order(), p.index, step++,
                    Principal.hospital(cl.getHospitalId()), cl));
            selfPay += selfPay(cl.getAmounts());
        }
        for (Claim cl : claims) {
            if (rnd.nextDouble() >= 0.03) continue;
            LocalDate when = min(cl.getDischargeDate().plusDays(1 + rnd.nextInt(20)), end);
            if (!when.isAfter(cl.getDischargeDate())) continue; // no room left in the year
            boolean corrected = rnd.nextDouble() < 0.5;
            String reason = pick(rnd, corrected ? CORRECTION_REASONS : CANCEL_REASONS);
            Principal hospital = Principal.hospital(cl.getHospitalId());
            out.add(Draft.of(when, Draft.RANK_HOSPITAL, c.order(), p.index, step++, hospital,
                    new ClaimReversal(cl.getClaimId() + "-R", cl.getClaimId(), p.personId, c.region(), reason, cl.getHospitalId())));
            selfPay -= selfPay(cl.getAmounts());
            if (corrected) {
                Claim fixed = withAmounts(cl, cl.getClaimId() + "-C", rescale(cl.getAmounts(), 0.85 + rnd.nextDouble() * 0.13));
                out.add(Draft.of(when, Draft.RANK_HOSPITAL, c.order(), p.index, step++, hospital, fixed));
                selfPay += selfPay(fixed.getAmounts());
            }
        }
        return new Bills(out, selfPay);
    }

    /** The same claim under {@code claimId} with other amounts. */
    static Claim withAmounts(Claim c, String claimId, Amounts amounts) {
        return new Claim(claimId, c.getPersonId(), c.getRegion(), c.getHospitalId(), c.getHospitalLevel(), c.getKind(),
                c.getAdmissionDate(), c.getDischargeDate(), c.getLocation(), c.getReferred(), c.getHardship(),
                c.getDiseaseGroup(), c.getSpecialDiseaseRegistered(), amounts);
    }

    private static void inpatient(Random rnd, Person p, int year, LocalDate start, LocalDate end, List<Claim> claims) {
        double s = rnd.nextDouble() / Math.min(2.0, p.utilization);
        int stays = s < 0.07 ? 3 : s < 0.20 ? 2 : s < 0.50 ? 1 : 0;
        if (p.condition != Person.Condition.NONE && rnd.nextDouble() < 0.3) stays++;
        if (Register.AFTER_ILLNESS.contains(p.primary) && p.recognisedIn(year)) {
            // the bill that made the family poor, weeks before the recognition
            LocalDate discharge = p.recognized.minusDays(10 + rnd.nextInt(80));
            if (!discharge.isBefore(start.plusDays(20))) {
                int los = 12 + rnd.nextInt(20);
                Hospital h = rnd.nextDouble() < 0.7 ? Hospital.CITY_TERTIARY : Hospital.PROVINCIAL;
                claims.add(claim(rnd, p, year, claims.size(), h, ClaimKind.inpatient, null, discharge, los,
                        inpatientAmounts(rnd, h, true)));
            }
        }
        for (int i = 0; i < stays; i++) {
            Hospital h = inpatientHospital(rnd);
            int los = 2 + rnd.nextInt(h.level == HospitalLevel.primary ? 8 : 20);
            LocalDate discharge = between(rnd, min(start.plusDays(los), end), end);
            boolean big = rnd.nextDouble() < 0.06 * p.utilization;
            claims.add(claim(rnd, p, year, claims.size(), h, ClaimKind.inpatient, null, discharge, los, inpatientAmounts(rnd, h, big)));
        }
    }

    private static Claim claim(Random rnd, Person p, int year, int n, Hospital h, ClaimKind kind, DiseaseGroup group,
                               LocalDate discharge, int lengthOfStay, Amounts amounts) {
        City c = p.city;
        boolean referred = h.location == Location.in_city || rnd.nextDouble() < (h.location == Location.in_province ? 0.92 : 0.75);
        boolean hardship = !referred && rnd.nextDouble() < 0.4;
        LocalDate admission = null;
        if (kind == ClaimKind.inpatient) {
            admission = discharge.minusDays(lengthOfStay);
            LocalDate floor = max(LocalDate.of(year, 1, 1), c.effectiveFrom());
            if (admission.isBefore(floor)) admission = floor;
        }
        String hospitalId = h.id(c.prefix());
        return new Claim(hospitalId + "-" + year + "-" + p.number + "-" + PersonIds.pad(n + 1, 3), p.personId, c.region(),
                hospitalId, h.level, kind, admission, discharge, h.location, referred, hardship, group,
                kind != ClaimKind.outpatient && p.specialRegistered, amounts);
    }

    private static Hospital inpatientHospital(Random rnd) {
        double u = rnd.nextDouble();
        if (u < 0.36) return Hospital.CITY_TERTIARY;
        if (u < 0.64) return Hospital.CITY_SECONDARY;
        if (u < 0.80) return Hospital.TOWNSHIP;
        if (u < 0.93) return Hospital.PROVINCIAL;
        return Hospital.OUT_OF_PROVINCE;
    }

    // ------------------------------------------------------------------------------------------------ amounts (fen)

    /** An inpatient bill: policy scope mostly 5k–80k yuan (much less at a township hospital), big bills 60k–300k. */
    private static Amounts inpatientAmounts(Random rnd, Hospital h, boolean big) {
        double yuan;
        if (big) {
            yuan = 60_000 + rnd.nextDouble() * 240_000;
        } else {
            yuan = 16_000 * Math.exp(rnd.nextGaussian() * 0.7);
            yuan *= switch (h) {
                case TOWNSHIP -> 0.3;
                case CITY_SECONDARY -> 0.65;
                case PROVINCIAL -> 1.3;
                case OUT_OF_PROVINCE -> 1.7;
                default -> 1.0;
            };
            yuan = Math.max(1_200, Math.min(yuan, 300_000));
        }
        long scope = toFen(rnd, yuan);
        double basicRate = switch (h.level) {
            case primary -> 0.65 + rnd.nextDouble() * 0.05;
            case secondary -> 0.60 + rnd.nextDouble() * 0.08;
            default -> h.location == Location.out_of_province ? 0.50 + rnd.nextDouble() * 0.05 : 0.52 + rnd.nextDouble() * 0.10;
        };
        return amounts(rnd, scope, basicRate, outOfScopeShare(rnd));
    }

    private static Amounts outpatientAmounts(Random rnd) {
        double yuan = Math.max(20, Math.min(150 * Math.exp(rnd.nextGaussian() * 0.8), 1_500));
        long scope = toFen(rnd, yuan);
        double basicRate = rnd.nextDouble() < 0.3 ? 0 : 0.3 + rnd.nextDouble() * 0.2; // 门诊统筹, not always
        return amounts(rnd, scope, basicRate, rnd.nextDouble() * 0.08);
    }

    private static Amounts seriesAmounts(Random rnd, double minYuan, double maxYuan, double minRate, double maxRate) {
        long scope = toFen(rnd, minYuan + rnd.nextDouble() * (maxYuan - minYuan));
        return amounts(rnd, scope, minRate + rnd.nextDouble() * (maxRate - minRate), rnd.nextDouble() * 0.06);
    }

    private static double outOfScopeShare(Random rnd) {
        double u = rnd.nextDouble();
        return u < 0.08 ? 0.15 + rnd.nextDouble() * 0.2 : 0.02 + rnd.nextDouble() * 0.10;
    }

    /**
     * Consistent amounts: total = scope + out-of-scope; basic pays {@code basicRate} of the scope; critical-illness
     * insurance pays 60–70 % above its 15,000-yuan deductible; a few have commercial insurance (惠民保).
     */
    private static Amounts amounts(Random rnd, long scope, double basicRate, double outShare) {
        long basic = Math.round(scope * basicRate);
        long self = scope - basic;
        long critical = self > CRITICAL_ILLNESS_DEDUCTIBLE
                ? Math.round((self - CRITICAL_ILLNESS_DEDUCTIBLE) * (0.60 + rnd.nextDouble() * 0.10)) : 0;
        long other = rnd.nextDouble() < 0.04 ? Math.round((self - critical) * (0.1 + rnd.nextDouble() * 0.2)) : 0;
        long outOfScope = Math.round(scope * outShare / (1 - outShare));
        return new Amounts(scope + outOfScope, outOfScope, scope, basic, critical, other);
    }

    /** The same bill scaled (a corrected claim): shares kept, consistency kept. */
    static Amounts rescale(Amounts a, double factor) {
        long scope = Math.round(a.getPolicyScope() * factor);
        long basic = Math.min(scope, Math.round(a.getBasicInsurance() * factor));
        long critical = Math.min(scope - basic, Math.round(a.getCriticalIllness() * factor));
        long other = Math.min(scope - basic - critical, Math.round(a.getOtherInsurance() * factor));
        long out = Math.round(a.getOutOfScope() * factor);
        return new Amounts(scope + out, out, scope, basic, critical, other);
    }

    /** S = policyScope − basic − critical illness − other insurance. */
    static long selfPay(Amounts a) {
        return a.getPolicyScope() - a.getBasicInsurance() - a.getCriticalIllness() - a.getOtherInsurance();
    }

    /** Yuan to fen with realistic cents (hospital bills are itemised, rarely round). */
    private static long toFen(Random rnd, double yuan) {
        return Math.max(100, Math.round(Math.floor(yuan)) * 100 + rnd.nextInt(100));
    }
}
