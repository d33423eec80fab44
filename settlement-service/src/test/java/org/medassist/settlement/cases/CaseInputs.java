package org.medassist.settlement.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.load.PolicySource;

/**
 * The cases of a catalog's regions as one input (docs/engine.md, "Cases"): each case's person events with its ids
 * made unique ({@code <region>-<n>-} before every person, claim, application, reversal and identity-event id), the
 * regions' parameters first and their year closes last. Parameters and year closes are region-wide, so the cases of
 * a region must agree on them; two cases giving one parameter different values fail here.
 */
public final class CaseInputs {
    private static final List<String> ID_FIELDS = List.of("personId", "claimId", "applicationId", "reversalId", "eventId");

    private CaseInputs() {}

    /** The cases of every region of the catalog, found through the same sources the catalog was built from. */
    public static Map<String, List<WorkedCase>> cases(PolicyCatalog catalog, List<PolicySource> sources) {
        Map<String, List<WorkedCase>> out = new LinkedHashMap<>();
        for (RegionPolicy p : catalog.all()) {
            PolicySource source = sources.stream().filter(s -> s.region().equals(p.region())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no policy directory for region " + p.region()));
            out.put(p.region(), CaseFile.read(source));
        }
        return out;
    }

    /** The prefix that makes a case's ids unique in a combined input: "NANJING-3-" for Nanjing's third case (upper case, as personIds are). */
    public static String prefix(WorkedCase c, int index) { return c.region().toUpperCase(java.util.Locale.ROOT) + "-" + (index + 1) + "-"; }

    /** Maps a case's own ids to the combined input's. */
    public static UnaryOperator<String> ids(String prefix) { return id -> prefix + id; }

    /** Every case of the given regions as one list of contract JSON lines. */
    public static List<String> combined(Map<String, List<WorkedCase>> byRegion) {
        Map<String, String> parameters = new LinkedHashMap<>(); // region|year|name → line
        Map<String, String> parameterCase = new LinkedHashMap<>();
        Set<String> closes = new LinkedHashSet<>();
        List<String> people = new ArrayList<>();
        for (List<WorkedCase> cases : byRegion.values()) {
            for (int i = 0; i < cases.size(); i++) {
                WorkedCase c = cases.get(i);
                String prefix = prefix(c, i);
                for (WorkedCase.Event e : c.events()) {
                    if (e.type().equals("parameter")) {
                        ObjectNode j = e.json();
                        String key = j.get("region").asText() + "|" + j.get("year").asInt() + "|" + j.get("name").asText();
                        String previous = parameters.putIfAbsent(key, e.line());
                        if (previous != null && !previous.equals(e.line())) {
                            throw new IllegalArgumentException(c.label() + " sets " + key + " to " + j.get("value").asText()
                                    + " but " + parameterCase.get(key) + " set it otherwise: cases of a region share its parameters");
                        }
                        parameterCase.putIfAbsent(key, c.label());
                    } else if (e.type().equals("year_close")) {
                        closes.add(e.line());
                    } else {
                        people.add(renamed(e, prefix).toString());
                    }
                }
            }
        }
        List<String> out = new ArrayList<>(parameters.values());
        out.addAll(people);
        out.addAll(closes);
        return out;
    }

    static ObjectNode renamed(WorkedCase.Event e, String prefix) {
        ObjectNode j = e.json().deepCopy();
        for (String f : ID_FIELDS) if (j.hasNonNull(f)) j.put(f, prefix + j.get(f).asText());
        return j;
    }
}
