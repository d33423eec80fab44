package org.medassist.engine.settle;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.medassist.engine.ledger.Computation;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.CareKind;
import org.medassist.engine.model.CareLocation;
import org.medassist.engine.policy.OtherPayerRules;
import org.medassist.engine.policy.Rates;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.Tier;

/**
 * The lines beside assistance that are never assistance (DECISIONS E12): relief, hospital-borne excess, KPI flags.
 * {@link #apply} sets the amounts and flags while settling; {@link #explain} renders their explanation lines from the
 * same claim, tier and amounts when they are read. Both test the same conditions in the same order.
 */
final class OtherPayerLines {
    private OtherPayerLines() {}

    /** The KPI flag names by region, built once. */
    private static final Map<String, String> OUT_OF_SCOPE_FLAG = new ConcurrentHashMap<>();
    private static final Map<String, String> RESIDUAL_FLAG = new ConcurrentHashMap<>();

    static void apply(RegionPolicy p, MedicalClaim c, Tier tier, Computation comp) {
        if (tier == null) return; // these lines concern recipients only
        if (tier.outOfScopeReliefPpm() > 0 && c.outOfScope() > 0) {
            long limit = Rates.apply(tier.outOfScopeReliefPpm(), c.total());
            comp.localFinanceRelief = Math.min(c.outOfScope(), limit);
        }
        OtherPayerRules op = p.otherPayers();
        if (op.hospitalBorneLimitPpmByLevel() != null && op.hospitalBorneKinds().contains(c.kind())) {
            int ppm = op.hospitalBorneLimitPpmByLevel()[c.hospitalLevel().ordinal()];
            long limit = Rates.apply(ppm, c.total());
            comp.hospitalBorne = Math.max(0, c.outOfScope() - limit);
        }
        if (outOfScopeKpi(op, c)) comp.kpiFlag(OUT_OF_SCOPE_FLAG.computeIfAbsent(p.region(), r -> r + "/kpi/out-of-scope-share"));
        if (residualKpi(op, c, comp)) comp.kpiFlag(RESIDUAL_FLAG.computeIfAbsent(p.region(), r -> r + "/kpi/residual-share"));
    }

    static void explain(RegionPolicy p, MedicalClaim c, Tier tier, Computation comp, List<String> lines) {
        if (tier == null) return;
        if (tier.outOfScopeReliefPpm() > 0 && c.outOfScope() > 0) {
            lines.add("out-of-scope relief (local finance or charity, not assistance) min(OOS " + Fmt.y(c.outOfScope())
                    + ", " + Rates.percent(tier.outOfScopeReliefPpm()) + " × total " + Fmt.y(c.total()) + ") = "
                    + Fmt.y(comp.localFinanceRelief) + " " + tier.outOfScopeReliefSource().cite());
        }
        OtherPayerRules op = p.otherPayers();
        if (op.hospitalBorneLimitPpmByLevel() != null && op.hospitalBorneKinds().contains(c.kind())) {
            int ppm = op.hospitalBorneLimitPpmByLevel()[c.hospitalLevel().ordinal()];
            long limit = Rates.apply(ppm, c.total());
            long borne = comp.hospitalBorne;
            if (borne > 0) {
                lines.add("hospital bears out-of-scope above " + Rates.percent(ppm) + " × total " + Fmt.y(c.total())
                        + " = " + Fmt.y(limit) + ": " + Fmt.y(c.outOfScope()) + " − " + Fmt.y(limit) + " = "
                        + Fmt.y(borne) + " " + op.hospitalBorneSource().cite());
            }
        }
        if (outOfScopeKpi(op, c)) {
            lines.add("KPI: out-of-scope " + Fmt.y(c.outOfScope()) + " exceeds " + Rates.percent(op.outOfScopeKpiPpm())
                    + " of total " + Fmt.y(c.total()) + " " + op.outOfScopeKpiSource().cite());
        }
        if (residualKpi(op, c, comp)) {
            lines.add("KPI: in-city inpatient residual " + Fmt.y(comp.remaining) + " exceeds "
                    + Rates.percent(op.residualKpiPpm()) + " of policy-scope cost " + Fmt.y(c.policyScope())
                    + " " + op.residualKpiSource().cite());
        }
    }

    private static boolean outOfScopeKpi(OtherPayerRules op, MedicalClaim c) {
        return op.outOfScopeKpiPpm() > 0 && c.outOfScope() > Rates.apply(op.outOfScopeKpiPpm(), c.total());
    }

    private static boolean residualKpi(OtherPayerRules op, MedicalClaim c, Computation comp) {
        return op.residualKpiPpm() > 0 && c.kind() == CareKind.INPATIENT && c.location() == CareLocation.IN_CITY
                && comp.remaining > Rates.apply(op.residualKpiPpm(), c.policyScope());
    }
}
