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
final class TiltCapture {
    private boolean capReached;
    private long accrued;
    private long paidBefore;
    private long pay;
    private long base;      // residual: cumR; target: the year's residual against the trigger
    private long threshold; // residual: the threshold; target: the room left under the total cap
    private long cap;       // residual: the cap, -1 for none
    private LocalDate day;
    private long[] groups;  // target: residual and scope of each group

    /** Takes the figures the line needs from the totals as they are now, after paying {@code pay}. */
    void capture(RegionPolicy p, YearTotals t, long threshold, long cap, long accrued, long pay, LocalDate day) {
        this.cap = cap;
        this.accrued = accrued;
        this.pay = pay;
        this.paidBefore = t.tiltPaid - pay;
        this.day = day;
        if (p.residualTilt() != null) {
            this.threshold = threshold;
            capReached = t.capReached;
            base = t.tiltBase;
            return;
        }
        TargetRatioTilt tt = p.targetTilt();
        base = t.targetTrigger;
        this.threshold = Math.max(0, tt.totalCapFen() - t.conventionalPaid);
        int n = tt.groupTargetPpm().length;
        groups = new long[2 * n];
        for (int g = 0; g < n; g++) {
            groups[2 * g] = t.targetResidual[g];
            groups[2 * g + 1] = t.targetScope[g];
        }
    }

    private long residual(int g) { return groups[2 * g]; }

    private long scope(int g) { return groups[2 * g + 1]; }

    /** The tilt line. */
    String tiltLine(RegionPolicy p) {
        return describe(p) + "; paid before " + Fmt.y(paidBefore) + ", now " + Fmt.y(pay);
    }

    private String describe(RegionPolicy p) {
        ResidualTilt rt = p.residualTilt();
        if (rt != null) {
            if (rt.requiresConventionalCapReached() && !capReached) {
                return "tilt: conventional cap not yet reached, nothing accrues " + rt.source().cite();
            }
            return "tilt accrued " + Fmt.y(accrued) + " = " + (cap >= 0 ? "min(" + Fmt.y(cap) + ", " : "(")
                    + Rates.percent(rt.ratePpm()) + " × max(0, cumR " + Fmt.y(base) + " − " + Fmt.y(threshold)
                    + ")) " + rt.source().cite() + ParameterBook.citeDated(p, rt.threshold(), day)
                    + (rt.cap() != null ? ParameterBook.citeDated(p, rt.cap(), day) : "");
        }
        TargetRatioTilt tt = p.targetTilt();
        if (base < tt.triggerFen()) {
            return "tilt: year residual " + Fmt.y(base) + " below the trigger " + Fmt.y(tt.triggerFen())
                    + " " + tt.source().cite();
        }
        StringBuilder sb = new StringBuilder("tilt accrued ").append(Fmt.y(accrued)).append(" = min(room ")
                .append(Fmt.y(threshold)).append(", ");
        for (int g = 0; g < tt.groupTargetPpm().length; g++) {
            if (g > 0) sb.append(" + ");
            sb.append("max(0, R ").append(Fmt.y(residual(g))).append(" − ")
                    .append(Rates.percent(Rates.ONE - tt.groupTargetPpm()[g])).append(" × scope ")
                    .append(Fmt.y(scope(g))).append(')');
        }
        return sb.append(") ").append(tt.targetSource().cite()).append(' ').append(tt.capSource().cite()).toString();
    }
}
