package org.medassist.engine.settle;

import java.util.ArrayList;
import java.util.List;
import org.medassist.engine.ledger.Computation;
import org.medassist.engine.ledger.YearTotals;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.CareLocation;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.ResidualTilt;
import org.medassist.engine.policy.TargetRatioTilt;
import org.medassist.engine.policy.Tier;
import org.medassist.engine.timeline.Spell;

/**
 * The fold step for one claim: picks the tier that pays most, applies deductible, rate and cap, updates the
 * year's totals, then tilt, other-payer lines and monitoring. The incremental path and recomputation both call
 * this, which is why they agree to the fen.
 */
public final class ClaimSettler {
    private final ParameterBook params;
    private final Eligibility eligibility = new Eligibility();
    private final Candidate scratch = new Candidate();
    private final Candidate best = new Candidate();
    private final List<Spell> applicable = new ArrayList<>(4);
    private final ClaimExplanation.Others others = new ClaimExplanation.Others();
    private boolean keepExplanations = true;

    public ClaimSettler(ParameterBook params) { this.params = params; }

    /**
     * Whether a claim's computation keeps its explanation's figures once published (the default), or lets them go then
     * ({@link Computation#published}): for a caller that reads an explanation only in what is published.
     */
    public void keepExplanations(boolean keep) { this.keepExplanations = keep; }

    /** Settles {@code c} against {@code t}; when a parameter is missing it returns a parked computation and leaves t untouched. */
    public Computation settle(RegionPolicy p, List<Spell> allSpells, MedicalClaim c, YearTotals t, String personId) {
        long s = c.selfPay();
        int cls = p.classifier().classify(c);
        List<Spell> spells = eligibility.applicable(p, allSpells, c, applicable); // valid until the next claim
        others.clear();
        best.reset(null, null);
        List<Tier> tiers = p.tiers();
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            if (!tier.validOn(c.date())) continue;
            Spell q = eligibility.qualifying(p, tier, spells);
            if (q == null) continue;
            scratch.reset(tier, q);
            String missing = evaluate(p, tier, cls, c, s, t, scratch);
            if (missing != null) return Computation.parked(missing);
            if (scratch.beats(best)) {
                if (best.tier != null) others.add(best);
                best.copyFrom(scratch);
            } else {
                others.add(scratch);
            }
        }
        int capPool = cls >= 0 ? p.pools().capPoolOfClass()[cls] : -1;
        long assistance = best.eligible ? best.amount : 0;
        boolean latch = t.capReached || (best.eligible && best.cap >= 0 && capPool >= 0
                && t.capPaid[capPool] + assistance >= best.cap);

        // resolve every parameter the tilt needs before touching the totals
        long threshold = 0;
        long tiltCap = -1;
        ResidualTilt rt = p.residualTilt();
        if (rt != null && TiltAccrual.payable(p, t) && (!rt.requiresConventionalCapReached() || latch)) {
            threshold = TiltAccrual.threshold(params, p, c.date());
            if (threshold == ParameterBook.MISSING) return Computation.parked(ParameterBook.missingReason(p, rt.threshold(), c.date()));
            tiltCap = TiltAccrual.cap(params, p, c.date());
        }

        // the explanation keeps the figures; its lines are rendered when an output is read
        ClaimExplanation why = new ClaimExplanation(p, c, s, cls);
        Computation comp = new Computation(why, keepExplanations);
        why.comp = comp;
        comp.claimClass = cls;
        why.choice(best, others);
        if (best.eligible) {
            int d = p.pools().deductiblePoolOfClass()[cls];
            if (d >= 0) t.deductibleCum[d] += s;
            t.classCum[cls] += best.eligibleAmount;
            if (capPool >= 0) t.capPaid[capPool] += assistance;
            t.conventionalPaid += assistance;
        }
        comp.tier = best.tier == null ? null : best.tier.key();
        comp.identity = best.spell == null ? null : best.spell.identity();
        comp.eligible = best.eligible ? best.eligibleAmount : 0;
        comp.assistance = assistance;

        long tilt = 0;
        if (rt != null) {
            if (inResidualBase(p, rt, c, cls, spells, allSpells)) t.tiltBase += s - assistance;
            if (latch) t.capReached = true;
            if (TiltAccrual.payable(p, t)) tilt = payTilt(p, t, threshold, tiltCap, c.date(), why.tilt = new TiltCapture());
        } else if (p.targetTilt() != null) {
            addToTargetBase(p.targetTilt(), c, cls, s - assistance, spells, t);
            if (TiltAccrual.payable(p, t)) tilt = payTilt(p, t, 0, -1, c.date(), why.tilt = new TiltCapture());
        }
        comp.tilt = tilt;
        comp.remaining = s - assistance - tilt;

        t.sumS += s;
        t.sumAssistance += assistance;
        t.sumTilt += tilt;
        t.sumOutOfScope += c.outOfScope();

        OtherPayerLines.apply(p, c, best.tier, comp);
        AlertCheck.apply(params, p, c, t, spells, personId, comp, why);
        return comp;
    }

    /**
     * Pays the part of the accrued tilt not yet paid and records the figures of its explanation line in {@code why};
     * {@code day} is the date its figures were resolved for.
     */
    static long payTilt(RegionPolicy p, YearTotals t, long threshold, long cap, java.time.LocalDate day, TiltCapture why) {
        long accrued = TiltAccrual.accrued(p, t, threshold, cap);
        long pay = Math.max(0, accrued - t.tiltPaid);
        t.tiltPaid += pay;
        why.capture(p, t, threshold, cap, accrued, pay, day);
        return pay;
    }

    private String evaluate(RegionPolicy p, Tier tier, int cls, MedicalClaim c, long s, YearTotals t, Candidate cand) {
        if (!tier.covers(cls)) {
            cand.ineligible = cls < 0 ? Candidate.NO_CLASS : Candidate.CLASS_NOT_COVERED;
            return null;
        }
        boolean nonCompliant = c.location() != CareLocation.IN_CITY && !c.referred();
        if (nonCompliant && p.referral().excludeNonReferred()) {
            if (p.referral().hardshipReductionPpm() > 0 && c.hardship()) {
                cand.reductionPpm = p.referral().hardshipReductionPpm();
            } else {
                cand.ineligible = Candidate.NOT_REFERRED;
                return null;
            }
        }
        cand.eligible = true;
        long eligibleAmount = s;
        int d = p.pools().deductiblePoolOfClass()[cls];
        if (d >= 0 && tier.deductibles()[d] != null) {
            long deductible = params.resolve(p, tier.deductibles()[d], c.date());
            if (deductible == ParameterBook.MISSING) return ParameterBook.missingReason(p, tier.deductibles()[d], c.date());
            cand.deductible = deductible;
            long cum = t.deductibleCum[d];
            eligibleAmount = Math.max(0, cum + s - deductible) - Math.max(0, cum - deductible);
        }
        cand.eligibleAmount = eligibleAmount;
        long amount = tier.rates()[cls].at(c.date()).apply(t.classCum[cls], eligibleAmount, cand.reductionPpm);
        cand.beforeCap = amount;
        int cp = p.pools().capPoolOfClass()[cls];
        if (cp >= 0 && tier.caps()[cp] != null) {
            long cap = params.resolve(p, tier.caps()[cp], c.date());
            if (cap == ParameterBook.MISSING) return ParameterBook.missingReason(p, tier.caps()[cp], c.date());
            cand.cap = cap;
            amount = Math.min(amount, Math.max(0, cap - t.capPaid[cp]));
        }
        cand.amount = amount;
        return null;
    }

    private boolean inResidualBase(RegionPolicy p, ResidualTilt rt, MedicalClaim c, int cls, List<Spell> spells,
                                   List<Spell> allSpells) {
        if (cls < 0 || !rt.classes().contains(cls)) return false;
        boolean compliant = c.location() == CareLocation.IN_CITY || (c.location() == CareLocation.IN_PROVINCE && c.referred());
        if (!compliant) return false;
        if (best.eligible) return true;
        // Jiujiang: costs from before recognition, within the look-back and the same year, count with R = S
        return rt.lookBackMonths() > 0 && best.tier == null
                && eligibility.inTiltLookBack(p, allSpells, c, rt.lookBackMonths());
    }

    private static void addToTargetBase(TargetRatioTilt tt, MedicalClaim c, int cls, long residual, List<Spell> spells,
                                        YearTotals t) {
        if (cls < 0 || c.date().isAfter(tt.validUntil()) || !c.location().inProvince()) return;
        boolean holds = false;
        for (Spell sp : spells) if (tt.identities().contains(sp.identity())) holds = true;
        if (!holds) return;
        for (int g = 0; g < tt.groupClasses().length; g++) {
            for (int k : tt.groupClasses()[g]) {
                if (k == cls) {
                    t.targetTrigger += residual;
                    t.targetResidual[g] += residual;
                    t.targetScope[g] += c.policyScope();
                    return;
                }
            }
        }
    }

}
