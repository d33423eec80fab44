package org.medassist.engine.policy;

import java.util.List;
import java.util.Set;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.CareKind;

/**
 * Maps a claim onto one of the region's benefit classes (e.g. Jiyuan's nine-disease outpatient, Jiangyin's 门特
 * with registration). The first matching rule wins; no match means the region covers no such claim.
 */
public final class ClaimClassifier {

    /** One mapping rule; null conditions match anything. */
    public record Rule(int classIndex, Set<CareKind> kinds, Set<String> diseaseGroups, Boolean specialDiseaseRegistered) {
        boolean matches(MedicalClaim claim) {
            if (!kinds.contains(claim.kind())) return false;
            if (diseaseGroups != null && (claim.diseaseGroup() == null || !diseaseGroups.contains(claim.diseaseGroup()))) {
                return false;
            }
            return specialDiseaseRegistered == null || specialDiseaseRegistered == claim.specialDiseaseRegistered();
        }
    }

    private final List<String> classNames;
    private final List<Rule> rules;
    private final List<Source> sources;

    public ClaimClassifier(List<String> classNames, List<Rule> rules, List<Source> sources) {
        this.classNames = List.copyOf(classNames);
        this.rules = List.copyOf(rules);
        this.sources = List.copyOf(sources);
    }

    /** The class index, or -1 when no rule matches. */
    public int classify(MedicalClaim claim) {
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.matches(claim)) return r.classIndex();
        }
        return -1;
    }

    /** The source of the class definition that matched, or null. */
    public Source sourceOf(int classIndex) { return sources.get(classIndex); }

    public int classCount() { return classNames.size(); }

    /** The mapping rules, in the order they are tried. */
    public List<Rule> rules() { return rules; }

    public String name(int classIndex) { return classNames.get(classIndex); }

    public int indexOf(String name) { return classNames.indexOf(name); }
}
