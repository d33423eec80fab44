package org.medassist.engine.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.medassist.engine.Scenario;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.timeline.IdentityChange;
import org.medassist.engine.model.Reversal;
import org.medassist.engine.model.ResultStatus;

/** The same eventId or claimId again has no effect; the same claimId with other content is rejected. */
class IdempotencyTest {

    @Test
    void sameIdentityEventIdAgainChangesNothing_withOtherContentItIsRejected() {
        Scenario s = Scenario.of("jiangyin");
        IdentityChange grant = new IdentityChange("mz-1", "P", "jiangyin", "civil_affairs", "minimum_living", true,
                LocalDate.parse("2023-01-01"), 0, null, null);
        s.engine.identity(s.person("P"), grant, s);
        s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("100.00").send();
        s.engine.identity(s.person("P"), grant, s);
        assertEquals(1, s.settlements.size());
        IdentityChange revokeWithSameId = new IdentityChange("mz-1", "P", "jiangyin", "civil_affairs", "minimum_living",
                false, LocalDate.parse("2023-01-01"), 0, null, null);
        s.engine.identity(s.person("P"), revokeWithSameId, s);
        assertEquals(2, s.settlements.size());
        assertEquals(ResultStatus.REJECTED, s.settlements.get(1).status(), "E14.16");
        assertEquals(Scenario.fen("70.00"), s.assistance("c1"), "the revoke changed nothing");
    }

    @Test
    void sameClaimAgainIsIgnored_differentContentIsRejected() {
        Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2023-01-01");
        MedicalClaim c = s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("100.00").build();
        s.engine.claim(s.person("P"), c, s);
        s.engine.claim(s.person("P"), c, s);
        assertEquals(1, s.settlements.size());
        s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("200.00").send();
        assertEquals(ResultStatus.REJECTED, s.settlements.get(1).status());
        assertTrue(s.settlements.get(1).reason().contains("different content"));
        assertEquals(Scenario.fen("70.00"), s.assistance("c1") - 0, "the first claim stands");
    }

    @Test
    void reversalsAreIdempotent_unknownOrRepeatedReversalsAreRejected() {
        Scenario s = Scenario.of("jiangyin").grant("P", "minimum_living", "2023-01-01");
        s.claim("P", "c1", "inpatient").on("2023-02-01").selfPay("100.00").send();
        s.reverse("P", "c1");
        s.reverse("P", "c1");
        assertEquals(2, s.settlements.size(), "the same reversalId again has no effect");
        s.engine.reversal(s.person("P"), new Reversal("R-other", "c1", "P", "jiangyin", "again"), s);
        assertTrue(s.settlements.get(2).reason().contains("already reversed"));
        s.engine.reversal(s.person("P"), new Reversal("R-x", "nope", "P", "jiangyin", "?"), s);
        assertTrue(s.settlements.get(3).reason().contains("unknown"));
        assertEquals(0, s.assistance("c1"));
    }
}
