package org.medassist.settlement.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medassist.events.DeadLetter;
import org.medassist.events.Settlement;
import org.medassist.schemas.json.EventJson;
import org.medassist.settlement.fuzz.Accounting.Input;
import org.medassist.settlement.fuzz.Accounting.Outcome;
import org.medassist.settlement.fuzz.Accounting.Ref;

/** The fuzz's books can fail: a lost input, an input answered twice or wrongly, an answer no input explains. */
class AccountingTest {
    private static Settlement settlement(String status, String claimId, String reference, String personId, String reason) {
        return (Settlement) EventJson.read("{\"type\":\"settlement\",\"settlementId\":\"" + (status.equals("rejected") ? "rejected:" : "")
                + (reference == null ? claimId : reference) + "\",\"claimId\":" + (claimId == null ? "null" : "\"" + claimId + "\"")
                + ",\"personId\":\"" + personId + "\",\"region\":\"nanjing\",\"year\":2023,\"status\":\"" + status + "\","
                + "\"tier\":null,\"identity\":null,\"eligible\":\"0.00\",\"assistance\":\"0.00\",\"tilt\":\"0.00\","
                + "\"remaining\":\"0.00\",\"otherPayers\":{\"localFinanceRelief\":\"0.00\",\"hospitalBorne\":\"0.00\"},"
                + "\"policy\":\"nanjing/x\",\"explanation\":[],\"reference\":" + (reference == null ? "null" : "\"" + reference + "\"")
                + ",\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"") + "}");
    }

    private static DeadLetter letter(String topic, int partition, long offset, String reason) {
        return DeadLetter.newBuilder().setSourceTopic(topic).setPartition(partition).setOffset(offset).setReason(reason)
                .setService("test").setFailedAt(Instant.EPOCH).build();
    }

    @Test
    void everyInputAnsweredOnceAsDueIsFine() {
        Accounting books = new Accounting();
        Input claim = books.add("kafka hospital-events", "a valid claim", EnumSet.of(Outcome.ANSWERED));
        books.located(claim, new Ref("hospital-events", 0, 5));
        books.marker(claim, Accounting.marker("claim:C-1", "P-1", "nanjing"));
        Input garbage = books.add("kafka hospital-events", "random bytes", EnumSet.of(Outcome.DEAD_LETTER));
        books.located(garbage, new Ref("hospital-events", 1, 7));
        Input request = books.add("http POST /v1/claims", "valid", EnumSet.of(Outcome.ACCEPTED));
        request.see(Outcome.ACCEPTED, "202");
        Input param = books.child(request, "accepted parameter", EnumSet.of(Outcome.SILENT));
        assertFalse(books.settled());
        books.settlement(settlement("settled", "C-1", null, "P-1", null));
        books.settlement(settlement("adjustment", "C-1", null, "P-1", null));
        books.deadLetter(letter("hospital-events", 1, 7, "cannot be read"));
        assertTrue(books.settled());
        books.closeSilent();
        assertEquals(List.of(), books.problems());
        assertEquals(Outcome.SILENT, param.outcome());
    }

    @Test
    void aLostInputIsAProblem() {
        Accounting books = new Accounting();
        Input garbage = books.add("kafka applications", "random bytes", EnumSet.of(Outcome.DEAD_LETTER));
        books.located(garbage, new Ref("applications", 2, 3));
        books.deadLetter(letter("applications", 2, 4, "another record's letter"));
        books.closeSilent();
        List<String> problems = books.problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("dead letter from applications[2]@4 that no input explains"), problems.get(0));
        assertTrue(problems.get(1).startsWith("LOST"), problems.get(1));
    }

    @Test
    void aRecordDeadLetteredThatShouldHaveBeenRejectedIsAProblem() {
        Accounting books = new Accounting();
        Input breach = books.add("kafka hospital-events", "negative amount", EnumSet.of(Outcome.REJECTED));
        books.located(breach, new Ref("hospital-events", 0, 1));
        books.marker(breach, Accounting.marker("claim:C-2", "P-2", "nanjing"));
        books.deadLetter(letter("hospital-events", 0, 1, "set aside after 3 failed attempts"));
        String p = books.problems().get(0);
        assertTrue(p.startsWith("answered dead letter where rejected settlement was due"), p);
    }

    @Test
    void answeringTwiceOrInTwoWaysIsAProblem() {
        Accounting books = new Accounting();
        Input a = books.add("kafka year-closes", "wrong key", EnumSet.of(Outcome.DEAD_LETTER));
        books.located(a, new Ref("year-closes", 0, 1));
        books.located(a, new Ref("year-closes", 1, 1));
        books.deadLetter(letter("year-closes", 0, 1, "key"));
        books.deadLetter(letter("year-closes", 0, 1, "key"));
        Input b = books.add("kafka hospital-events", "a valid claim", EnumSet.of(Outcome.ANSWERED, Outcome.REJECTED));
        books.marker(b, Accounting.marker("claim:C-3", "P-3", "nanjing"));
        books.settlement(settlement("settled", "C-3", null, "P-3", null));
        books.settlement(settlement("rejected", "C-3", null, "P-3", "already received"));
        List<String> problems = books.problems();
        assertTrue(problems.get(0).startsWith("2 dead letters for the record at year-closes[0]@1"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("answered in more than one way")), problems.toString());
    }

    @Test
    void aRejectionWithoutAReasonOrExplanationIsAProblem() {
        Accounting books = new Accounting();
        Input in = books.add("kafka applications", "rate", EnumSet.of(Outcome.REJECTED));
        books.marker(in, Accounting.marker("ref:application:A-1", "P-4", "nanjing"));
        books.settlement(settlement("rejected", null, "application:A-1", "P-4", " "));
        books.settlement(settlement("rejected", null, "application:A-9", "P-4", "nobody sent A-9"));
        List<String> problems = books.problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("rejected settlement without a reason")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("rejected settlement that no input explains")), problems.toString());
    }

    @Test
    void aGlobalTableLetterIsMatchedByKeyAndValue() {
        Accounting books = new Accounting();
        Input in = books.add("kafka policy-parameters", "random bytes", EnumSet.of(Outcome.DEAD_LETTER));
        books.located(in, new Ref("policy-parameters", 0, 9));
        books.raw(in, new byte[] {1}, new byte[] {2, 3});
        books.deadLetter(DeadLetter.newBuilder(letter("policy-parameters", 0, -1, "cannot be read"))
                .setKey(ByteBuffer.wrap(new byte[] {1})).setValue(ByteBuffer.wrap(new byte[] {2, 3})).build());
        assertEquals(List.of(), books.problems());
    }
}
