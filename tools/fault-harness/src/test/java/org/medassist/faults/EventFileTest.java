package org.medassist.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.medassist.events.Claim;

class EventFileTest {
    static final String CLAIM = "{\"type\":\"claim\",\"claimId\":\"C-1\",\"personId\":\"P-1\",\"region\":\"nanjing\",\"hospitalId\":\"H01\","
            + "\"hospitalLevel\":\"tertiary\",\"kind\":\"outpatient\",\"dischargeDate\":\"2023-02-03\",\"location\":\"in_city\","
            + "\"amounts\":{\"total\":\"320.00\",\"outOfScope\":\"0.00\",\"policyScope\":\"320.00\",\"basicInsurance\":\"0.00\","
            + "\"criticalIllness\":\"0.00\",\"otherInsurance\":\"%s\"}}";

    @Test
    void aValidEventIsPublishedAsItsRecord() {
        EventFile.Line l = EventFile.classify(1, CLAIM.formatted("0.00"));
        assertEquals(EventFile.Kind.VALID, l.kind());
        assertEquals("C-1", l.id());
        assertNull(l.rejection());
    }

    @Test
    void aBreachAvroCanHoldIsPublishedAsItIs_andRejectionIsFiledUnderItsClaim() {
        String text = CLAIM.formatted("-1.00");
        EventFile.Line l = EventFile.classify(7, text);
        assertEquals(EventFile.Kind.INVALID, l.kind());
        assertEquals("rejected claim C-1", l.rejection());
        Claim c = (Claim) EventFile.record(l, text);
        assertEquals(-100L, c.getAmounts().getOtherInsurance());
    }

    @Test
    void whatAvroCannotHoldIsNotPublished() {
        assertEquals(EventFile.Kind.UNPUBLISHABLE, EventFile.classify(1, CLAIM.formatted("0.00").replace("outpatient", "emergency")).kind());
        assertEquals(EventFile.Kind.UNPUBLISHABLE, EventFile.classify(1, CLAIM.formatted("0.00").replace("2023-02-03", "2023-02-30")).kind());
        assertEquals(EventFile.Kind.UNPUBLISHABLE, EventFile.classify(1, "{not json").kind());
        assertEquals(EventFile.Kind.BLANK, EventFile.classify(1, "  ").kind());
    }

    @Test
    void anIdentityFromTheWrongDepartmentIsFiledUnderItsReference() {
        EventFile.Line l = EventFile.classify(1, "{\"type\":\"identity\",\"eventId\":\"E-1\",\"personId\":\"P-1\",\"region\":\"nanjing\","
                + "\"department\":\"trade_union\",\"identity\":\"minimum_living\",\"action\":\"grant\",\"effectiveDate\":\"2023-01-01\"}");
        assertEquals(EventFile.Kind.INVALID, l.kind());
        assertEquals("rejected identity:E-1", l.rejection());
    }
}
