package org.medassist.engine.settle;

import java.time.LocalDate;
import java.util.List;
import org.medassist.engine.ledger.Computation;
import org.medassist.engine.ledger.Entry;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.model.AidApplication;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.CareLocation;
import org.medassist.engine.policy.OneTimeAssistance;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.Rates;
import org.medassist.engine.policy.YearEndTopUp;
import org.medassist.engine.timeline.Spell;

/**
 * Items computed from a whole person-year after its claims: Jiangyin's year-end top-up (E11) and Fangchenggang's
 * one-time assistance over its look-back window (E8, FCG-A11). They read the claims' current amounts and never
 * change the year's totals, so they can be refreshed whenever a claim changes.
 */
final class EndItems {
    private static final Eligibility ELIGIBILITY = new Eligibility();

    private EndItems() {}

    static void compute(RegionPolicy p, PersonLedger ledger, PersonYear py) {
        long oneTimePaid = 0;
        for (Entry e : py.entries) {
            if (!e.isEndItem()) continue;
            if (py.parkedFrom >= 0) {
                e.computed = Computation.parked("waiting for the parked claims of " + py.region + " " + py.year);
            } else if (e.kind == Entry.Kind.YEAR_END) {
                e.computed = yearEnd(p, ledger, py);
            } else {
                e.computed = oneTime(p, ledger, e.application, oneTimePaid);
                oneTimePaid += e.computed.tilt;
            }
        }
    }

    private static Computation yearEnd(RegionPolicy p, PersonLedger ledger, PersonYear py) {
        YearEndTopUp rule = p.yearEnd();
        Computation comp = new Computation();
        long total = 0;
        for (Entry e : py.entries) {
            if (e.kind != Entry.Kind.CLAIM || e.reversed() || e.computed == null || e.computed.isParked()) continue;
            MedicalClaim c = e.claim;
            if (c.location() != CareLocation.IN_CITY || !rule.classes().contains(p.classifier().classify(c))) continue;
            if (!holds(p, ledger.timeline.spells(), c, rule.identity())) continue;
            long residual = c.selfPay() - e.computed.assistance - e.computed.tilt;
            long allowed = Rates.apply(rule.shareOfScopePpm(), c.policyScope());
            long topUp = Math.max(0, residual - allowed);
            total += topUp;
            comp.line("claim " + c.claimId() + ": residual " + Fmt.y(residual) + " − " + Rates.percent(rule.shareOfScopePpm())
                    + " × policy-scope " + Fmt.y(c.policyScope()) + " → top-up " + Fmt.y(topUp) + " " + rule.source().cite());
        }
        long room = Math.max(0, rule.capFen() - py.totals.capPaid[rule.capPool()]);
        long paid = Math.min(total, room);
        if (paid < total) {
            comp.line("annual cap " + Fmt.y(rule.capFen()) + " leaves room " + Fmt.y(room) + " " + rule.capSource().cite());
        }
        comp.tilt = paid;
        comp.line("year-end top-up " + Fmt.y(paid));
        return comp;
    }

    private static Computation oneTime(RegionPolicy p, PersonLedger ledger, AidApplication a, long paidBefore) {
        OneTimeAssistance rule = p.oneTime();
        Computation comp = new Computation();
        comp.identity = rule.identity();
        LocalDate recognized = null;
        for (Spell s : ledger.timeline.spells()) {
            if (s.region().equals(p.region()) && s.identity().equals(rule.identity())
                    && !s.recognized().isAfter(a.filedDate()) && (recognized == null || s.recognized().isAfter(recognized))) {
                recognized = s.recognized();
            }
        }
        if (recognized == null) {
            comp.line("no " + rule.identity() + " recognition on or before " + a.filedDate()
                    + ": nothing is paid until the department's recognition arrives " + rule.source().cite());
            return comp;
        }
        // day-based (FCG-A11); like Nanjing's 救助期 the window the document grants may reach before its start (E14.9's
        // worked example counts a claim of 2022-06-10, before 2022-08-01)
        LocalDate from = recognized.minusMonths(rule.lookBackMonths());
        LocalDate to = recognized.minusDays(1);
        long sum = 0;
        for (PersonYear other : ledger.years(p.region())) {
            for (Entry e : other.entries) {
                if (e.kind != Entry.Kind.CLAIM || e.reversed() || e.computed == null || e.computed.isParked()) continue;
                MedicalClaim c = e.claim;
                if (c.date().isBefore(from) || c.date().isAfter(to)) continue;
                if (rule.inProvinceOnly() && !c.location().inProvince()) continue;
                sum += c.selfPay() - e.computed.assistance;
            }
        }
        long deductible = a.decisionDeductible() >= 0 ? a.decisionDeductible() : rule.defaultDeductibleFen();
        int rate = a.decisionRatePpm() >= 0 ? a.decisionRatePpm() : rule.defaultRatePpm();
        long cap = a.decisionCap() >= 0 ? a.decisionCap() : rule.defaultCapFen();
        long amount = Rates.apply(rate, Math.max(0, sum - deductible));
        long room = Math.max(0, cap - paidBefore);
        comp.tilt = Math.min(amount, room);
        comp.eligible = Math.max(0, sum - deductible);
        comp.line("one-time assistance: recognized " + recognized + ", window " + from + " … " + to + ", residual "
                + Fmt.y(sum) + " " + rule.source().cite());
        comp.line("county decision: deductible " + Fmt.y(deductible) + ", rate " + Rates.percent(rate) + ", cap "
                + Fmt.y(cap) + (a.decisionDeductible() < 0 && a.decisionRatePpm() < 0 && a.decisionCap() < 0
                ? " (the bounds, no decision given)" : "") + ": " + Rates.percent(rate) + " × (" + Fmt.y(sum) + " − "
                + Fmt.y(deductible) + ") = " + Fmt.y(amount) + " → " + Fmt.y(comp.tilt) + " " + rule.standardSource().cite());
        return comp;
    }

    /**
     * Whether the identity covers the claim as this policy covers claims: under its timing table, and not before it
     * took effect (E14.17), so a stay the policy did not cover earns no top-up.
     */
    private static boolean holds(RegionPolicy p, List<Spell> spells, MedicalClaim c, String identity) {
        for (Spell s : ELIGIBILITY.applicable(p, spells, c)) if (s.identity().equals(identity)) return true;
        return false;
    }
}
