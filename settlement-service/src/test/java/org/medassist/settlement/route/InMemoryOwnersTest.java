package org.medassist.settlement.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.medassist.engine.model.CareKind;
import org.medassist.engine.model.CareLocation;
import org.medassist.engine.model.ClaimKey;
import org.medassist.engine.model.HospitalGrade;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipOutcome;
import org.medassist.events.OwnershipRequest;
import org.medassist.kit.ownership.Ownership;

/** Replay's owners decide as a map of id strings with {@link Ownership#decide} does, claims asked by key included. */
class InMemoryOwnersTest {
    @Property(tries = 500)
    void anIdHasTheHashAndEqualityOfItsText(@ForAll @StringLength(max = 12) String a, @ForAll @StringLength(max = 12) String b,
                                             @ForAll @StringLength(max = 12) String c, @ForAll @StringLength(max = 12) String d) {
        String text = a + '\u001f' + b;
        assertEquals(text.hashCode(), InMemoryOwners.hash(a, b));
        assertTrue(InMemoryOwners.sameText(a, b, text, null));
        assertTrue(InMemoryOwners.sameText(text, null, a, b));
        assertEquals(text.equals(c + '\u001f' + d), InMemoryOwners.sameText(a, b, c, d));
        assertEquals(text.equals(c), InMemoryOwners.sameText(a, b, c, null));
    }

    @Test
    void theSeparatorInsideAnIdMakesTheSameTextAsTheStringsDo() {
        assertTrue(InMemoryOwners.sameText("A\u001fB", "C", "A", "B\u001fC"));
        assertFalse(InMemoryOwners.sameText("A", "BC", "AB", "C"));
    }

    /** Random claim and identity questions over few hospitals, ids and persons: every answer equals the string map's. */
    @Test
    void claimsAskedByKeyAreAnsweredAsTheirRequestIs() {
        Random rnd = new Random(3);
        InMemoryOwners owners = new InMemoryOwners();
        Map<String, String> strings = new HashMap<>();
        List<String> parts = new ArrayList<>(List.of("H1", "H2", "C1", "C2", "H1\u001fC1", "civil_affairs", "E1"));
        for (int i = 0; i < 20_000; i++) {
            String first = parts.get(rnd.nextInt(parts.size()));
            String second = parts.get(rnd.nextInt(parts.size()));
            String person = "P-" + rnd.nextInt(4);
            String region = rnd.nextBoolean() ? "jiyuan" : "nanjing";
            int year = 2023 + rnd.nextInt(2);
            String id = first + '\u001f' + second;
            String where = rnd.nextInt(3) == 0 ? "" : region + "|" + year;
            OwnershipRequest r = OwnershipRequest.newBuilder().setId(id).setPersonId(person).setWhere(where).setRequestId("replay").build();
            OwnershipAnswer expected = Ownership.decide(strings.get(id), r);
            if (expected.getOutcome() == OwnershipOutcome.granted) strings.put(id, Ownership.stored(person, where));
            if (where.isEmpty()) { // an identity event's question
                OwnershipAnswer a = owners.ask(r);
                assertEquals(expected.getOutcome(), a.getOutcome());
                assertEquals(expected.getWhere(), a.getWhere());
            } else if (rnd.nextBoolean()) {
                String[] got = new String[1];
                assertEquals(expected.getOutcome(), owners.askClaim(new ClaimKey(first, second), person, region, year, got));
                assertEquals(expected.getWhere(), got[0]);
            } else { // as EventRouter asks: the claim itself, which the owners may keep as the id and its owner
                String[] got = new String[1];
                assertEquals(expected.getOutcome(), owners.askClaim(claim(first, second, person, region, year), person, got));
                assertEquals(expected.getWhere(), got[0]);
            }
        }
        assertEquals(strings.size(), owners.size());
    }

    /**
     * Many distinct ids with neighbouring hashes (sequential claimIds, as simulated streams have), each asked twice and
     * by another person: every answer equals the string map's, and the table stays within a fixed factor of the ids.
     */
    @Test
    void manyIdsGrowTheTableAndKeepEveryAnswer() {
        InMemoryOwners owners = new InMemoryOwners();
        Map<String, String> strings = new HashMap<>();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            String hospital = "H-" + (i % 7);
            String claimId = hospital + "-2024-" + i;
            String person = "P-" + (i % 1_000);
            String[] got = new String[1];
            assertEquals(OwnershipOutcome.granted, owners.askClaim(claim(hospital, claimId, person, "jiyuan", 2024), person, got));
            strings.put(hospital + '\u001f' + claimId, person);
            if (i % 5 == 0) { // an identity event's id of the same text: already owned
                OwnershipRequest r = OwnershipRequest.newBuilder().setId(hospital + '\u001f' + claimId).setPersonId("Q")
                        .setWhere("").setRequestId("replay").build();
                assertEquals(OwnershipOutcome.taken, owners.ask(r).getOutcome());
            }
        }
        for (int i = 0; i < n; i += 3) {
            String hospital = "H-" + (i % 7);
            String claimId = hospital + "-2024-" + i;
            String[] got = new String[1];
            assertEquals(OwnershipOutcome.already_yours, owners.askClaim(new ClaimKey(hospital, claimId), "P-" + (i % 1_000), "nanjing", 2023, got));
            assertEquals("jiyuan|2024", got[0]);
            assertEquals(OwnershipOutcome.taken, owners.askClaim(claim(hospital, claimId, "other", "jiyuan", 2024), "other", got));
        }
        String[] got = new String[1];
        assertEquals(OwnershipOutcome.granted, owners.askClaim(new ClaimKey("H-0", "H-0-2024-1"), "P-1", "jiyuan", 2024, got));
        assertEquals(n + 1, owners.size());
        assertTrue(owners.capacity() <= 4 * owners.size(), "table of " + owners.capacity() + " slots for " + owners.size() + " ids");
    }

    private static MedicalClaim claim(String hospitalId, String claimId, String personId, String region, int year) {
        LocalDate day = LocalDate.of(year, 3, 1);
        return new MedicalClaim(claimId, personId, region, hospitalId, HospitalGrade.TERTIARY, CareKind.INPATIENT, day, day,
                CareLocation.IN_CITY, false, false, null, false, 100, 0, 100, 0, 0, 0);
    }
}
