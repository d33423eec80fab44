package org.medassist.engine.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A timeline finds an event by a scan while it holds few and by a map beyond ({@link IdentityTimeline#SCANNED}); both
 * decide as the map of {@code department/eventId} keys always did, '/' inside a department or eventId included.
 */
class IdentityTimelineTest {
    private static final String[] DEPARTMENTS = {"civil_affairs", "disability", "a/b", "a", "", null};
    private static final String[] EVENT_IDS = {"c", "b/c", "E1", "E2", "/", "", null};

    @Test
    void appliesAndKnowsAsAMapOfKeysDoes() {
        Random rnd = new Random(11);
        for (int round = 0; round < 300; round++) {
            IdentityTimeline t = new IdentityTimeline();
            Map<String, IdentityChange> model = new HashMap<>();
            List<IdentityChange> kept = new ArrayList<>();
            int steps = 1 + rnd.nextInt(40);
            for (int step = 0; step < steps; step++) {
                IdentityChange c = change(rnd);
                IdentityChange known = model.putIfAbsent(key(c.department(), c.eventId()), c);
                IdentityTimeline.Applied expected = known == null ? IdentityTimeline.Applied.APPLIED
                        : known.equals(c) ? IdentityTimeline.Applied.DUPLICATE : IdentityTimeline.Applied.CONFLICT;
                if (known == null) kept.add(c);
                assertEquals(expected, t.apply(c), "step " + step + " " + c);
                assertEquals(kept, t.changes());
                assertEquals(IdentityTimeline.fold(kept), t.spells());
                for (String d : DEPARTMENTS) {
                    for (String e : EVENT_IDS) assertEquals(model.containsKey(key(d, e)), t.knows(d, e), d + " " + e);
                }
                if (rnd.nextInt(10) == 0) { // the whole history again, as the person-eligibility topic sends it
                    List<IdentityChange> all = new ArrayList<>(kept);
                    all.add(change(rnd));
                    IdentityTimeline fresh = new IdentityTimeline();
                    for (IdentityChange x : all) fresh.apply(x);
                    t.replaceWith(all);
                    assertEquals(fresh.changes(), t.changes());
                    kept = new ArrayList<>(t.changes());
                    model.clear();
                    for (IdentityChange x : kept) model.put(key(x.department(), x.eventId()), x);
                }
            }
        }
    }

    @Test
    void aSlashInsideAPartMakesTheSameKey() {
        assertEquals(true, IdentityTimeline.sameKey("a/b", "c", "a", "b/c"));
        assertEquals(false, IdentityTimeline.sameKey("a", "bc", "ab", "c"));
        assertEquals(true, IdentityTimeline.sameKey(null, "x", "null", "x"));
    }

    private static String key(String department, String eventId) { return department + '/' + eventId; }

    private static IdentityChange change(Random rnd) {
        String eventId = rnd.nextInt(4) == 0 ? "E-" + rnd.nextInt(30) : EVENT_IDS[rnd.nextInt(EVENT_IDS.length)];
        String department = DEPARTMENTS[rnd.nextInt(DEPARTMENTS.length)];
        LocalDate day = LocalDate.of(2024, 1 + rnd.nextInt(12), 1);
        return new IdentityChange(eventId, "P1", "jiyuan", department, rnd.nextBoolean() ? "dibao" : "tekun", rnd.nextInt(3) != 0,
                day, 0, null, null);
    }
}
