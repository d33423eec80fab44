package org.medassist.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict finds each kind of wrong output, and allows what timing may change. */
class VerdictTest {
    @TempDir
    Path dir;

    static Outcome settled(String claim, String person, long assistance, long tilt) {
        return new Outcome("H01/" + claim + "/1", "claim H01/" + claim, person, 2023, "settled", claim, "H01", null, null, assistance, tilt, 0, 0);
    }

    static Outcome adjustment(String claim, String person, int n, long assistance, long tilt) {
        return new Outcome("H01/" + claim + "/" + n, "claim H01/" + claim, person, 2023, "adjustment", claim, "H01", null, null, assistance, tilt, 0, 0);
    }

    static Outcome rejected(String claim, String reason) {
        return new Outcome("rejected:" + claim, "rejected claim " + claim, "P-1", 0, "rejected", claim, null, null, reason, 0, 0, 0, 0);
    }

    /** The rejection of a claim that another person's line reached the claim owners' registry with first. */
    static Outcome owned(String claim, String person) {
        return new Outcome("rejected:H01/" + claim, "rejected claim " + claim, person, 2023, "rejected", claim, "H01", null,
                "claim H01/" + claim + " was already received for another person; a claim is identified by hospitalId and claimId:"
                        + " reverse it there and send it under a new claimId", 0, 0, 0, 0);
    }

    static Outputs outputs(Outcome... settlements) {
        Outputs o = new Outputs();
        o.settlements.addAll(List.of(settlements));
        return o;
    }

    EventFile file(String... lines) throws Exception {
        Path f = dir.resolve("events.jsonl");
        Files.write(f, List.of(lines), StandardCharsets.UTF_8);
        return EventFile.read(f);
    }

    Verdict judge(List<Outcome> expected, List<Outcome> actual) throws Exception {
        return judge(file(), expected, actual, List.of());
    }

    Verdict judge(EventFile file, List<Outcome> expected, List<Outcome> actual, List<DeadLetterView> letters) {
        return Verdict.judge(file, expected, List.of(), actual, List.of(), letters);
    }

    @Test
    void theSameMoneyInOtherStepsPasses_tiltMayMoveWithinThePersonYear() throws Exception {
        List<Outcome> expected = List.of(settled("C1", "P-1", 1000, 0), settled("C2", "P-1", 500, 300));
        List<Outcome> actual = List.of(settled("C1", "P-1", 700, 0), settled("C2", "P-1", 500, 0),
                adjustment("C1", "P-1", 2, 300, 300));
        Verdict v = judge(expected, actual);
        assertTrue(v.pass(), () -> v.mismatches.toString());
        assertEquals(2, v.claims);
        assertEquals(1, v.personYears);
    }

    @Test
    void aLostClaim_aSecondSettlement_andADifferentAmountAreEachFound() throws Exception {
        List<Outcome> expected = List.of(settled("C1", "P-1", 1000, 0), settled("C2", "P-1", 500, 0), settled("C3", "P-2", 200, 0));
        List<Outcome> actual = new ArrayList<>(List.of(settled("C1", "P-1", 1000, 0), settled("C3", "P-2", 201, 0)));
        actual.add(new Outcome("H01/C1/2", "claim H01/C1", "P-1", 2023, "settled", "C1", "H01", null, null, 0, 0, 0, 0));
        Verdict v = judge(expected, actual);
        assertEquals(List.of("assistance", "assistance", "person-year", "person-year", "settled", "settled"),
                v.sorted().stream().map(Verdict.Mismatch::category).toList(), () -> v.mismatches.toString());
        assertTrue(v.sorted().stream().anyMatch(m -> m.subject().equals("claim H01/C2") && m.category().equals("settled")));
    }

    @Test
    void aSettlementIdTwiceIsADuplicate() throws Exception {
        Outcome s = settled("C1", "P-1", 1000, 0);
        Outcome zero = new Outcome(s.settlementId(), s.item(), "P-1", 2023, "adjustment", "C1", "H01", null, null, 0, 0, 0, 0);
        Verdict v = judge(List.of(s), List.of(s, zero));
        assertEquals(1, v.duplicateSettlementIds);
        assertEquals(1, v.mismatches.size(), () -> v.mismatches.toString());
    }

    @Test
    void aDeadLetterOfAValidRecordFails_ofABreachItStandsForTheRejection() throws Exception {
        EventFile f = file(EventFileTest.CLAIM.formatted("0.00"), EventFileTest.CLAIM.formatted("-1.00").replace("C-1", "C-2"));
        List<Outcome> expected = List.of(settled("C-1", "P-1", 320_00, 0), rejected("C-2", "amounts.otherInsurance is negative"));
        List<Outcome> actual = List.of(settled("C-1", "P-1", 320_00, 0));
        Verdict ok = judge(f, expected, actual, List.of(new DeadLetterView("settlement-service", "hospital-events", 0, 1, "breaks the contract", 2, null)));
        assertTrue(ok.pass(), () -> ok.mismatches.toString());
        assertEquals(1, ok.deadLettersExplained);

        Verdict bad = judge(f, expected, List.of(rejected("C-2", "negative")), List.of(new DeadLetterView("settlement-service",
                "hospital-events", 0, 0, "cannot be read: registry unavailable", 1, null)));
        assertEquals(List.of("assistance", "dead-letter", "person-year", "settled"),
                bad.sorted().stream().map(Verdict.Mismatch::category).toList(), () -> bad.mismatches.toString());
    }

    @Test
    void aLineRefusedOverHttpStandsForItsRejection_aValidClaimRefusedIsAMissingSettlement() throws Exception {
        EventFile f = file(EventFileTest.CLAIM.formatted("0.00"), EventFileTest.CLAIM.formatted("-1.00").replace("C-1", "C-2"));
        List<Outcome> expected = List.of(settled("C-1", "P-1", 320_00, 0), rejected("C-2", "amounts.otherInsurance is negative"));
        Verdict ok = Verdict.judge(f, expected, List.of(), List.of(settled("C-1", "P-1", 320_00, 0)), List.of(), List.of(),
                List.of(new Feed.Refusal(2, 400, "amounts.otherInsurance is negative")), order -> null);
        assertTrue(ok.pass(), () -> ok.mismatches.toString());
        assertEquals(1, ok.refusedAtTheDoor);

        // the breach accepted and dropped, and the valid claim refused (a wrong token, say): both found
        Verdict bad = Verdict.judge(f, expected, List.of(), List.of(), List.of(), List.of(),
                List.of(new Feed.Refusal(1, 403, "this token acts for another hospital")), order -> null);
        assertEquals(List.of("assistance", "person-year", "rejected", "rejected", "settled"),
                bad.sorted().stream().map(Verdict.Mismatch::category).toList(), () -> bad.mismatches.toString());
        assertTrue(bad.sorted().stream().anyMatch(m -> m.subject().equals("rejected claim C-1") && m.actual().contains("1 refused over HTTP")),
                () -> bad.mismatches.toString());
    }

    @Test
    void inputsOnKafkaMoreOftenThanInTheFileAreCounted() throws Exception {
        EventFile f = file(EventFileTest.CLAIM.formatted("0.00"), EventFileTest.CLAIM.formatted("0.00"));
        Verdict thrice = Verdict.judge(f, List.of(), List.of(), List.of(), List.of(), List.of());
        thrice.sentAgain(f, java.util.Map.of("claim:C-1", 3));
        assertEquals(1, thrice.inputsSentAgain, "the file sends C-1 twice; a third on Kafka was sent again");
        Verdict twice = Verdict.judge(f, List.of(), List.of(), List.of(), List.of(), List.of());
        twice.sentAgain(f, java.util.Map.of("claim:C-1", 2));
        assertEquals(0, twice.inputsSentAgain, "as often as in the file: none sent again");
    }

    @Test
    void aRejectionWithoutReasonAndAClaimStillParkedAreFound() throws Exception {
        Outcome parked = new Outcome("H01/C1/1", "claim H01/C1", "P-1", 2023, "parked", "C1", "H01", null, "per_capita_disposable_income missing", 0, 0, 0, 0);
        Verdict v = judge(List.of(parked, settled("C1", "P-1", 100, 0), rejected("C9", "x")), List.of(parked, rejected("C9", "")));
        assertEquals(List.of("assistance", "parked", "person-year", "reason", "settled"),
                v.sorted().stream().map(Verdict.Mismatch::category).toList(), () -> v.mismatches.toString());
    }

    @Test
    void replaysRejectionOfALineNoProducerCanSendIsLeftOut() throws Exception {
        EventFile f = file(EventFileTest.CLAIM.formatted("0.00").replace("outpatient", "emergency"));
        Verdict v = judge(f, List.of(rejected("C-1", "kind \"emergency\" is not one of …")), List.of(), List.of());
        assertTrue(v.pass(), () -> v.mismatches.toString());
        assertEquals(1, v.unpublishableDropped);
    }

    @Test
    void theClaimStoreMustHoldEverySettlementOfTheTopic() throws Exception {
        List<Outcome> actual = List.of(settled("C1", "P-1", 100, 0), adjustment("C1", "P-1", 2, 10, 0), settled("C2", "P-1", 5, 0));
        Verdict v = judge(actual, actual);
        v.claimStore(actual, java.util.Map.of("C1", 2, "C2", 1));
        assertTrue(v.pass(), () -> v.mismatches.toString());
        v.claimStore(actual, java.util.Map.of("C1", 1, "C2", 1, "C3", 1));
        assertEquals(List.of("claim-store claimId C1: expected 2 settlement(s), as on the settlements topic, actual 1 in the settlements-by-claim store",
                "claim-store claimId C3: expected 0 settlement(s), as on the settlements topic, actual 1 in the settlements-by-claim store"),
                v.sorted().stream().map(Verdict.Mismatch::describe).toList());
    }

    @Test
    void aYearEndItemPaidThenTakenBackIsANote_aMissingClaimSettlementShowsTheEvents() throws Exception {
        Outcome topUp = new Outcome("year_close:jiangyin:2023:P-1/1", "item year_close:jiangyin:2023:P-1", "P-1", 2023, "settled", null,
                null, "year_close:jiangyin:2023", null, 0, 399_19, 0, 0);
        Outcome back = new Outcome("year_close:jiangyin:2023:P-1/2", "item year_close:jiangyin:2023:P-1", "P-1", 2023, "adjustment", null,
                null, "year_close:jiangyin:2023", null, 0, -399_19, 0, 0);
        List<Outcome> expected = List.of(settled("C1", "P-1", 100, 0));
        Verdict v = judge(expected, List.of(settled("C1", "P-1", 100, 0), topUp, back));
        assertTrue(v.pass(), () -> v.mismatches.toString());
        assertTrue(v.notes.stream().anyMatch(n -> n.startsWith("paid, then taken back by an adjustment (recoveryDue): services 399.19 in 1")),
                () -> v.notes.toString());

        Verdict lost = judge(expected, List.of(topUp));
        assertEquals("settled claim H01/C1: expected 1 settled [H01/C1/1 settled 1.00/0.00], actual 0 settled no events",
                lost.sorted().stream().filter(m -> m.category().equals("settled")).findFirst().orElseThrow().describe());
    }

    /** C-1 sent by H01 under P-1 (line 1), another claim of P-3 (line 2), then C-1 again under P-2 (line 3). */
    EventFile crossed() throws Exception {
        String c1 = EventFileTest.CLAIM.formatted("0.00");
        return file(c1, c1.replace("C-1", "C-2").replace("P-1", "P-3"), c1.replace("P-1", "P-2").replace("2023-02-03", "2023-03-04"));
    }

    @Test
    void aCrossedClaimWonByTheLaterPersonPasses_comparedWithReplayInTheStreamsOrder() throws Exception {
        EventFile f = crossed();
        // replay of the file as it is: P-1 owns C-1, P-2's line is rejected
        List<Outcome> inFileOrder = List.of(settled("C-1", "P-1", 500_00, 0), settled("C-2", "P-3", 10_00, 0), owned("C-1", "P-2"));
        // the stream: P-2's request reached the registry first
        List<Outcome> actual = List.of(settled("C-2", "P-3", 10_00, 0), settled("C-1", "P-2", 120_00, 0), owned("C-1", "P-1"));
        List<List<Integer>> replayed = new ArrayList<>();
        Verdict v = Verdict.judge(f, inFileOrder, List.of(), actual, List.of(), List.of(), order -> {
            replayed.add(order);
            return outputs(settled("C-2", "P-3", 10_00, 0), settled("C-1", "P-2", 120_00, 0), owned("C-1", "P-1"));
        });
        assertTrue(v.pass(), () -> v.mismatches.toString());
        assertEquals(List.of(List.of(2, 3, 1)), replayed, "P-1's line moved to just after P-2's");
        assertEquals(1, v.crossedClaims);
        assertEquals(1, v.crossedWonByLater);

        // the same stream with P-2 paid a fen more than replay in that order pays: a mismatch per claim and per person-year
        List<Outcome> more = List.of(settled("C-2", "P-3", 10_00, 0), settled("C-1", "P-2", 120_01, 0), owned("C-1", "P-1"));
        Verdict off = Verdict.judge(f, inFileOrder, List.of(), more, List.of(), List.of(),
                order -> outputs(settled("C-2", "P-3", 10_00, 0), settled("C-1", "P-2", 120_00, 0), owned("C-1", "P-1")));
        assertEquals(List.of("assistance", "person-year"), off.sorted().stream().map(Verdict.Mismatch::category).toList(),
                () -> off.mismatches.toString());

        // won by the file's first person: replay of the file as it is, no second replay
        Verdict first = Verdict.judge(f, inFileOrder, List.of(), inFileOrder, List.of(), List.of(), order -> {
            throw new AssertionError("replayed again");
        });
        assertTrue(first.pass(), () -> first.mismatches.toString());
        assertEquals(0, first.crossedWonByLater);
    }

    @Test
    void aCrossedClaimPaidUnderBothPersonsFails() throws Exception {
        List<Outcome> inFileOrder = List.of(settled("C-1", "P-1", 500_00, 0), settled("C-2", "P-3", 10_00, 0), owned("C-1", "P-2"));
        List<Outcome> actual = List.of(settled("C-1", "P-1", 500_00, 0), settled("C-2", "P-3", 10_00, 0),
                new Outcome("H01/C-1/2", "claim H01/C-1", "P-2", 2023, "settled", "C-1", "H01", null, null, 120_00, 0, 0, 0));
        Verdict v = Verdict.judge(crossed(), inFileOrder, List.of(), actual, List.of(), List.of(), order -> {
            throw new AssertionError("replayed again");
        });
        assertFalse(v.pass());
        Verdict.Mismatch m = v.sorted().stream().filter(x -> x.category().equals("claim-owner")).findFirst().orElseThrow();
        assertEquals("claim H01/C-1", m.subject());
        assertTrue(m.actual().startsWith("settled under 2 persons, paid twice: P-1 1 settlement(s), 0 ownership rejection(s); P-2 1"), m::describe);
    }

    @Test
    void aCrossedClaimRejectedUnderBothPersonsFails() throws Exception {
        List<Outcome> inFileOrder = List.of(settled("C-1", "P-1", 500_00, 0), settled("C-2", "P-3", 10_00, 0), owned("C-1", "P-2"));
        List<Outcome> actual = List.of(owned("C-1", "P-1"), settled("C-2", "P-3", 10_00, 0), owned("C-1", "P-2"));
        Verdict v = Verdict.judge(crossed(), inFileOrder, List.of(), actual, List.of(), List.of(), order -> {
            throw new AssertionError("replayed again");
        });
        assertFalse(v.pass());
        assertEquals(List.of("claim-owner claim H01/C-1: expected settled under one of P-1, P-2, the first to reach the claim owners'"
                + " registry, actual settled under none of them: P-1 0 settlement(s), 1 ownership rejection(s); P-2 0 settlement(s),"
                + " 1 ownership rejection(s)"), v.sorted().stream().filter(x -> x.category().equals("claim-owner")).map(Verdict.Mismatch::describe).toList());
    }
}
