package org.medassist.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medassist.events.ClaimReversal;
import org.medassist.kit.http.EventBatch.Authorizer;
import org.medassist.kit.http.EventBatch.Outcome;

/** What the batch check answers for text the contract refuses (docs/contract.md, JSON rules); found by BadInputFuzzTest. */
class EventBatchTest {
    private static String reversal(String reversalId) {
        return "{\"type\":\"claim_reversal\",\"reversalId\":\"" + reversalId + "\",\"claimId\":\"C-1\",\"personId\":\"P-1\","
                + "\"region\":\"nanjing\"}";
    }

    @Test
    void anOverlongIdIsInvalidAndTheAnswerNamesOnlyItsFirstCharacters() {
        String id = "R".repeat(300_000);
        Outcome<ClaimReversal> o = EventBatch.check("[" + reversal(id) + "]", 10, ClaimReversal.class, "claim_reversal", Authorizer.ANYONE);
        Outcome.Invalid<ClaimReversal> invalid = assertInstanceOf(Outcome.Invalid.class, o);
        EventBatch.Problem p = invalid.problems().get(0);
        assertEquals("R".repeat(64) + "\u2026", p.eventId());
        assertEquals("reversalId", p.field());
        assertTrue(p.reason().length() < 200, p.reason());
    }

    @Test
    void anUnpairedSurrogateEscapedInJsonIsInvalid() {
        Outcome<ClaimReversal> o = EventBatch.check("[" + reversal("R-1\\ud800") + "]", 10, ClaimReversal.class, "claim_reversal",
                Authorizer.ANYONE);
        Outcome.Invalid<ClaimReversal> invalid = assertInstanceOf(Outcome.Invalid.class, o);
        assertEquals("reversalId", invalid.problems().get(0).field());
    }
}
