package org.medassist.engine.policy;

import java.util.Map;
import java.util.Set;

/** Which disability grades count as severe in a region, per kind ("一级、二级…和三级、四级精神、智力残疾人"). */
public record DisabilitySeverity(Map<String, Set<Integer>> gradesByKind, Source source) {

    public boolean isSevere(int grade, String kind) {
        if (kind == null) return false;
        Set<Integer> grades = gradesByKind.get(kind);
        return grades != null && grades.contains(grade);
    }
}
