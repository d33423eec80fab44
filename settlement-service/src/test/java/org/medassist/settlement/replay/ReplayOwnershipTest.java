package org.medassist.settlement.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medassist.events.Settlement;

/**
 * Replay applies the same ownership rules as the stream, so both settle the same claims: a claim is one hospital's
 * claimId for one person, and a department's eventId is one person's (E14.16).
 */
class ReplayOwnershipTest {
    static String identity(String eventId, String person) {
        return "{\"type\":\"identity\",\"eventId\":\"" + eventId + "\",\"personId\":\"" + person + "\",\"region\":\"jiangyin\","
                + "\"department\":\"civil_affairs\",\"identity\":\"minimum_living\",\"action\":\"grant\",\"effectiveDate\":\"2023-01-01\"}";
    }

    static String claim(String claimId, String person, String hospital) {
        return "{\"type\":\"claim\",\"claimId\":\"" + claimId + "\",\"personId\":\"" + person + "\",\"region\":\"jiangyin\","
                + "\"hospitalId\":\"" + hospital + "\",\"hospitalLevel\":\"tertiary\",\"kind\":\"inpatient\","
                + "\"admissionDate\":\"2023-02-01\",\"dischargeDate\":\"2023-02-05\",\"location\":\"in_city\",\"referred\":true,"
                + "\"amounts\":{\"total\":\"10000.00\",\"outOfScope\":\"0.00\",\"policyScope\":\"10000.00\","
                + "\"basicInsurance\":\"0.00\",\"criticalIllness\":\"0.00\",\"otherInsurance\":\"0.00\"}}";
    }

    @Test
    void aClaimUnderASecondPersonIsRejectedAndTwoHospitalsMayShareANumber() {
        List<Settlement> out = ReplayProperties.settlements(ReplayProperties.replay(List.of(
                identity("mz-1", "P-1"), identity("mz-2", "P-2"),
                claim("C-1", "P-1", "H01"), claim("C-1", "P-2", "H01"), claim("C-1", "P-2", "H02"))));
        assertEquals(List.of("settled", "rejected", "settled"), out.stream().map(s -> s.getStatus().name()).toList());
        assertTrue(out.get(1).getReason().contains("already received for another person"), out.get(1).getReason());
        assertEquals(List.of(700_000L, 0L, 700_000L), out.stream().map(Settlement::getAssistance).toList());
    }

    @Test
    void aDepartmentsEventIdUnderASecondPersonIsRejectedAndChangesNothing() {
        List<Settlement> out = ReplayProperties.settlements(ReplayProperties.replay(List.of(
                identity("mz-1", "P-1"), identity("mz-1", "P-2"), claim("C-1", "P-1", "H01"), claim("C-2", "P-2", "H01"))));
        assertEquals(List.of("rejected", "settled", "settled"), out.stream().map(s -> s.getStatus().name()).toList());
        assertTrue(out.get(0).getReason().contains("identity event mz-1 of civil_affairs was already received for another person"),
                out.get(0).getReason());
        assertEquals(700_000L, out.get(1).getAssistance(), "P-1 holds the identity");
        assertEquals(0L, out.get(2).getAssistance(), "P-2 does not: the reused eventId granted nothing");
    }
}
