package org.medassist.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.medassist.events.Application;
import org.medassist.events.ClaimReversal;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventJson;
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

    private static String application(String year) {
        return "{\"type\":\"application\",\"applicationId\":\"A-77\",\"personId\":\"P-1\",\"region\":\"fangchenggang\","
                + "\"year\":" + year + ",\"kind\":\"one_time\",\"filedDate\":\"2023-11-01\",\"decision\":{}}";
    }

    /**
     * The batch reads each element from the body's tree (parsed once, with exact decimals) where it used to write it
     * back to text for {@link EventJson#read(String)}: every answer must stay the same, numbers of every Jackson kind
     * included (docs/performance.md).
     */
    @Test
    void anElementReadFromTheBodysTreeIsAnsweredAsItsTextWouldBe() {
        List<String> years = List.of("2023", "2023.0", "2023.00", "2.023e3", "1e400", "-0", "99999999999999999999", "\"2023\"",
                "null", "true", "[2023]", "{}", "2147483648", "-2147483649");
        for (String year : years) {
            String event = application(year);
            Object expected;
            try {
                expected = EventJson.read(event);
            } catch (EventFormatException e) {
                expected = e.field() + ": " + e.getMessage();
            }
            Outcome<Application> o = EventBatch.check("[" + event + "]", 10, Application.class, "application", Authorizer.ANYONE);
            Object actual = o instanceof Outcome.Accepted<Application> a ? (SpecificRecord) a.events().get(0)
                    : ((Outcome.Invalid<Application>) o).problems().get(0).field() + ": "
                    + ((Outcome.Invalid<Application>) o).problems().get(0).reason();
            assertEquals(expected, actual, "year " + year);
        }
    }

    @Test
    void aBodyThatIsNotUtf8IsMalformedWithWhereItIs() {
        byte[] body = ("[" + reversal("R-1") + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = new String(body, java.nio.charset.StandardCharsets.UTF_8).indexOf("R-1") + 2;
        body[at] = (byte) 0xff;
        Outcome<ClaimReversal> o = EventBatch.check(body, 10, ClaimReversal.class, "claim_reversal", Authorizer.ANYONE);
        assertEquals(new Outcome.Malformed<>("the body is not UTF-8: 0xFF at byte " + at + " is not a UTF-8 sequence"), o);
    }
}
