package org.medassist.engine.policy.load;

import java.util.List;
import java.util.function.Function;
import org.medassist.engine.policy.Source;
import org.medassist.engine.policy.RateSchedule;

/**
 * Reads a rate: {rate: "0.90", source} or {bands: [{upTo: "2000.00", rate: "0.85"}, {rate: "0.80"}], source}; one
 * value of a dated list also has its validFrom, which the caller reads.
 */
final class RateReader {
    private RateReader() {}

    static RateSchedule read(Function<YamlNode, Source> sources, YamlNode n) { return read(sources, n, false); }

    static RateSchedule read(Function<YamlNode, Source> sources, YamlNode n, boolean datedValue) {
        if (datedValue) n.only("validFrom", "rate", "bands", "source");
        else n.only("rate", "bands", "source");
        Source src = sources.apply(n.get("source"));
        if (n.has("rate") == n.has("bands")) throw n.error("give either rate or bands");
        if (n.has("rate")) return RateSchedule.flat(n.get("rate").rate(), src);
        List<YamlNode> bands = n.get("bands").list();
        long[] upTo = new long[bands.size()];
        int[] ppm = new int[bands.size()];
        long previous = 0;
        for (int i = 0; i < bands.size(); i++) {
            YamlNode b = bands.get(i).only("upTo", "rate");
            boolean last = i == bands.size() - 1;
            if (last == b.has("upTo")) throw b.error(last ? "the last band has no upTo" : "every band but the last needs upTo");
            upTo[i] = last ? Long.MAX_VALUE : b.get("upTo").yuan();
            if (upTo[i] <= previous) throw b.error("bands must rise");
            previous = upTo[i];
            ppm[i] = b.get("rate").rate();
        }
        return new RateSchedule(upTo, ppm, src);
    }
}
