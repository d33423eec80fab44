package org.medassist.engine.settle;

import java.time.LocalDate;
import org.medassist.engine.ledger.YearTotals;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.ResidualTilt;
import org.medassist.engine.policy.TargetRatioTilt;
import org.medassist.engine.policy.Rates;

/**
 * The tilt a person-year has accrued so far, from its running totals. Claims and applications both pay the part of
 * it not yet paid, so on-application and automatic tilt share this arithmetic.
 */
final class TiltAccrual {
    private TiltAccrual() {}

    static boolean payable(RegionPolicy p, YearTotals t) {
        if (p.residualTilt() != null) return !p.residualTilt().onApplication() || t.tiltApplied;
        if (p.targetTilt() != null) return !p.targetTilt().onApplication() || t.tiltApplied;
        return false;
    }

    /** The residual tilt's threshold in force on {@code day}, 0 when not needed, or MISSING. */
    static long threshold(ParameterBook params, RegionPolicy p, LocalDate day) {
        ResidualTilt rt = p.residualTilt();
        return rt == null ? 0 : params.resolve(p, rt.threshold(), day);
    }

    static long cap(ParameterBook params, RegionPolicy p, LocalDate day) {
        ResidualTilt rt = p.residualTilt();
        return rt == null || rt.cap() == null ? -1 : params.resolve(p, rt.cap(), day);
    }

    /** Accrued tilt given a resolved threshold and cap (cap −1 means none). */
    static long accrued(RegionPolicy p, YearTotals t, long threshold, long cap) {
        ResidualTilt rt = p.residualTilt();
        if (rt != null) {
            if (rt.requiresConventionalCapReached() && !t.capReached) return 0;
            long amount = Rates.apply(rt.ratePpm(), Math.max(0, t.tiltBase - threshold));
            return cap >= 0 ? Math.min(cap, amount) : amount;
        }
        TargetRatioTilt tt = p.targetTilt();
        if (tt == null || t.targetTrigger < tt.triggerFen()) return 0;
        long amount = 0;
        for (int g = 0; g < tt.groupTargetPpm().length; g++) {
            long allowed = Rates.apply(Rates.ONE - tt.groupTargetPpm()[g], t.targetScope[g]);
            amount += Math.max(0, t.targetResidual[g] - allowed);
        }
        return Math.min(amount, Math.max(0, tt.totalCapFen() - t.conventionalPaid));
    }
}
