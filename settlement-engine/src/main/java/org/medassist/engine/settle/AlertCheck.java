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

/** Evaluates the region's alert rules after a claim: each fires once per person-year, in the claim's month (E13). */
final class AlertCheck {
    private AlertCheck() {}

    static void apply(ParameterBook params, RegionPolicy p, MedicalClaim c, YearTotals t, List<Spell> spells, String personId,
                      Computation comp) {
        List<AlertRule> rules = p.alerts();
        for (int i = 0; i < rules.size(); i++) {
            long bit = 1L << i;
            if ((t.alertsFired & bit) != 0) continue;
            AlertRule rule = rules.get(i);
            if (!inPopulation(p, rule, spells)) continue;
            long threshold = params.resolve(p, rule.threshold(), c.date());
            if (threshold == ParameterBook.MISSING) {
                comp.line("alert " + rule.key() + " not evaluated: " + ParameterBook.missingReason(p, rule.threshold(), c.date()));
                continue;
            }
            long value = switch (rule.measure()) {
                case S -> t.sumS;
                case R -> t.residual();
                case BURDEN -> t.burden();
            };
            if (!rule.crossed(value, threshold)) continue;
            t.alertsFired |= bit;
            String month = c.date().toString().substring(0, 7);
            comp.alerts.add(new MonitoringAlert(personId + "/" + c.year() + "/" + rule.key(), personId, p.region(), c.year(),
                    month, rule.key(), rule.measure().symbol(), value, threshold, rule.recipients(), c.claimId(), c.hospitalId()));
            comp.line("alert " + rule.key() + ": " + rule.measure().symbol() + " " + Fmt.y(value)
                    + (rule.inclusive() ? " ≥ " : " > ") + Fmt.y(threshold) + " " + rule.source().cite()
                    + ParameterBook.citeDated(p, rule.threshold(), c.date()));
        }
    }

    private static boolean inPopulation(RegionPolicy p, AlertRule rule, List<Spell> spells) {
        boolean recipient = false;
        for (Spell s : spells) {
            if (rule.identities().contains(s.identity())) return true;
            if (p.assistanceIdentities().contains(s.identity())) recipient = true;
        }
        return rule.residents() && !recipient;
    }
}
