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
        int[] requests = new int[2]; // accepted, refused
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean refuse = bad.stream().anyMatch(body::contains);
            if (!refuse) {
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
                    accepted.add(found);
                }
            }
            requests[refuse ? 1 : 0]++;
            byte[] answer = (refuse ? "{\"error\":\"breach\"}" : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(refuse ? 400 : 202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

        Cursor cursor = Cursor.load(dir.resolve("cursor.properties"), stream.fingerprint());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Publisher p = new Publisher(stream, cursor, principal -> "token", Map.of(Endpoint.Service.ELIGIBILITY, url,
                Endpoint.Service.SETTLEMENT, url), 0, new PrintStream(log, true, StandardCharsets.UTF_8))) {
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
            String person = BatchPlan.personOf(e);
            if (person == null) continue;
            Long before = last.put(person, e.seq());
            assertTrue(before == null || before < e.seq(), person + ": " + e.seq() + " arrived before " + before);
        }
        System.out.printf("PublisherTest: %,d events (%d breaches) in %,d accepted and %,d refused requests%n",
                valid + bad.size(), bad.size(), requests[0], requests[1]);
    }
}
