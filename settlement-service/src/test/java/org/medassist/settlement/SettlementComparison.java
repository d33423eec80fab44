package org.medassist.settlement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicySource;
import org.medassist.events.Settlement;
import org.medassist.settlement.cases.CaseInputs;
import org.medassist.settlement.cases.CaseReplay;

/**
 * Comparing streamed settlements with replay's. Streaming receives timelines, parameters and applications on their
 * own topics, so their interleaving with claims differs from a file's; by DECISIONS E1 the final amounts do not.
 * Tilt may be attributed to another claim of the same person-year, so it is compared per person-year.
 */
public final class SettlementComparison {
    private SettlementComparison() {}

    /**
     * Every case of every region of the catalog as one input (docs/engine.md, "Cases"): the regions come from the
     * catalog and the events from their cases.yaml, with ids made unique per case.
     */
    public static List<String> caseLines(PolicyCatalog catalog, List<PolicySource> sources) {
        return CaseInputs.combined(CaseInputs.cases(catalog, sources));
    }

    /** The settlements bin/settle replay writes for these lines. */
    public static List<Settlement> replay(PolicyCatalog catalog, List<String> lines) {
        return new ArrayList<>(CaseReplay.run(catalog, lines).settlements());
    }

    public static Map<String, Long> assistanceByClaim(List<Settlement> settlements) {
        Map<String, Long> out = new TreeMap<>();
        for (Settlement s : settlements) {
            if (s.getClaimId() != null && !s.getStatus().name().equals("rejected")) out.merge(s.getClaimId(), s.getAssistance(), Long::sum);
        }
        return out;
    }

    public static Map<String, Long> tiltByPersonYear(List<Settlement> settlements) {
        Map<String, Long> out = new TreeMap<>();
        for (Settlement s : settlements) out.merge(s.getPersonId() + "/" + s.getYear(), s.getTilt(), Long::sum);
        out.values().removeIf(v -> v == 0);
        return out;
    }

    public static boolean same(List<Settlement> expected, List<Settlement> actual) {
        return assistanceByClaim(expected).equals(assistanceByClaim(actual)) && tiltByPersonYear(expected).equals(tiltByPersonYear(actual));
    }
}
