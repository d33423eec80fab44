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
        renderTo(Explanation.Lines.into(lines));
    }

    /** The lines, each appended to the sink's builder: no String per line, and no String per amount or date. */
    @Override
    public void renderTo(Explanation.Lines out) {
        choiceLines(out);
        if (tilt != null) {
            out.begin().append(tilt.tiltLine(p));
            out.end();
        }
        if (tier != null) OtherPayerLines.explain(p, c, tier, comp, new SinkList(out));
        alertLines(out);
    }

    /** A list that passes what is added on to a sink, for the lines rendered as Strings elsewhere. */
    private static final class SinkList extends java.util.AbstractList<String> {
        private final Explanation.Lines out;

        SinkList(Explanation.Lines out) { this.out = out; }

        @Override
        public boolean add(String line) {
            out.begin().append(line);
            out.end();
            return true;
        }

        @Override
        public String get(int index) { throw new UnsupportedOperationException(); }

        @Override
        public int size() { return 0; }
    }

    /** A date as {@link java.time.LocalDate#toString()} writes it, without the String for the years 1000–9999. */
    private static StringBuilder date(StringBuilder b, java.time.LocalDate d) {
        if (d == null || d.getYear() < 1000 || d.getYear() > 9999) return b.append(d);
        int m = d.getMonthValue();
        int day = d.getDayOfMonth();
        return b.append(d.getYear()).append(m < 10 ? "-0" : "-").append(m).append(day < 10 ? "-0" : "-").append(day);
    }

    private void choiceLines(Explanation.Lines out) {
        StringBuilder b = out.begin();
        Money.appendYuan(b.append("S = policyScope "), c.policyScope());
        Money.appendYuan(b.append(" − basicInsurance "), c.basicInsurance());
        Money.appendYuan(b.append(" − criticalIllness "), c.criticalIllness());
        Money.appendYuan(b.append(" − otherInsurance "), c.otherInsurance());
        Money.appendYuan(b.append(" = "), s).append(" (DECISIONS E5)");
        out.end();
        if (tier == null) {
            b = out.begin();
            if (c.date().isBefore(p.effectiveFrom())) {
                date(b.append("claim dated "), c.date()).append(", before ").append(p.name()).append("'s policy took effect on ");
                date(b, p.effectiveFrom()).append(' ').append(p.effectiveSource().cite())
                        .append(": nothing is due under it, and it uses no deductible, band or cap of it (E14.17): assistance 0.00");
            } else {
                date(b.append("no assistance identity covers "), c.date()).append(" under the ").append(p.name())
                        .append(" timing rules ").append(p.timing().startSource().cite()).append(": assistance 0.00");
            }
            out.end();
            return;
        }
        Spell sp = spell;
        b = out.begin();
        b.append("identity ").append(sp.identity()).append(" (").append(sp.department()).append(", recognized ");
        date(b, sp.recognized());
        if (sp.exit() != null) date(b.append(", exit "), sp.exit());
        b.append(") → tier ").append(tier.key()).append(' ');
        b = out.constant(b, tier.label()).append(' ');
        out.constant(b, tier.source().cite());
        out.end();
        if (Coverage.byLookBackOnly(sp, p.timing(), c)) {
            Timing tm = p.timing();
            int months = tm.lookBackMonths(sp.identity());
            b = out.begin();
            date(b.append("dated before the ordinary start, covered by the look-back window from "), Coverage.lookBackStart(sp, tm))
                    .append(" (").append(months).append(tm.lookBackFrom() == Timing.LookBackFrom.MONTH_START
                            ? " calendar months before the recognition month" : " months before recognition").append(") ");
            out.constant(b, tm.lookBackSource().cite());
            out.end();
        }
        if (cls >= 0) {
            out.constant(out.begin().append("claim class ").append(p.classifier().name(cls)).append(' '), p.classifier().sourceOf(cls).cite());
            out.end();
        }
        if (!eligible) {
            out.begin().append(ineligibleReason()).append(": assistance 0.00");
            out.end();
        } else {
            if (deductible >= 0) {
                int d = p.pools().deductiblePoolOfClass()[cls];
                b = out.begin();
                Money.appendYuan(b.append("annual deductible "), deductible).append(" (pool ").append(p.pools().deductiblePools().get(d))
                        .append("): eligible ");
                Money.appendYuan(b, eligibleAmount).append(" of S ");
                out.constant(Money.appendYuan(b, s).append(' '), ParameterBook.cite(p, tier.deductibles()[d], c.date()));
                out.end();
            }
            if (reductionPpm > 0) {
                out.constant(out.begin().append("not referred but in hardship: rate lowered by ").append(Rates.percent(reductionPpm))
                        .append(" points "), p.referral().hardshipSource().cite());
                out.end();
            }
            var rate = tier.rates()[cls].at(c.date()); // the value in force on the claim's date (E3)
            b = out.begin().append("rate ").append(rate.describe(reductionPpm)).append(": ");
            Money.appendYuan(b, eligibleAmount).append(" → ");
            out.constant(Money.appendYuan(b, beforeCap).append(' '), rate.source().cite());
            out.end();
            if (cap >= 0) {
                int cp = p.pools().capPoolOfClass()[cls];
                b = out.begin();
                Money.appendYuan(b.append("annual cap "), cap).append(" (pool ").append(p.pools().capPools().get(cp)).append("): ");
                Money.appendYuan(b, beforeCap).append(" → ");
                out.constant(Money.appendYuan(b, amount).append(' '), ParameterBook.cite(p, tier.caps()[cp], c.date()));
                out.end();
            }
        }
        if (others != null) {
            for (int i = 0; i < others.length; i += 3) {
                out.begin().append(otherLine((Tier) others[i], (String) others[i + 1], (Long) others[i + 2]));
                out.end();
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

    private void alertLines(Explanation.Lines out) {
        long any = alertsNotEvaluated | alertsFired;
        if (any == 0) return;
        List<AlertRule> rules = p.alerts();
        List<MonitoringAlert> fired = comp.alerts();
        int k = 0;
        for (int i = 0; i < rules.size(); i++) {
            long bit = 1L << i;
            AlertRule rule = rules.get(i);
            if ((alertsNotEvaluated & bit) != 0) {
                out.begin().append("alert ").append(rule.key()).append(" not evaluated: ")
                        .append(ParameterBook.missingReason(p, rule.threshold(), c.date()));
                out.end();
            } else if ((alertsFired & bit) != 0) {
                MonitoringAlert a = fired.get(k++);
                StringBuilder b = out.begin().append("alert ").append(rule.key()).append(": ").append(rule.measure().symbol()).append(' ');
                Money.appendYuan(b, a.value()).append(rule.inclusive() ? " ≥ " : " > ");
                Money.appendYuan(b, a.threshold()).append(' ').append(rule.source().cite())
                        .append(ParameterBook.citeDated(p, rule.threshold(), c.date()));
                out.end();
            }
        }
    }
}
