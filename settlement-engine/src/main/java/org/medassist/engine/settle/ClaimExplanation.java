package org.medassist.engine.settle;

import java.util.List;
import org.medassist.engine.ledger.Computation;
import org.medassist.engine.model.Explanation;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.money.Money;
import org.medassist.engine.policy.AlertRule;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.Rates;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.Tier;
import org.medassist.engine.policy.Timing;
import org.medassist.engine.timeline.Coverage;
import org.medassist.engine.timeline.Spell;

/**
 * What a claim's explanation needs, recorded while {@link ClaimSettler} settles it: the claim, the tier chosen and
 * its figures, the other tiers considered, the tilt figures, which alert rules fired or could not be evaluated. The
 * lines (the base S, identity and tier, class, deductible, rate, cap, other tiers, tilt, other payers, alerts) are
 * rendered from these only when an output is read; everything read here is immutable or a copied number.
 */
final class ClaimExplanation implements Explanation.Source {
    private final RegionPolicy p;
    private final MedicalClaim c;
    private final long s;
    private final int cls;
    Computation comp;
    private Tier tier;
    private Spell spell;
    private boolean eligible;
    private int ineligible;
    private long deductible;
    private long eligibleAmount;
    private long beforeCap;
    private long cap;
    private long amount;
    private int reductionPpm;
    /** The other tiers considered, {tier, identity, amount or -1 when not eligible} triples; null when none (most claims). */
    private Object[] others;
    /** The tilt paid on this claim, when tilt is paid as it accrues; null otherwise. */
    TiltCapture tilt;
    long alertsNotEvaluated;
    long alertsFired;

    ClaimExplanation(RegionPolicy p, MedicalClaim c, long s, int cls) {
        this.p = p;
        this.c = c;
        this.s = s;
        this.cls = cls;
    }

    /** Records the tier that pays (or the best of those that do not) and the others considered. */
    void choice(Candidate best, Others others) {
        tier = best.tier;
        spell = best.spell;
        eligible = best.eligible;
        ineligible = best.ineligible;
        deductible = best.deductible;
        eligibleAmount = best.eligibleAmount;
        beforeCap = best.beforeCap;
        cap = best.cap;
        amount = best.amount;
        reductionPpm = best.reductionPpm;
        int n = others.count;
        if (n > 0) {
            Object[] kept = new Object[3 * n];
            for (int i = 0; i < n; i++) {
                kept[3 * i] = others.tiers[i];
                kept[3 * i + 1] = others.identities[i];
                kept[3 * i + 2] = others.amounts[i];
            }
            this.others = kept;
        }
    }

    /** The tiers a claim also qualified for, in the order met, kept by the settler between claims (no copies). */
    static final class Others {
        Tier[] tiers = new Tier[4];
        String[] identities = new String[4];
        long[] amounts = new long[4];
        int count;

        void clear() { count = 0; }

        void add(Candidate c) {
            if (count == tiers.length) {
                tiers = java.util.Arrays.copyOf(tiers, 2 * count);
                identities = java.util.Arrays.copyOf(identities, 2 * count);
                amounts = java.util.Arrays.copyOf(amounts, 2 * count);
            }
            tiers[count] = c.tier;
            identities[count] = c.spell.identity();
            amounts[count++] = c.eligible ? c.amount : -1;
        }
    }

    @Override
    public void renderTo(List<String> lines) {
        choiceLines(lines);
        if (tilt != null) lines.add(tilt.tiltLine(p));
        OtherPayerLines.explain(p, c, tier, comp, lines);
        alertLines(lines);
    }

    private void choiceLines(List<String> lines) {
        StringBuilder b = new StringBuilder(128);
        Money.appendYuan(b.append("S = policyScope "), c.policyScope());
        Money.appendYuan(b.append(" − basicInsurance "), c.basicInsurance());
        Money.appendYuan(b.append(" − criticalIllness "), c.criticalIllness());
        Money.appendYuan(b.append(" − otherInsurance "), c.otherInsurance());
        Money.appendYuan(b.append(" = "), s).append(" (DECISIONS E5)");
        lines.add(b.toString());
        if (tier == null) {
            if (c.date().isBefore(p.effectiveFrom())) {
                lines.add("claim dated " + c.date() + ", before " + p.name() + "'s policy took effect on " + p.effectiveFrom()
                        + " " + p.effectiveSource().cite() + ": nothing is due under it, and it uses no deductible,"
                        + " band or cap of it (E14.17): assistance 0.00");
            } else {
                lines.add("no assistance identity covers " + c.date() + " under the " + p.name() + " timing rules "
                        + p.timing().startSource().cite() + ": assistance 0.00");
            }
            return;
        }
        Spell sp = spell;
        lines.add("identity " + sp.identity() + " (" + sp.department() + ", recognized " + sp.recognized()
                + (sp.exit() != null ? ", exit " + sp.exit() : "") + ") → tier " + tier.key() + " "
                + tier.label() + " " + tier.source().cite());
        if (Coverage.byLookBackOnly(sp, p.timing(), c)) {
            Timing tm = p.timing();
            int months = tm.lookBackMonths(sp.identity());
            lines.add("dated before the ordinary start, covered by the look-back window from "
                    + Coverage.lookBackStart(sp, tm) + " (" + months + (tm.lookBackFrom() == Timing.LookBackFrom.MONTH_START
                    ? " calendar months before the recognition month" : " months before recognition") + ") "
                    + tm.lookBackSource().cite());
        }
        if (cls >= 0) {
            lines.add("claim class " + p.classifier().name(cls) + " " + p.classifier().sourceOf(cls).cite());
        }
        if (!eligible) {
            lines.add(ineligibleReason() + ": assistance 0.00");
        } else {
            if (deductible >= 0) {
                int d = p.pools().deductiblePoolOfClass()[cls];
                lines.add("annual deductible " + Fmt.y(deductible) + " (pool " + p.pools().deductiblePools().get(d)
                        + "): eligible " + Fmt.y(eligibleAmount) + " of S " + Fmt.y(s) + " "
                        + ParameterBook.cite(p, tier.deductibles()[d], c.date()));
            }
            if (reductionPpm > 0) {
                lines.add("not referred but in hardship: rate lowered by " + Rates.percent(reductionPpm) + " points "
                        + p.referral().hardshipSource().cite());
            }
            var rate = tier.rates()[cls].at(c.date()); // the value in force on the claim's date (E3)
            StringBuilder r = new StringBuilder(160).append("rate ").append(rate.describe(reductionPpm)).append(": ");
            Money.appendYuan(r, eligibleAmount).append(" → ");
            Money.appendYuan(r, beforeCap).append(' ').append(rate.source().cite());
            lines.add(r.toString());
            if (cap >= 0) {
                int cp = p.pools().capPoolOfClass()[cls];
                lines.add("annual cap " + Fmt.y(cap) + " (pool " + p.pools().capPools().get(cp) + "): "
                        + Fmt.y(beforeCap) + " → " + Fmt.y(amount) + " " + ParameterBook.cite(p, tier.caps()[cp], c.date()));
            }
        }
        if (others != null) {
            for (int i = 0; i < others.length; i += 3) {
                lines.add(otherLine((Tier) others[i], (String) others[i + 1], (Long) others[i + 2]));
            }
        }
    }

    private static String otherLine(Tier tier, String identity, long amount) {
        return "also qualifies for tier " + tier.key() + " (" + identity + "): "
                + (amount >= 0 ? Fmt.y(amount) : "0.00") + "; the highest benefit is paid, never both";
    }

    private String ineligibleReason() {
        return switch (ineligible) {
            case Candidate.NO_CLASS -> p.name() + " assistance does not cover " + c.kind().symbol() + " claims of this kind";
            case Candidate.CLASS_NOT_COVERED -> "tier " + tier.key() + " does not cover " + p.classifier().name(cls) + " claims";
            case Candidate.NOT_REFERRED -> "care " + c.location().symbol() + " without a compliant referral is excluded "
                    + p.referral().source().cite();
            default -> throw new IllegalStateException("no reason recorded for an ineligible tier");
        };
    }

    private void alertLines(List<String> lines) {
        long any = alertsNotEvaluated | alertsFired;
        if (any == 0) return;
        List<AlertRule> rules = p.alerts();
        List<MonitoringAlert> fired = comp.alerts();
        int k = 0;
        for (int i = 0; i < rules.size(); i++) {
            long bit = 1L << i;
            AlertRule rule = rules.get(i);
            if ((alertsNotEvaluated & bit) != 0) {
                lines.add("alert " + rule.key() + " not evaluated: " + ParameterBook.missingReason(p, rule.threshold(), c.date()));
            } else if ((alertsFired & bit) != 0) {
                MonitoringAlert a = fired.get(k++);
                lines.add("alert " + rule.key() + ": " + rule.measure().symbol() + " " + Fmt.y(a.value())
                        + (rule.inclusive() ? " ≥ " : " > ") + Fmt.y(a.threshold()) + " " + rule.source().cite()
                        + ParameterBook.citeDated(p, rule.threshold(), c.date()));
            }
        }
    }
}
