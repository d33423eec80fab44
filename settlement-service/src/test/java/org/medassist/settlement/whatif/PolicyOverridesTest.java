package org.medassist.settlement.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --set REGION:PATH=VALUE}: what it changes, and every way it is refused, each with its message. */
class PolicyOverridesTest {

    private static String refused(String... sets) {
        return assertThrows(PolicyOverrides.OverrideException.class, () -> PolicyPair.of(null, null, List.of(sets))).getMessage();
    }

    @Test
    void aValueIsReplacedAndShownBeforeAndAfter() {
        PolicyPair pair = PolicyPair.of(null, null, List.of("nanjing:tiers[B].rates.inpatient.rate=0.95",
                "jiujiang:tiers[1].caps.annual.amount=60000.00", "nanjing:tiers[B].rates.outpatient.bands=[{upTo: \"3000.00\", rate: \"0.85\"}, {rate: \"0.80\"}]"));
        assertEquals(List.of("0.90 → 0.95", "50000.00 → 60000.00", "[{\"upTo\":\"2000.00\",\"rate\":\"0.85\"},{\"rate\":\"0.80\"}] → [{\"upTo\":\"3000.00\",\"rate\":\"0.85\"},{\"rate\":\"0.80\"}]"),
                pair.overrides().stream().map(a -> a.before() + " → " + a.after()).toList());
        assertEquals(2, pair.changes().stream().map(PolicyDiff.RuleChange::region).distinct().count());
        // the rule is named as the report shows it: the mapping the clause speaks for, not its ".source" key
        assertTrue(pair.changes().stream().anyMatch(c -> c.region().equals("nanjing") && c.rule().equals("tiers[B].rates.inpatient")),
                pair.changes().toString());
        assertTrue(pair.changedName().contains("--set nanjing:tiers[B].rates.inpatient.rate=0.95"), pair.changedName());
    }

    @Test
    void malformedOverridesAreRefusedBeforeAnyFileIsRead() {
        assertEquals("--set nanjing: expected REGION:PATH=VALUE, e.g. nanjing:tiers[B].rates.inpatient.rate=0.95", refused("nanjing"));
        assertEquals("--set tiers[B].rate=0.9: expected REGION:PATH=VALUE, e.g. nanjing:tiers[B].rates.inpatient.rate=0.95", refused("tiers[B].rate=0.9"));
        assertEquals("--set nanjing:=0.9: the PATH is empty; expected REGION:PATH=VALUE", refused("nanjing:=0.9"));
        assertEquals("--set nanjing:tilt.rate=: the VALUE is empty; expected REGION:PATH=VALUE", refused("nanjing:tilt.rate="));
        assertEquals("--set nanjing:tiers[].rates=1: an empty [] in the path \"tiers[].rates\"; write an item's key or index", refused("nanjing:tiers[].rates=1"));
        assertEquals("--set nanjing:tiers[B.rates=1: \"[\" without \"]\" in the path \"tiers[B.rates\"", refused("nanjing:tiers[B.rates=1"));
        assertEquals("--set nanjing:tilt..rate=1: an empty key in the path \"tilt..rate\" (at character 6)", refused("nanjing:tilt..rate=1"));
        assertEquals("--set nanjing:tilt.=1: the path \"tilt.\" ends with \".\"", refused("nanjing:tilt.=1"));
        assertEquals("--set nanjing:tiers[B]x=1: expected \".\" after \"tiers[B]\"", refused("nanjing:tiers[B]x=1"));
    }

    @Test
    void pathsThatDoNotExistAreNamedWithWhatIsThere() {
        assertEquals("--set nanjin:tilt.rate=0.7: region \"nanjin\" is not in the policy catalog; regions: fangchenggang, jiangyin, jiujiang, jiyuan, nanjing (did you mean \"nanjing\"?)",
                refused("nanjin:tilt.rate=0.7"));
        String rats = refused("nanjing:tiers[B].rats.inpatient.rate=0.95");
        assertTrue(rats.startsWith("--set nanjing:tiers[B].rats.inpatient.rate=0.95: tiers[B] has no key \"rats\"; its keys: key, label, qualifiers, rates, caps, source"), rats);
        assertTrue(rats.endsWith("(did you mean \"rates\"?)"), rats);
        assertEquals("--set nanjing:tiers[Z].rates.inpatient.rate=0.95: tiers has no item [Z]; its items are [0]…[3], by key [A], [B], [D], [C] (did you mean \"A\"?)",
                refused("nanjing:tiers[Z].rates.inpatient.rate=0.95"));
        assertEquals("--set nanjing:tiers[9].label=x: tiers has no item [9]; its items are [0]…[3], by key [A], [B], [D], [C] (did you mean \"A\"?)",
                refused("nanjing:tiers[9].label=x"));
        assertEquals("--set nanjing:tilt.rate.value=1: tilt.rate is a value (0.60), not a mapping: it has no key \"value\"", refused("nanjing:tilt.rate.value=1"));
    }

    @Test
    void valuesKeepTheirTypeAndOnePathIsSetOnce() {
        assertEquals("--set nanjing:referral.hardshipReductionPoints=twenty: referral.hardshipReductionPoints is a whole number (now 20), not \"twenty\"",
                refused("nanjing:referral.hardshipReductionPoints=twenty"));
        String mapping = refused("nanjing:tiers[B].rates=0.95");
        assertTrue(mapping.startsWith("--set nanjing:tiers[B].rates=0.95: tiers[B].rates is a mapping (keys: outpatient, special, inpatient), not a single value"), mapping);
        assertEquals("--set nanjing:tilt.rate=[0.7]: tilt.rate is a single value (0.60), not a list", refused("nanjing:tilt.rate=[0.7]"));
        assertTrue(refused("nanjing:tilt.rate={a: [}").startsWith("--set nanjing:tilt.rate={a: [}: the value is not valid YAML flow"));
        assertEquals("--set nanjing:tilt.rate=0.7: nanjing:tilt.rate is set twice", refused("nanjing:tilt.rate=0.6", "nanjing:tilt.rate=0.7"));
    }

    @Test
    void aChangedPolicyTheLoaderRefusesNamesTheOverride() {
        PolicyPair.InvalidPolicy e = assertThrows(PolicyPair.InvalidPolicy.class,
                () -> PolicyPair.of(null, null, List.of("nanjing:tiers[B].rates.inpatient.rate=ninety")));
        assertTrue(e.getMessage().startsWith("the changed policy does not load: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(after --set nanjing:tiers[B].rates.inpatient.rate=ninety)"), e.getMessage());
    }
}
