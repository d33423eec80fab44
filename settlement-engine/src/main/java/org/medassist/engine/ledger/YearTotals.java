package org.medassist.engine.ledger;

/**
 * A person-year's running totals: deductibles met, band positions, caps used, tilt state and the three monitoring
 * measures. Plain primitives, reset and refolded on recomputation, so the incremental path and the recompute path
 * are the same fold (DECISIONS E1).
 */
public final class YearTotals {
    public final long[] deductibleCum;
    public final long[] classCum;
    public final long[] capPaid;
    public long conventionalPaid;

    public long tiltBase;
    public boolean capReached;
    public long targetTrigger;
    public final long[] targetResidual;
    public final long[] targetScope;
    public long tiltPaid;
    public boolean tiltApplied;

    public long sumS;
    public long sumAssistance;
    public long sumTilt;
    public long sumOutOfScope;

    /** MonitoringAlert rules already fired; not reset, because an alert once published stays published. */
    public long alertsFired;

    public YearTotals(int deductiblePools, int classes, int capPools, int targetGroups) {
        deductibleCum = longs(deductiblePools);
        classCum = longs(classes);
        capPaid = longs(capPools);
        targetResidual = longs(targetGroups);
        targetScope = longs(targetGroups);
    }

    private static final long[] NONE = new long[0];

    /** An array of n zeros; the one empty array when n is 0 (most regions have no target groups), which never changes. */
    private static long[] longs(int n) { return n == 0 ? NONE : new long[n]; }

    public void reset() {
        java.util.Arrays.fill(deductibleCum, 0);
        java.util.Arrays.fill(classCum, 0);
        java.util.Arrays.fill(capPaid, 0);
        java.util.Arrays.fill(targetResidual, 0);
        java.util.Arrays.fill(targetScope, 0);
        conventionalPaid = tiltBase = targetTrigger = tiltPaid = 0;
        capReached = tiltApplied = false;
        sumS = sumAssistance = sumTilt = sumOutOfScope = 0;
    }

    /** A copy of these totals (see {@link PersonYear#mark}). */
    public YearTotals copy() {
        YearTotals t = new YearTotals(deductibleCum.length, classCum.length, capPaid.length, targetResidual.length);
        t.copyFrom(this);
        return t;
    }

    /** Makes these totals equal to {@code o}'s, which must be shaped for the same region (a benchmark restores warm state). */
    public void copyFrom(YearTotals o) {
        System.arraycopy(o.deductibleCum, 0, deductibleCum, 0, deductibleCum.length);
        System.arraycopy(o.classCum, 0, classCum, 0, classCum.length);
        System.arraycopy(o.capPaid, 0, capPaid, 0, capPaid.length);
        System.arraycopy(o.targetResidual, 0, targetResidual, 0, targetResidual.length);
        System.arraycopy(o.targetScope, 0, targetScope, 0, targetScope.length);
        conventionalPaid = o.conventionalPaid;
        tiltBase = o.tiltBase;
        capReached = o.capReached;
        targetTrigger = o.targetTrigger;
        tiltPaid = o.tiltPaid;
        tiltApplied = o.tiltApplied;
        sumS = o.sumS;
        sumAssistance = o.sumAssistance;
        sumTilt = o.sumTilt;
        sumOutOfScope = o.sumOutOfScope;
        alertsFired = o.alertsFired;
    }

    /** R: what remains within policy scope after assistance and tilt. */
    public long residual() { return sumS - sumAssistance - sumTilt; }

    /** Burden: R plus out-of-scope costs. */
    public long burden() { return residual() + sumOutOfScope; }
}
