package org.medassist.engine.settle;

import java.util.List;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.ledger.Computation;
import org.medassist.engine.ledger.Entry;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.ledger.YearInfo;
import org.medassist.engine.ledger.YearTotals;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.ResidualTilt;

/**
 * Recomputes a person's years from their events (E1): resets the totals, folds the entries in receipt order with
 * the same step the incremental path uses, refreshes the end items, then publishes the differences.
 */
public final class PersonYearFold {
    private final ClaimSettler settler;
    private final ParameterBook params;

    public PersonYearFold(ClaimSettler settler, ParameterBook params) {
        this.settler = settler;
        this.params = params;
    }

    public void recompute(RegionPolicy p, PersonLedger ledger, EngineOutput out) {
        List<PersonYear> years = refold(p, ledger);
        for (PersonYear py : years) {
            for (Entry e : py.entries) Publisher.publish(p, ledger.personId, py, e, out);
        }
    }

    /** Refolds one person-year and its end items without publishing: the derived state only. */
    public void refoldYear(RegionPolicy p, PersonLedger ledger, PersonYear py) {
        fold(p, ledger, py);
        EndItems.compute(p, ledger, py);
    }

    /** Refolds every person-year of the region without publishing: the derived state only. */
    public List<PersonYear> refold(RegionPolicy p, PersonLedger ledger) {
        List<PersonYear> years = ledger.years(p.region());
        for (PersonYear py : years) fold(p, ledger, py);
        for (PersonYear py : years) EndItems.compute(p, ledger, py);
        return years;
    }

    /**
     * After a claim is appended, refreshes the end items that may read it: the year-end top-up of the claim's own year,
     * and any one-time assistance of the region (its window spans years). Years holding neither are not loaded.
     */
    public void refreshEndItems(RegionPolicy p, PersonLedger ledger, MedicalClaim c, EngineOutput out) {
        if (p.yearEnd() == null && p.oneTime() == null) return;
        if (!ledger.endItemsRead(p.region(), c.year())) return;
        for (YearInfo y : ledger.index(p.region())) {
            if (!y.oneTime() && !(y.yearEnd() && y.year() == c.year())) continue;
            PersonYear py = ledger.year(p.region(), y.year());
            EndItems.compute(p, ledger, py);
            for (Entry e : py.entries) if (e.isEndItem()) Publisher.publish(p, ledger.personId, py, e, out);
        }
    }

    public String queuedReason(PersonYear py) {
        Entry first = py.entries.get(py.parkedFrom);
        return "queued behind parked " + first.label() + " (claims apply in receipt order): "
                + first.computed.parkedReason;
    }

    private void fold(RegionPolicy p, PersonLedger ledger, PersonYear py) {
        YearTotals t = py.totals;
        long alertsBefore = t.alertsFired;
        t.reset();
        py.parkedFrom = -1;
        for (int i = 0; i < py.entries.size(); i++) {
            Entry e = py.entries.get(i);
            if (e.reversed() || e.isEndItem()) continue;
            if (py.parkedFrom >= 0) {
                e.computed = Computation.parked(queuedReason(py));
                continue;
            }
            e.computed = e.kind == Entry.Kind.CLAIM
                    ? settler.settle(p, ledger.timeline.spells(), e.claim, t, ledger.personId)
                    : tiltApplication(p, t, py.year, e.application.filedDate());
            if (e.computed.isParked()) py.parkedFrom = i;
        }
        if (py.parkedFrom >= 0) t.alertsFired = alertsBefore; // nothing of a blocked fold is published
    }

    /**
     * An application switches on-application tilt on and pays what has accrued so far (E10). Its figures are those
     * in force on the day it was filed, or on the year's last day when it was filed after the year (docs/engine.md).
     */
    private Computation tiltApplication(RegionPolicy p, YearTotals t, int year, java.time.LocalDate filed) {
        java.time.LocalDate day = filed == null || filed.getYear() > year ? java.time.LocalDate.of(year, 12, 31)
                : filed.getYear() < year ? java.time.LocalDate.of(year, 1, 1) : filed;
        long threshold = 0;
        long cap = -1;
        ResidualTilt rt = p.residualTilt();
        if (rt != null && (!rt.requiresConventionalCapReached() || t.capReached)) {
            threshold = TiltAccrual.threshold(params, p, day);
            if (threshold == ParameterBook.MISSING) return Computation.parked(ParameterBook.missingReason(p, rt.threshold(), day));
            cap = TiltAccrual.cap(params, p, day);
        }
        t.tiltApplied = true;
        Computation comp = new Computation();
        comp.line("application received: tilt is paid from now on as it accrues "
                + (rt != null ? rt.source().cite() : p.targetTilt().source().cite()));
        TiltCapture why = new TiltCapture();
        comp.tilt = ClaimSettler.payTilt(p, t, threshold, cap, day, why);
        comp.line(why.tiltLine(p));
        t.sumTilt += comp.tilt;
        return comp;
    }
}
