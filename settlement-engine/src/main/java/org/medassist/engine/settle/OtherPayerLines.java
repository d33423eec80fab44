package org.medassist.engine.settle;

import org.medassist.engine.ledger.Computation;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.CareKind;
import org.medassist.engine.model.CareLocation;
import org.medassist.engine.policy.OtherPayerRules;
import org.medassist.engine.policy.Rates;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.Tier;

/** The lines beside assistance that are never assistance (DECISIONS E12): relief, hospital-borne excess, KPI flags. */
final class OtherPayerLines {
    private OtherPayerLines() {}

    static void apply(RegionPolicy p, MedicalClaim c, Tier tier, Computation comp) {
        if (tier == null) return; // these lines concern recipients only
        if (tier.outOfScopeReliefPpm() > 0 && c.outOfScope() > 0) {
            long limit = Rates.apply(tier.outOfScopeReliefPpm(), c.total());
            comp.localFinanceRelief = Math.min(c.outOfScope(), limit);
            comp.line("out-of-scope relief (local finance or charity, not assistance) min(OOS " + Fmt.y(c.outOfScope())
                    + ", " + Rates.percent(tier.outOfScopeReliefPpm()) + " × total " + Fmt.y(c.total()) + ") = "
                    + Fmt.y(comp.localFinanceRelief) + " " + tier.outOfScopeReliefSource().cite());
        }
        OtherPayerRules op = p.otherPayers();
        if (op.hospitalBorneLimitPpmByLevel() != null && op.hospitalBorneKinds().contains(c.kind())) {
            int ppm = op.hospitalBorneLimitPpmByLevel()[c.hospitalLevel().ordinal()];
            long limit = Rates.apply(ppm, c.total());
            long borne = Math.max(0, c.outOfScope() - limit);
            comp.hospitalBorne = borne;
            if (borne > 0) {
                comp.line("hospital bears out-of-scope above " + Rates.percent(ppm) + " × total " + Fmt.y(c.total())
                        + " = " + Fmt.y(limit) + ": " + Fmt.y(c.outOfScope()) + " − " + Fmt.y(limit) + " = "
                        + Fmt.y(borne) + " " + op.hospitalBorneSource().cite());
            }
        }
        if (op.outOfScopeKpiPpm() > 0 && c.outOfScope() > Rates.apply(op.outOfScopeKpiPpm(), c.total())) {
            comp.kpiFlags.add(p.region() + "/kpi/out-of-scope-share");
            comp.line("KPI: out-of-scope " + Fmt.y(c.outOfScope()) + " exceeds " + Rates.percent(op.outOfScopeKpiPpm())
                    + " of total " + Fmt.y(c.total()) + " " + op.outOfScopeKpiSource().cite());
        }
        if (op.residualKpiPpm() > 0 && c.kind() == CareKind.INPATIENT && c.location() == CareLocation.IN_CITY) {
            long limit = Rates.apply(op.residualKpiPpm(), c.policyScope());
            if (comp.remaining > limit) {
                comp.kpiFlags.add(p.region() + "/kpi/residual-share");
                comp.line("KPI: in-city inpatient residual " + Fmt.y(comp.remaining) + " exceeds "
                        + Rates.percent(op.residualKpiPpm()) + " of policy-scope cost " + Fmt.y(c.policyScope())
                        + " " + op.residualKpiSource().cite());
            }
        }
    }
}
