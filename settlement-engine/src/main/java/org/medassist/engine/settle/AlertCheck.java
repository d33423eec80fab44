package org.medassist.engine.settle;

import java.util.List;
import org.medassist.engine.ledger.Computation;
import org.medassist.engine.ledger.YearTotals;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.policy.AlertRule;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.timeline.Spell;

/**
 * Evaluates the region's alert rules after a claim: each fires once per person-year, in the claim's month (E13). The
 * explanation records which rules fired or could not be evaluated; {@link ClaimExplanation} renders their lines.
 */
final class AlertCheck {
    private AlertCheck() {}

    static void apply(ParameterBook params, RegionPolicy p, MedicalClaim c, YearTotals t, List<Spell> spells, String personId,
                      Computation comp, ClaimExplanation why) {
        List<AlertRule> rules = p.alerts();
        for (int i = 0; i < rules.size(); i++) {
            long bit = 1L << i;
            if ((t.alertsFired & bit) != 0) continue;
            AlertRule rule = rules.get(i);
            if (!inPopulation(p, rule, spells)) continue;
            long threshold = params.resolve(p, rule.threshold(), c.date());
            if (threshold == ParameterBook.MISSING) {
                why.alertsNotEvaluated |= bit;
                continue;
            }
            long value = switch (rule.measure()) {
                case S -> t.sumS;
                case R -> t.residual();
                case BURDEN -> t.burden();
            };
            if (!rule.crossed(value, threshold)) continue;
            t.alertsFired |= bit;
            why.alertsFired |= bit;
            String month = c.date().toString().substring(0, 7);
            comp.alert(new MonitoringAlert(personId + "/" + c.year() + "/" + rule.key(), personId, p.region(), c.year(),
                    month, rule.key(), rule.measure().symbol(), value, threshold, rule.recipients(), c.claimId(), c.hospitalId()));
        }
    }

    private static boolean inPopulation(RegionPolicy p, AlertRule rule, List<Spell> spells) {
        boolean recipient = false;
        for (int i = 0; i < spells.size(); i++) {
            Spell s = spells.get(i);
            if (rule.identities().contains(s.identity())) return true;
            if (p.assistanceIdentities().contains(s.identity())) recipient = true;
        }
        return rule.residents() && !recipient;
    }
}
