package org.medassist.schemas.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.medassist.events.Amounts;
import org.medassist.events.Claim;
import org.medassist.events.ClaimKind;
import org.medassist.events.HospitalLevel;
import org.medassist.events.Location;
import org.medassist.events.OtherPayers;
import org.medassist.events.Settlement;
import org.medassist.events.SettlementStatus;
import org.medassist.engine.money.Money;

/** Properties over many amounts and dates: the codec loses nothing and accepts exactly the consistent claims. */
class EventJsonProperties {
    private static final long MAX = Money.MAX_FEN / 4;

    private static Claim claim(long outOfScope, long basic, long critical, long other, long selfPay, LocalDate discharge) {
        long scope = basic + critical + other + selfPay;
        return Claim.newBuilder()
                .setClaimId("C-" + scope).setPersonId("P-1").setRegion("jiyuan").setHospitalId("H1")
                .setHospitalLevel(HospitalLevel.secondary).setKind(ClaimKind.inpatient)
                .setAdmissionDate(discharge.minusDays(3)).setDischargeDate(discharge)
                .setLocation(Location.in_city).setReferred(false).setHardship(false).setDiseaseGroup(null)
                .setSpecialDiseaseRegistered(false)
                .setAmounts(new Amounts(scope + outOfScope, outOfScope, scope, basic, critical, other))
                .build();
    }

    @Example
    void extremeClaimsRoundTrip() {
        assertRoundTrip(claim(0, 0, 0, 0, 0, LocalDate.of(1900, 1, 4)));
        assertRoundTrip(claim(MAX, MAX / 4, MAX / 4, MAX / 4, MAX / 4, LocalDate.of(2999, 12, 31)));
        assertRoundTrip(claim(1, 1, 0, 1, 0, LocalDate.of(2024, 2, 29)));
    }

    private static void assertRoundTrip(Claim c) {
        String line = EventJson.write(c);
        assertEquals(c, EventJson.read(line));
        assertEquals(line, EventJson.write(EventJson.read(line)));
    }

    /** Six parameters have more combined edge cases than tries; the extremes are in the example above. */
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void consistentClaimsRoundTrip(@ForAll @LongRange(max = MAX) long outOfScope, @ForAll @LongRange(max = MAX / 4) long basic,
                                   @ForAll @LongRange(max = MAX / 4) long critical, @ForAll @LongRange(max = MAX / 4) long other,
                                   @ForAll @LongRange(max = MAX / 4) long selfPay, @ForAll @IntRange(min = 0, max = 60000) int day) {
        assertRoundTrip(claim(outOfScope, basic, critical, other, selfPay, LocalDate.of(1990, 1, 1).plusDays(day)));
    }

    @Property(tries = 200)
    void aNegativeBaseIsAlwaysRejected(@ForAll @LongRange(min = 1, max = MAX / 4) long basic,
                                       @ForAll @LongRange(max = MAX / 4) long critical,
                                       @ForAll @LongRange(min = 1, max = MAX / 4) long shortfall) {
        Assume.that(shortfall <= basic + critical);
        Claim consistent = claim(0, basic, critical, 0, 0, LocalDate.of(2023, 6, 1));
        String line = EventJson.write(consistent)
                .replace("\"policyScope\":\"" + Money.format(basic + critical) + "\"",
                        "\"policyScope\":\"" + Money.format(basic + critical - shortfall) + "\"")
                .replace("\"total\":\"" + Money.format(basic + critical) + "\"",
                        "\"total\":\"" + Money.format(basic + critical - shortfall) + "\"");
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventJson.read(line));
        long scope = basic + critical - shortfall;
        String expected = basic > scope ? "amounts.basicInsurance" : critical > scope ? "amounts.criticalIllness" : "amounts";
        assertEquals(expected, e.field(), e.getMessage());
    }

    @Property(tries = 200)
    void settlementDeltasOfAnySignRoundTrip(@ForAll @LongRange(min = -MAX, max = MAX) long assistance,
                                            @ForAll @LongRange(min = -MAX, max = MAX) long tilt,
                                            @ForAll boolean recoveryDue) {
        Settlement s = Settlement.newBuilder()
                .setSettlementId("S").setClaimId("C").setPersonId("P").setRegion("nanjing").setYear(2023)
                .setStatus(SettlementStatus.adjustment).setTier("A").setIdentity("orphan")
                .setEligible(Math.abs(assistance)).setAssistance(assistance).setTilt(tilt).setRemaining(0)
                .setOtherPayers(new OtherPayers(0L, Math.abs(tilt))).setPolicy("nanjing/p")
                .setExplanation(List.of("a", "b")).setReference(null).setReason(null)
                .setRecoveryDue(recoveryDue).setKpiFlags(List.of())
                .build();
        assertEquals(s, EventJson.read(EventJson.write(s)));
    }
}
