package org.medassist.launcher.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medassist.simulator.StreamEvent;

/**
 * How a window of the synthetic stream is posted: as few requests as possible without changing what any person sees.
 *
 * <p>A request carries events of one type from one sender (one endpoint, one bearer token). Posting the stream in its
 * own order, a request could only take the consecutive events of one sender, one to three in a stream of many
 * hospitals and departments, each request a Kafka transaction. The plan instead gathers each sender's events of the
 * window, under two rules that keep every person's amounts what in-order posting gives:
 *
 * <ul>
 *   <li><b>A person's events keep their order</b> (E2: a person's events apply in the order they were sent,
 *       docs/decisions.md). An event joins its sender's open request only when the person's earlier events not yet
 *       posted are in that same request; when they are in another sender's request, that request is posted first.</li>
 *   <li><b>An event of no person is a barrier.</b> A parameter or a year close is posted after everything before it
 *       and before everything after it.</li>
 * </ul>
 *
 * Events of different persons may go out in another order than the stream's; the engine settles each person on their
 * own events, so no amount changes (docs/performance.md, "bin/run --rate 0: the publisher"). A claim may now more
 * often reach settlement before its person's identity timeline has come through eligibility-service, and is then
 * settled and adjusted (E1); posting in order never ordered the two services either.
 */
final class BatchPlan {
    private BatchPlan() {}

    /** The requests for {@code window}, in the order they are to be posted, each at most {@code maxBatch} events. */
    static List<List<StreamEvent>> plan(List<StreamEvent> window, int maxBatch) {
        List<List<StreamEvent>> out = new ArrayList<>();
        // open requests by route (type and sender), and where each person's unposted events are
        Map<String, List<StreamEvent>> open = new LinkedHashMap<>();
        Map<Long, List<StreamEvent>> personIn = new HashMap<>();
        Map<List<StreamEvent>, String> routeOf = new IdentityHashMap<>();
        for (StreamEvent e : window) {
            long person = e.person();
            if (person == StreamEvent.NO_PERSON) {
                postAll(open, personIn, routeOf, out);
                out.add(new ArrayList<>(List.of(e)));
                continue;
            }
            String route = e.type() + '\u0000' + e.principal();
            List<StreamEvent> request = open.get(route);
            List<StreamEvent> earlier = personIn.get(person);
            if (earlier != null && earlier != request) post(earlier, open, personIn, routeOf, out);
            if (request != null && request.size() >= maxBatch) {
                post(request, open, personIn, routeOf, out);
                request = null;
            }
            if (request == null) {
                request = new ArrayList<>();
                open.put(route, request);
                routeOf.put(request, route);
            }
            request.add(e);
            personIn.put(person, request);
        }
        postAll(open, personIn, routeOf, out);
        return out;
    }

    private static void post(List<StreamEvent> request, Map<String, List<StreamEvent>> open,
                             Map<Long, List<StreamEvent>> personIn, Map<List<StreamEvent>, String> routeOf,
                             List<List<StreamEvent>> out) {
        open.remove(routeOf.remove(request));
        personIn.values().removeIf(r -> r == request);
        out.add(request);
    }

    private static void postAll(Map<String, List<StreamEvent>> open, Map<Long, List<StreamEvent>> personIn,
                                Map<List<StreamEvent>, String> routeOf, List<List<StreamEvent>> out) {
        for (List<StreamEvent> request : new ArrayList<>(open.values())) post(request, open, personIn, routeOf, out);
    }
}
