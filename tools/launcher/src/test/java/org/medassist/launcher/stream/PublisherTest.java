package org.medassist.launcher.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.schemas.http.Endpoint;
import org.medassist.simulator.SimulationConfig;
import org.medassist.simulator.StreamEvent;
import org.medassist.simulator.SyntheticStream;

/**
 * The publisher against an HTTP server that, like the services, takes a request all or nothing and refuses one that
 * holds an event breaking the contract: every valid event is accepted once, every breach is refused on its own (the
 * valid events it was planned with are not lost), each person's events arrive in the stream's order, and the cursor
 * ends at the stream's end with the counts the server saw.
 */
class PublisherTest {
    @TempDir
    Path dir;

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void aBreachIsRefusedAloneAndEveryOtherEventArrivesOnceInItsPersonsOrder() throws Exception {
        SyntheticStream stream = new SyntheticStream(PolicyLoader.bundled(), SimulationConfig.of(11, 400, 1));
        List<String> bad = new ArrayList<>();
        Map<String, StreamEvent> byJson = new HashMap<>();
        int valid = 0;
        for (Iterator<StreamEvent> it = stream.iterator(); it.hasNext(); ) {
            StreamEvent e = it.next();
            byJson.put(e.json(), e);
            if (e.valid()) valid++;
            else bad.add(e.json());
        }
        assertTrue(bad.size() > 0, "the stream has breaches");

        List<StreamEvent> accepted = new ArrayList<>();
        int[] requests = new int[3]; // accepted, refused, unavailable
        serve(byJson, bad, accepted, requests, () -> false);

        Cursor cursor = Cursor.load(dir.resolve("cursor.properties"), stream.fingerprint());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Publisher p = publisher(stream, cursor, log)) {
            p.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!p.state().equals("complete") && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals("complete", p.state(), log.toString(StandardCharsets.UTF_8));
        }

        assertEquals(valid, accepted.size(), "every valid event accepted once");
        assertEquals(valid, new java.util.HashSet<>(accepted).size());
        assertEquals(bad.size(), cursor.refused(), "every breach refused, alone");
        assertEquals(valid, cursor.sent());
        assertEquals(valid + bad.size(), cursor.position(), "the cursor at the stream's end");
        Map<String, Long> last = new HashMap<>();
        for (StreamEvent e : accepted) {
            String person = BatchPlanTest.jsonPerson(e);
            if (person == null) continue;
            Long before = last.put(person, e.seq());
            assertTrue(before == null || before < e.seq(), person + ": " + e.seq() + " arrived before " + before);
        }
        System.out.printf("PublisherTest: %,d events (%d breaches) in %,d accepted and %,d refused requests%n",
                valid + bad.size(), bad.size(), requests[0], requests[1]);
    }

    /**
     * A server that, like the services, takes a request all or nothing: refused (400) when it holds a breach, 503 while
     * {@code down} says so, else accepted and its events recorded in order.
     */
    private void serve(Map<String, StreamEvent> byJson, List<String> bad, List<StreamEvent> accepted, int[] requests,
                       java.util.function.BooleanSupplier down) throws java.io.IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            if (down.getAsBoolean()) {
                status = 503;
                requests[2]++;
            } else if (bad.stream().anyMatch(body::contains)) {
                status = 400;
                requests[1]++;
            } else {
                status = 202;
                requests[0]++;
                // the body is the events' JSON lines joined by commas, in order: find them back
                String inner = body.substring(1, body.length() - 1);
                int at = 0;
                while (at < inner.length()) {
                    StreamEvent found = null;
                    for (int end = inner.indexOf('}', at); end > 0; end = inner.indexOf('}', end + 1)) {
                        found = byJson.get(inner.substring(at, end + 1));
                        if (found != null) {
                            at = end + 2;
                            break;
                        }
                    }
                    if (found == null) throw new IllegalStateException("not an event of the stream at " + at);
                    synchronized (accepted) {
                        accepted.add(found);
                    }
                }
            }
            byte[] answer = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    private Publisher publisher(SyntheticStream stream, Cursor cursor, ByteArrayOutputStream log) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new Publisher(stream, cursor, principal -> "token", Map.of(Endpoint.Service.ELIGIBILITY, url,
                Endpoint.Service.SETTLEMENT, url), 0, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    /**
     * A stop inside a window (the service stops answering; the run is stopped while the publisher retries): the cursor
     * stays at the last window handled whole, with that window's counts only; the next run posts the interrupted window
     * again (the services ignore ids they have) and the rest, so no event is lost and the counts come out exact.
     */
    @Test
    void aStopInsideAWindowKeepsTheCursorAtTheWindowAndTheNextRunLosesNothing() throws Exception {
        SyntheticStream stream = new SyntheticStream(PolicyLoader.bundled(), SimulationConfig.of(5, 600, 1).withInvalidShare(0));
        Map<String, StreamEvent> byJson = new HashMap<>();
        List<StreamEvent> all = new ArrayList<>();
        for (Iterator<StreamEvent> it = stream.iterator(); it.hasNext(); ) {
            StreamEvent e = it.next();
            byJson.put(e.json(), e);
            all.add(e);
        }
        assertTrue(all.size() > Publisher.WINDOW + 500, "more than one window: " + all.size());
        int firstWindowRequests = BatchPlan.plan(all.subList(0, Publisher.WINDOW), Publisher.MAX_BATCH).size();

        List<StreamEvent> accepted = new ArrayList<>();
        int[] requests = new int[3];
        // down from a few requests into the second window on
        serve(byJson, List.of(), accepted, requests, () -> requests[0] >= firstWindowRequests + 5);
        Path file = dir.resolve("cursor.properties");
        Cursor first = Cursor.load(file, stream.fingerprint());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Publisher p = publisher(stream, first, log);
        p.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (requests[2] == 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(requests[2] > 0, "the service went down inside the second window");
        p.close();
        assertEquals("stopped", p.state());
        assertEquals(Publisher.WINDOW, first.position(), "the cursor at the window handled whole");
        assertEquals(Publisher.WINDOW, first.sent(), "with that window's counts only");
        int before = accepted.size();
        assertTrue(before > Publisher.WINDOW, "some of the second window had been accepted: " + before);
        server.stop(0);

        serve(byJson, List.of(), accepted, new int[3], () -> false);
        Cursor again = Cursor.load(file, stream.fingerprint());
        assertEquals(Publisher.WINDOW, again.position());
        try (Publisher next = publisher(stream, again, log)) {
            next.start();
            while (!next.state().equals("complete") && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals("complete", next.state(), log.toString(StandardCharsets.UTF_8));
        }
        assertEquals(new java.util.HashSet<>(all), new java.util.HashSet<>(accepted), "every event accepted");
        assertEquals(all.size(), again.sent(), "counted once each");
        assertEquals(all.size(), again.position());
        assertEquals(all.size() + (before - Publisher.WINDOW), accepted.size(),
                "posted twice: only what the interrupted window had got through");
    }
}
