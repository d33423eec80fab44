package org.medassist.schemas.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.schemas.PersonIds;

/**
 * A record written straight to Kafka gets the same rules as one read from JSON: the processors call
 * {@link EventRules#check} on Avro records without a JSON round trip.
 */
class EventRulesTest {
    private static final String CLAIM = "{\"type\":\"claim\",\"claimId\":\"H1-9\",\"personId\":\"P-1\",\"region\":\"nanjing\","
            + "\"hospitalId\":\"H1\",\"hospitalLevel\":\"tertiary\",\"kind\":\"inpatient\","
            + "\"admissionDate\":\"2023-05-10\",\"dischargeDate\":\"2023-05-25\",\"location\":\"in_city\",\"referred\":true,"
            + "\"hardship\":false,\"diseaseGroup\":null,\"specialDiseaseRegistered\":false,"
            + "\"amounts\":{\"total\":\"600.00\",\"outOfScope\":\"100.00\",\"policyScope\":\"500.00\","
            + "\"basicInsurance\":\"300.00\",\"criticalIllness\":\"50.00\",\"otherInsurance\":\"0.00\"}}";

    private static Claim claim() { return (Claim) EventJson.read(CLAIM); }

    @Test
    void aValidRecordPasses() {
        assertDoesNotThrow(() -> EventRules.check(claim()));
    }

    @Test
    void negativeMoneyInAnAvroRecordIsRefused() {
        Claim c = claim();
        c.getAmounts().setOutOfScope(-1);
        c.getAmounts().setTotal(499);
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventRules.check(c));
        assertEquals("amounts.outOfScope", e.field());
        assertEquals("claim H1-9: amounts.outOfScope \"-0.01\" is negative", e.getMessage());
    }

    /** Straight from Kafka too: an overlong id is refused, and the refusal carries only its first characters. */
    @Test
    void anOverlongTextInAnAvroRecordIsRefusedWithoutEchoingIt() {
        Claim c = claim();
        c.setClaimId("H".repeat(900_000));
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventRules.check(c));
        assertEquals("claimId", e.field());
        assertEquals("H".repeat(64) + "\u2026", e.id());
        assertTrue(e.getMessage().length() < 200, e.getMessage().length() + " characters");
        ClaimReversal r = new ClaimReversal("R-1", "H1-9", "P-1", "nanjing", "x".repeat(1_001), null);
        assertEquals("claim_reversal R-1: reason is longer than 1000 characters (1001 were sent)",
                assertThrows(EventFormatException.class, () -> EventRules.check(r)).getMessage());
    }

    /** An Avro date holds any day count; straight from Kafka, a year outside the contract's is refused. */
    @Test
    void aDateOutsideTheContractsYearsIsRefused() {
        Claim c = claim();
        c.setDischargeDate(java.time.LocalDate.ofEpochDay(Integer.MAX_VALUE));
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventRules.check(c));
        assertEquals("dischargeDate", e.field());
        assertTrue(e.getMessage().contains("is not between 1900 and 2999"), e.getMessage());
        c.setDischargeDate(java.time.LocalDate.of(1899, 12, 31));
        assertEquals("dischargeDate", assertThrows(EventFormatException.class, () -> EventRules.check(c)).field());
        c.setAdmissionDate(java.time.LocalDate.of(1900, 1, 1));
        c.setDischargeDate(java.time.LocalDate.of(1900, 1, 1));
        assertDoesNotThrow(() -> EventRules.check(c));
    }

    @Test
    void anEmptyRequiredStringIsRefused() {
        Claim c = claim();
        c.setHospitalId("");
        assertEquals("claim H1-9: hospitalId is empty",
                assertThrows(EventFormatException.class, () -> EventRules.check(c)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"p-1", " P-1", "P-1 ", "P_1", "-P1", "P1-", "Ｐ-1", "P\u200B1", ""})
    void personIdsOutsideTheFormatAreRefusedWithoutEchoingThem(String id) {
        Claim c = claim();
        c.setPersonId(id);
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventRules.check(c));
        assertEquals("personId", e.field());
        assertFalse(id.length() > 1 && e.getMessage().contains(id.trim()), e.getMessage());
        ClaimReversal r = ClaimReversal.newBuilder().setReversalId("R1").setClaimId("H1-9").setPersonId(id)
                .setRegion("nanjing").build();
        assertEquals("personId", assertThrows(EventFormatException.class, () -> EventRules.check(r)).field());
    }

    @Test
    void theJsonReaderAppliesThePersonIdFormatToo() {
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> EventJson.read(CLAIM.replace("\"P-1\"", "\"p-1\"")));
        assertEquals("personId", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"P", "P-0001", "32010219800101123X", "JJ-42-000002"})
    void personIdsInTheFormatPass(String id) {
        assertTrue(PersonIds.valid(id));
        Claim c = claim();
        c.setPersonId(id);
        assertDoesNotThrow(() -> EventRules.check(c));
    }

    @Test
    void aPersonIdLongerThanSixtyFourCharactersIsRefused() {
        assertTrue(PersonIds.valid("A".repeat(64)));
        assertFalse(PersonIds.valid("A".repeat(65)));
    }

    @Test
    void aRejectionOfAnInputThatNamedNoYearReadsBackWithYearZero() {
        String rejected = "{\"type\":\"settlement\",\"settlementId\":\"rejected:x\",\"claimId\":null,\"personId\":\"\","
                + "\"region\":\"atlantis\",\"year\":0,\"status\":\"rejected\",\"tier\":null,\"identity\":null,"
                + "\"eligible\":\"0.00\",\"assistance\":\"0.00\",\"tilt\":\"0.00\",\"remaining\":\"0.00\","
                + "\"otherPayers\":{\"localFinanceRelief\":\"0.00\",\"hospitalBorne\":\"0.00\"},\"policy\":\"\",\"explanation\":[]}";
        assertDoesNotThrow(() -> EventJson.read(rejected));
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> EventJson.read(rejected.replace("\"rejected\"}", "\"settled\"}").replace("\"status\":\"rejected\"", "\"status\":\"settled\"")));
        assertEquals("year", e.field());
    }
}
