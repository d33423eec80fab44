package org.medassist.engine.policy.load;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.medassist.engine.policy.ResidualTilt;
import org.medassist.engine.policy.TargetRatioTilt;

/** Reads the tilt block: {@code type: residual} (threshold, rate, cap) or {@code type: target_ratio}. */
final class TiltReader {
    private ResidualTilt residual;
    private TargetRatioTilt target;

    TiltReader(PolicyReader r, YamlNode n) {
        String type = n.text("type");
        String payment = n.text("payment");
        if (!payment.equals("on_application") && !payment.equals("automatic")) {
            throw n.get("payment").error("expected on_application or automatic");
        }
        boolean onApplication = payment.equals("on_application");
        if (type.equals("residual")) {
            n.only("type", "payment", "classes", "threshold", "rate", "cap", "requiresConventionalCapReached",
                    "lookBackMonths", "source", "lookBackSource", "locationSource");
            int back = n.has("lookBackMonths") ? n.get("lookBackMonths").integer() : 0;
            residual = new ResidualTilt(onApplication, classes(r, n.get("classes")), r.amount(n.get("threshold")),
                    n.get("rate").rate(), n.has("cap") ? r.amount(n.get("cap")) : null,
                    n.has("requiresConventionalCapReached") && n.get("requiresConventionalCapReached").bool(), back,
                    r.source(n.get("source")), back > 0 ? r.source(n.get("lookBackSource")) : null,
                    r.source(n.get("locationSource")));
        } else if (type.equals("target_ratio")) {
            n.only("type", "payment", "identities", "validUntil", "trigger", "targets", "totalCap", "source",
                    "targetSource", "capSource");
            Set<String> identities = new LinkedHashSet<>();
            for (YamlNode i : n.get("identities").list()) identities.add(Vocabulary.identity(i, i.text()));
            List<YamlNode> targets = n.get("targets").list();
            int[][] groups = new int[targets.size()][];
            int[] ratios = new int[targets.size()];
            for (int g = 0; g < targets.size(); g++) {
                YamlNode t = targets.get(g).only("classes", "ratio");
                groups[g] = classes(r, t.get("classes")).stream().mapToInt(Integer::intValue).toArray();
                ratios[g] = t.get("ratio").rate();
            }
            target = new TargetRatioTilt(onApplication, Set.copyOf(identities), n.get("validUntil").date(),
                    n.get("trigger").yuan(), groups, ratios, n.get("totalCap").yuan(), r.source(n.get("source")),
                    r.source(n.get("targetSource")), r.source(n.get("capSource")));
        } else {
            throw n.get("type").error("expected residual or target_ratio");
        }
    }

    private static Set<Integer> classes(PolicyReader r, YamlNode list) {
        Set<Integer> out = new LinkedHashSet<>();
        for (YamlNode c : list.list()) out.add(r.classIndex(c));
        return Set.copyOf(out);
    }

    ResidualTilt residual() { return residual; }

    TargetRatioTilt target() { return target; }
}
