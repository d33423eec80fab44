package org.medassist.engine.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medassist.engine.model.Explanation;

/** A computation lets its explanation's figures go once published only when made not to keep them (replay). */
class ComputationTest {
    private static final Explanation.Source SOURCE = lines -> {
        lines.add("S = 1.00");
        lines.add("rate 50%");
    };

    @Test
    void aKeptExplanationIsReadAfterPublication() {
        Computation c = new Computation(SOURCE);
        c.assistance = 50;
        c.published();
        assertTrue(c.explanationKept());
        assertEquals(List.of("S = 1.00", "rate 50%"), c.explanation());
        assertEquals(new Computation(SOURCE, true).explanation(), c.explanation());
    }

    @Test
    void aDroppedExplanationIsReadUntilPublishedAndTheAmountsStay() {
        Computation c = new Computation(SOURCE, false);
        c.assistance = 50;
        List<String> before = c.explanation();
        assertEquals(List.of("S = 1.00", "rate 50%"), before);
        c.published();
        assertFalse(c.explanationKept());
        assertThrows(IllegalStateException.class, c::explanation);
        assertEquals(50, c.assistance);
        assertEquals(List.of("S = 1.00", "rate 50%"), before); // a list taken before keeps its source
    }

    @Test
    void linesAddedAsTextAreKept() {
        Computation c = new Computation().line("application received");
        c.published();
        assertEquals(List.of("application received"), c.explanation());
        assertEquals(List.of("parked: x"), Computation.parked("x").explanation());
    }
}
