package org.medassist.settlement.whatif;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyFileException;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;

/**
 * The baseline and the changed policies of a what-if, both loaded and validated, with the difference between them
 * rule by rule. The baseline is the shipped policies, or an operator's directory over them (as {@code --policies}); the
 * change is a directory of {@code <region>/policy.yaml} over the baseline, then the {@code --set} overrides
 * (docs/whatif.md).
 */
public record PolicyPair(List<PolicySource> baselineSources, PolicyCatalog baseline, String baselineName,
                         List<PolicySource> changedSources, PolicyCatalog changed, String changedName,
                         List<PolicyOverrides.Applied> overrides, List<PolicyDiff.RuleChange> changes) {

    /** A policy that fails to load, naming the side it belongs to. */
    public static final class InvalidPolicy extends IllegalArgumentException {
        InvalidPolicy(String message) { super(message); }
    }

    /**
     * @param baselineDir an operator's policy directory over the shipped policies, or null for the shipped ones
     * @param changedDir  a policy directory whose regions replace the baseline's (or add regions), or null
     * @param sets        {@code REGION:PATH=VALUE} overrides applied on top ({@link PolicyOverrides})
     */
    public static PolicyPair of(Path baselineDir, Path changedDir, List<String> sets) {
        List<PolicyOverrides.Override> parsed = new ArrayList<>();
        for (String s : sets) parsed.add(PolicyOverrides.parse(s)); // a bad override before any file is read
        List<PolicySource> base;
        PolicyCatalog baseCatalog;
        try {
            base = PolicyLoader.sources(baselineDir);
            baseCatalog = PolicyLoader.load(base);
        } catch (PolicyFileException e) {
            throw new InvalidPolicy("the baseline policy does not load: " + e.getMessage());
        }
        List<PolicySource> changed = base;
        if (changedDir != null) {
            Map<String, PolicySource> byRegion = new TreeMap<>();
            for (PolicySource s : base) byRegion.put(s.region(), s);
            try {
                for (PolicySource s : PolicyLoader.directorySources(changedDir)) byRegion.put(s.region(), s);
            } catch (PolicyFileException e) {
                throw new InvalidPolicy("--changed: " + e.getMessage());
            }
            changed = List.copyOf(byRegion.values());
        }
        PolicyOverrides.Result result = PolicyOverrides.apply(changed, parsed);
        changed = result.sources();
        PolicyCatalog changedCatalog;
        try {
            changedCatalog = PolicyLoader.load(changed);
        } catch (PolicyFileException e) {
            throw new InvalidPolicy("the changed policy does not load: " + e.getMessage()
                    + (parsed.isEmpty() ? "" : " (after --set " + String.join(", --set ", sets) + ")"));
        }
        String baseName = baselineDir == null ? "the shipped policies" : "the shipped policies with " + baselineDir;
        String changedName = (changedDir == null ? baseName : baseName + ", changed by " + changedDir)
                + (parsed.isEmpty() ? "" : ", with --set " + String.join(", --set ", sets));
        return new PolicyPair(base, baseCatalog, baseName, changed, changedCatalog, changedName, result.applied(),
                PolicyDiff.between(base, changed));
    }

    /**
     * A change given as a whole policy file for one region over the service's catalog, then overrides: the form
     * {@code POST /v1/simulations} takes.
     */
    public static PolicyPair of(List<PolicySource> base, PolicyCatalog baseCatalog, String baseName, String region,
                                String changedPolicyYaml, List<String> sets) {
        List<PolicyOverrides.Override> parsed = new ArrayList<>();
        for (String s : sets) parsed.add(PolicyOverrides.parse(s));
        List<PolicySource> changed = base;
        if (changedPolicyYaml != null) {
            List<PolicySource> out = new ArrayList<>();
            boolean found = false;
            for (PolicySource s : base) {
                if (s.region().equals(region)) {
                    found = true;
                    Map<String, String> files = new java.util.HashMap<>(s.files());
                    files.put(PolicySource.POLICY, changedPolicyYaml);
                    out.add(new PolicySource(region, "request", Map.copyOf(files)));
                } else {
                    out.add(s);
                }
            }
            if (!found) throw new InvalidPolicy("region \"" + region + "\" is not in the policy catalog");
            changed = List.copyOf(out);
        }
        PolicyOverrides.Result result = PolicyOverrides.apply(changed, parsed);
        changed = result.sources();
        PolicyCatalog changedCatalog;
        try {
            changedCatalog = PolicyLoader.load(changed);
        } catch (PolicyFileException e) {
            throw new InvalidPolicy("the changed policy does not load: " + e.getMessage());
        }
        String changedName = baseName + (changedPolicyYaml == null ? "" : ", " + region + " replaced by the request's policy")
                + (parsed.isEmpty() ? "" : ", with --set " + String.join(", --set ", sets));
        return new PolicyPair(base, baseCatalog, baseName, changed, changedCatalog, changedName, result.applied(),
                PolicyDiff.between(base, changed));
    }
}
