package org.medassist.engine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.medassist.engine.Scenario;
import org.medassist.engine.money.Money;

/** Assertions in yuan, so tests read like the worked examples' tables (docs/readings.md). */
final class Check {
    private Check() {}

    static void paid(Scenario s, String claimId, String yuan) {
        assertEquals(yuan, Money.format(s.assistance(claimId)), "assistance of " + claimId);
    }

    static void tilt(Scenario s, String claimId, String yuan) {
        assertEquals(yuan, Money.format(s.tilt(claimId)), "tilt attributed to " + claimId);
    }

    static void tiltOf(Scenario s, String reference, String yuan) {
        assertEquals(yuan, Money.format(s.tiltOf(reference)), "tilt paid on " + reference);
    }
}
