package org.medassist.engine.settle;

import java.time.LocalDate;
import org.medassist.engine.ledger.YearTotals;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.Rates;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.ResidualTilt;
import org.medassist.engine.policy.TargetRatioTilt;

/**
 * The figures of one tilt payment, taken from the year's totals when it is paid, and its explanation line rendered
 * from them later: "tilt accrued … ; paid before …, now …" (see {@link TiltAccrual}).
 */
class TiltCapture {
    boolean tiltPaidHere;
    private boolean capReached;
    private long tiltBase;
    private long threshold;
    private long cap;
    private long accrued;
    private long paidBefore;
    private long pay;
    private LocalDate day;
    private long trigger;
    private long room;
    private long r0, s0, r1, s1;
    private long[] more; // residual and scope of target groups beyond the second (none in the shipped policies)

    /** Takes the figures the line needs from the totals as they are now, after paying {@code pay}. */
    final void capture(RegionPolicy p, YearTotals t, long threshold, long cap, long accrued, long pay, LocalDate day) {
        this.tiltPaidHere = true;
        this.threshold = threshold;
        this.cap = cap;
        this.accrued = accrued;
        this.pay = pay;
        this.paidBefore = t.tiltPaid - pay;
        this.day = day;
        if (p.residualTilt() != null) {
            capReached = t.capReached;
            tiltBase = t.tiltBase;
            return;
        }
        TargetRatioTilt tt = p.targetTilt();
        trigger = t.targetTrigger;
        room = Math.max(0, tt.totalCapFen() - t.conventionalPaid);
        int groups = tt.groupTargetPpm().length;
        if (groups > 0) { r0 = t.targetResidual[0]; s0 = t.targetScope[0]; }
        if (groups > 1) { r1 = t.targetResidual[1]; s1 = t.targetScope[1]; }
        if (groups > 2) {
            more = new long[2 * (groups - 2)];
            for (int g = 2; g < groups; g++) {
                more[2 * (g - 2)] = t.targetResidual[g];
                more[2 * (g - 2) + 1] = t.targetScope[g];
            }
        }
    }

    private long residual(int g) { return g == 0 ? r0 : g == 1 ? r1 : more[2 * (g - 2)]; }

    private long scope(int g) { return g == 0 ? s0 : g == 1 ? s1 : more[2 * (g - 2) + 1]; }

    /** The tilt line. */
    final String tiltLine(RegionPolicy p) {
        return describe(p) + "; paid before " + Fmt.y(paidBefore) + ", now " + Fmt.y(pay);
    }

    private String describe(RegionPolicy p) {
        ResidualTilt rt = p.residualTilt();
        if (rt != null) {
            if (rt.requiresConventionalCapReached() && !capReached) {
                return "tilt: conventional cap not yet reached, nothing accrues " + rt.source().cite();
            }
            return "tilt accrued " + Fmt.y(accrued) + " = " + (cap >= 0 ? "min(" + Fmt.y(cap) + ", " : "(")
                    + Rates.percent(rt.ratePpm()) + " × max(0, cumR " + Fmt.y(tiltBase) + " − " + Fmt.y(threshold)
                    + ")) " + rt.source().cite() + ParameterBook.citeDated(p, rt.threshold(), day)
                    + (rt.cap() != null ? ParameterBook.citeDated(p, rt.cap(), day) : "");
        }
        TargetRatioTilt tt = p.targetTilt();
        if (trigger < tt.triggerFen()) {
            return "tilt: year residual " + Fmt.y(trigger) + " below the trigger " + Fmt.y(tt.triggerFen())
                    + " " + tt.source().cite();
        }
        StringBuilder sb = new StringBuilder("tilt accrued ").append(Fmt.y(accrued)).append(" = min(room ")
                .append(Fmt.y(room)).append(", ");
        for (int g = 0; g < tt.groupTargetPpm().length; g++) {
            if (g > 0) sb.append(" + ");
            sb.append("max(0, R ").append(Fmt.y(residual(g))).append(" − ")
                    .append(Rates.percent(Rates.ONE - tt.groupTargetPpm()[g])).append(" × scope ")
                    .append(Fmt.y(scope(g))).append(')');
        }
        return sb.append(") ").append(tt.targetSource().cite()).append(' ').append(tt.capSource().cite()).toString();
    }
}
