package org.medassist.engine.settle;

import java.util.ArrayList;
import java.util.List;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.policy.Qualifier;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.Tier;
import org.medassist.engine.timeline.Coverage;
import org.medassist.engine.timeline.Spell;

/** Which identity spells apply to a claim, and which of them qualify the person for a tier. */
final class Eligibility {
    static final String SEVERE_DISABILITY = "severe_disability";

    /**
     * Spells of the claim's region that cover it under the timing table. A claim dated before the policy took effect
     * gets nothing under it (E14.17), unless a look-back window the policy itself grants reaches it: the document that
     * grants the window names the costs it counts (NJ-A11), and E14.2's worked example pays a Nanjing stay of 2022.
     */
    List<Spell> applicable(RegionPolicy p, List<Spell> all, MedicalClaim c) {
        return applicable(p, all, c, new ArrayList<>(all.size()));
    }

    /** {@link #applicable(RegionPolicy, List, MedicalClaim)} into {@code out}, which is cleared first (a settler reuses one list). */
    List<Spell> applicable(RegionPolicy p, List<Spell> all, MedicalClaim c, List<Spell> out) {
        out.clear();
        boolean beforePolicy = c.date().isBefore(p.effectiveFrom());
        for (int i = 0; i < all.size(); i++) {
            Spell s = all.get(i);
            if (!s.region().equals(c.region()) || !Coverage.covers(s, p.timing(), c)) continue;
            if (beforePolicy && !Coverage.byLookBackOnly(s, p.timing(), c)) continue;
            out.add(s);
        }
        return out;
    }

    Spell qualifying(RegionPolicy p, Tier tier, List<Spell> spells) {
        List<Qualifier> qualifiers = tier.qualifiers();
        for (int i = 0; i < qualifiers.size(); i++) {
            Qualifier q = qualifiers.get(i);
            for (int j = 0; j < spells.size(); j++) {
                Spell s = spells.get(j);
                if (!s.identity().equals(q.identity())) continue;
                if (q.groups() != null && (s.group() == null || !q.groups().contains(s.group()))) continue;
                if (q.requiresSevereDisability() && !holdsSevereDisability(p, spells)) continue;
                return s;
            }
        }
        return null;
    }

    static boolean holdsSevereDisability(RegionPolicy p, List<Spell> spells) {
        if (p.severity() == null) return false;
        for (int i = 0; i < spells.size(); i++) {
            Spell s = spells.get(i);
            if (s.identity().equals(SEVERE_DISABILITY) && p.severity().isSevere(s.disabilityGrade(), s.disabilityKind())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Jiujiang tilt look-back: the claim lies within {@code months} before a later recognition of an assistance
     * identity, in the same calendar year (JJ-A7).
     */
    boolean inTiltLookBack(RegionPolicy p, List<Spell> all, MedicalClaim c, int months) {
        for (Spell s : all) {
            if (!s.region().equals(c.region()) || !p.assistanceIdentities().contains(s.identity())) continue;
            if (s.recognized().getYear() != c.year()) continue;
            if (c.date().isBefore(s.recognized()) && !c.date().isBefore(s.recognized().minusMonths(months))) return true;
        }
        return false;
    }
}
