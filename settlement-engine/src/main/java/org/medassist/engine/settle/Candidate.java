package org.medassist.engine.settle;

import org.medassist.engine.policy.Tier;
import org.medassist.engine.timeline.Spell;

/** A tier a claim was evaluated under, with the identity spell that qualified it and the result. */
final class Candidate {
    static final int NO_CLASS = 1;
    static final int CLASS_NOT_COVERED = 2;
    static final int NOT_REFERRED = 3;

    Tier tier;
    Spell spell;
    boolean eligible;
    /** Why an evaluated tier pays nothing: one of the NOT_ codes, rendered by {@link ClaimExplanation}. */
    int ineligible;
    long deductible = -1;
    long eligibleAmount;
    long beforeCap;
    long cap = -1;
    long amount;
    int reductionPpm;

    void reset(Tier tier, Spell spell) {
        this.tier = tier;
        this.spell = spell;
        eligible = false;
        ineligible = 0;
        deductible = -1;
        cap = -1;
        eligibleAmount = beforeCap = amount = 0;
        reductionPpm = 0;
    }

    void copyFrom(Candidate o) {
        tier = o.tier;
        spell = o.spell;
        eligible = o.eligible;
        ineligible = o.ineligible;
        deductible = o.deductible;
        eligibleAmount = o.eligibleAmount;
        beforeCap = o.beforeCap;
        cap = o.cap;
        amount = o.amount;
        reductionPpm = o.reductionPpm;
    }

    /** Highest assistance wins (就高不就低); on a tie the earlier tier in the policy file, which lists tiers best first. */
    boolean beats(Candidate best) {
        if (best.tier == null) return true;
        if (eligible != best.eligible) return eligible;
        return amount > best.amount;
    }
}
