package org.medassist.settlement.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.medassist.engine.model.ClaimKey;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipOutcome;
import org.medassist.events.OwnershipRequest;
import org.medassist.kit.ownership.Ownership;

/** Replay's owners decide as a map of id strings with {@link Ownership#decide} does, claims asked by key included. */
class InMemoryOwnersTest {
    @Property(tries = 500)
    void anIdHasTheHashAndEqualityOfItsText(@ForAll @StringLength(max = 12) String a, @ForAll @StringLength(max = 12) String b,
                                             @ForAll @StringLength(max = 12) String c, @ForAll @StringLength(max = 12) String d) {
        InMemoryOwners.OwnedId split = new InMemoryOwners.OwnedId(a, b);
        String text = a + '\u001f' + b;
        assertEquals(text.hashCode(), split.hashCode());
        assertEquals(text, split.toString());
        assertEquals(split, new InMemoryOwners.OwnedId(text));
        assertEquals(new InMemoryOwners.OwnedId(text), split);
        assertEquals(text.equals(c + '\u001f' + d), split.equals(new InMemoryOwners.OwnedId(c, d)));
        assertEquals(text.equals(c), split.equals(new InMemoryOwners.OwnedId(c)));
    }

    @Test
    void theSeparatorInsideAnIdMakesTheSameTextAsTheStringsDo() {
        assertEquals(new InMemoryOwners.OwnedId("A\u001fB", "C"), new InMemoryOwners.OwnedId("A", "B\u001fC"));
        assertNotEquals(new InMemoryOwners.OwnedId("A", "BC"), new InMemoryOwners.OwnedId("AB", "C"));
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
            } else {
                String[] got = new String[1];
                assertEquals(expected.getOutcome(), owners.askClaim(new ClaimKey(first, second), person, region, year, got));
                assertEquals(expected.getWhere(), got[0]);
            }
        }
    }
}
