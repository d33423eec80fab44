package org.medassist.launcher.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.simulator.SimulationConfig;
import org.medassist.simulator.StreamEvent;
import org.medassist.simulator.SyntheticStream;

/**
 * The plan over the real synthetic stream (contract breaches and late identities included): every event is posted
 * once; each request is one route; every person's events go out in the stream's order; an event of no person stays
 * between what comes before and after it; and the stream needs far fewer requests than posting it in order did.
 */
class BatchPlanTest {

    @Test
    void personsKeepTheirOrderAndBarriersStayInPlace() {
        SyntheticStream stream = new SyntheticStream(PolicyLoader.bundled(), SimulationConfig.of(42, 3000, 2));
        List<StreamEvent> all = new ArrayList<>();
        for (Iterator<StreamEvent> it = stream.iterator(); it.hasNext(); ) all.add(it.next());

        List<StreamEvent> posted = new ArrayList<>();
        int requests = 0;
        for (int from = 0; from < all.size(); from += Publisher.WINDOW) {
            List<StreamEvent> window = all.subList(from, Math.min(all.size(), from + Publisher.WINDOW));
            for (List<StreamEvent> request : BatchPlan.plan(window, Publisher.MAX_BATCH)) {
                assertTrue(request.size() <= Publisher.MAX_BATCH);
                for (StreamEvent e : request) {
                    assertEquals(request.get(0).type(), e.type(), "one type per request");
                    assertEquals(request.get(0).principal(), e.principal(), "one sender per request");
                }
                posted.addAll(request);
                requests++;
            }
        }
        assertEquals(all.size(), posted.size(), "every event posted once");

        // each person's events in the stream's order; barriers after all before them and before all after them
        Map<String, Long> lastSeqOf = new HashMap<>();
        long highest = -1;
        long lastBarrier = -1;
        int barriers = 0;
        for (StreamEvent e : posted) {
            String person = jsonPerson(e);
            assertTrue(e.seq() > lastBarrier, "event " + e.seq() + " overtook the barrier " + lastBarrier);
            if (person == null) {
                assertEquals(highest + 1, e.seq(), "a barrier goes out after everything before it");
                lastBarrier = e.seq();
                barriers++;
            } else {
                Long before = lastSeqOf.put(person, e.seq());
                if (before != null) assertTrue(before < e.seq(), person + ": " + e.seq() + " went out before " + before);
            }
            highest = Math.max(highest, e.seq());
        }
        assertTrue(barriers > 0, "the stream has parameters and year closes");

        // what posting in order took: one request per run of consecutive events of one route
        int inOrder = 0;
        StreamEvent prev = null;
        int run = 0;
        for (StreamEvent e : all) {
            if (prev == null || !prev.type().equals(e.type()) || !prev.principal().equals(e.principal()) || run == Publisher.MAX_BATCH) {
                inOrder++;
                run = 0;
            }
            run++;
            prev = e;
        }
        assertTrue(requests * 4 < inOrder, requests + " requests against " + inOrder + " in order");
        System.out.printf("BatchPlanTest: %,d events, %,d requests (%,d posting in order)%n", all.size(), requests, inOrder);
    }

    @Test
    void theFirstEventOfAPersonFromAnotherSenderSendsTheEarlierRequestFirst() {
        SyntheticStream stream = new SyntheticStream(PolicyLoader.bundled(), SimulationConfig.of(7, 200, 1));
        StreamEvent identity = null;
        StreamEvent claim = null;
        for (Iterator<StreamEvent> it = stream.iterator(); it.hasNext() && (identity == null || claim == null); ) {
            StreamEvent e = it.next();
            if (identity == null && e.type().equals("identity")) identity = e;
            if (identity != null && e.type().equals("claim") && identity.person() == e.person()) claim = e;
        }
        assertNotNull(claim, "a person with an identity and a claim");
        List<List<StreamEvent>> plan = BatchPlan.plan(List.of(identity, claim), 100);
        assertEquals(List.of(List.of(identity), List.of(claim)), plan);
    }

    /**
     * The person an event names in its JSON, read here on its own (not the simulator's person number the plan goes by),
     * or null for a parameter or a year close, which must stay between what comes before and after them.
     */
    static String jsonPerson(StreamEvent e) {
        if (e.type().equals("parameter") || e.type().equals("year_close")) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"personId\"\\s*:\\s*\"([^\"]*)\"").matcher(e.json());
        return m.find() ? m.group(1) : "?" + e.person();
    }
}
