package org.medassist.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HttpPublisher} against a stand-in for both services that takes requests all or nothing, answers them after a
 * few milliseconds, refuses a request holding a contract breach, and once drops the connection of a request it has
 * taken (a service killed after its commit, before its answer).
 */
class HttpPublisherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer server;

    /** A request as the stand-in took it: its events' ids, and when it arrived and was answered (a global sequence). */
    record Taken(List<String> ids, int arrived, int answered, int status) {}

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void eachPersonsEventsArriveInOrder_aParameterBetweenAllBeforeAndAfter_aBreachRefusedAlone_anUnansweredRequestPostedAgain()
            throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(parameter("30000.00"));
        for (int round = 1; round <= 4; round++) {
            for (int p = 1; p <= 7; p++) lines.add(claim("P-" + p, round, p % 2 == 0 ? "H02" : "H01", "0.00"));
            if (round == 2) {
                lines.add(claim("P-2", 9, "H02", "-1.00")); // breaks the contract: refused, alone
                lines.add(parameter("31000.00"));
            }
        }
        Path file = dir.resolve("events.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        EventFile events = EventFile.read(file);

        List<Taken> taken = new CopyOnWriteArrayList<>();
        AtomicInteger clock = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicBoolean dropped = new AtomicBoolean();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/v1/", exchange -> {
            int arrived = clock.incrementAndGet();
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                List<String> ids = new ArrayList<>();
                for (JsonNode e : JSON.readTree(exchange.getRequestBody().readAllBytes())) {
                    ids.add(e.has("claimId") ? e.get("claimId").asText() : "parameter " + e.get("value").asText());
                }
                // a round's third claims are slow to commit: a person's fourth must wait for the answer, not overtake
                Thread.sleep(ids.stream().anyMatch(id -> id.endsWith("/3")) ? 60 : 5);
                boolean breach = ids.stream().anyMatch(id -> id.endsWith("/9"));
                if (!breach && ids.contains("P-3/2") && dropped.compareAndSet(false, true)) {
                    taken.add(new Taken(ids, arrived, clock.incrementAndGet(), 202)); // committed, then the service died:
                    exchange.close(); // no answer, the connection closes under the request
                    return;
                }
                int status = breach ? 400 : 202;
                taken.add(new Taken(ids, arrived, clock.incrementAndGet(), status));
                answer(exchange, status, breach ? "{\"error\":\"invalid\",\"message\":\"amounts.otherInsurance is negative\"}" : "{}");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
        int port = server.getAddress().getPort();

        HttpPublisher publisher = new HttpPublisher(events, service -> port, HttpSenders.forFile(events), 3, new Pacing(0, () -> 0, 0));
        Thread t = new Thread(publisher);
        t.start();
        t.join(60_000);

        assertTrue(publisher.done());
        assertNull(publisher.fatal());
        assertEquals(lines.size(), publisher.position(), "every line answered");
        assertEquals(lines.size() - 1, publisher.accepted(), "every valid line accepted once (the dropped request's acceptance counts when it is answered)");
        assertEquals(1, publisher.refusals().size());
        assertEquals(new Feed.Refusal(16, 400, "amounts.otherInsurance is negative"), publisher.refusals().get(0));
        assertTrue(publisher.notes().stream().anyMatch(n -> n.startsWith("1 request(s) posted again after a service took them")),
                publisher.notes()::toString);
        assertTrue(mostInFlight.get() >= 2, "the three clients posted at once: at most " + mostInFlight.get() + " in flight");

        // per person: each event arrived after the request of the one before it was answered (first taken, for the
        // dropped request), so the service wrote them in file order, as one person's records are on Kafka
        List<Taken> accepted = taken.stream().filter(x -> x.status() == 202).sorted((a, b) -> Integer.compare(a.arrived(), b.arrived())).toList();
        for (int p = 1; p <= 7; p++) {
            for (int n = 1; n < 4; n++) {
                Taken earlier = first(accepted, "P-" + p + "/" + n);
                Taken later = first(accepted, "P-" + p + "/" + (n + 1));
                assertTrue(earlier == later || later.arrived() > earlier.answered(), "P-" + p + "/" + (n + 1) + " " + later
                        + " overtook P-" + p + "/" + n + " " + earlier);
            }
        }

        // the second parameter arrived after every line before it was answered, and before any line after it arrived
        Taken second = accepted.stream().filter(x -> x.ids().equals(List.of("parameter 31000.00"))).findFirst().orElseThrow();
        for (Taken x : taken) {
            if (x == second) continue;
            boolean before = x.ids().stream().anyMatch(id -> id.endsWith("/1") || id.endsWith("/2") || id.endsWith("/9") || id.equals("parameter 30000.00"));
            if (before) assertTrue(x.answered() < second.arrived(), () -> x + " answered after the parameter arrived: " + second);
            else assertTrue(x.arrived() > second.answered(), () -> x + " arrived before the parameter was answered: " + second);
        }
    }

    private static Taken first(List<Taken> accepted, String id) {
        return accepted.stream().filter(x -> x.ids().contains(id)).findFirst().orElseThrow(() -> new AssertionError(id + " never taken"));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, b.length);
        exchange.getResponseBody().write(b);
        exchange.close();
    }

    private static String parameter(String value) {
        return "{\"type\":\"parameter\",\"region\":\"nanjing\",\"year\":2023,\"name\":\"per_capita_disposable_income\",\"value\":\"" + value + "\"}";
    }

    /** A claim of {@code person} whose claimId is {@code <person>/<n>}. */
    private static String claim(String person, int n, String hospital, String otherInsurance) {
        return EventFileTest.CLAIM.formatted(otherInsurance).replace("\"C-1\"", "\"" + person + "/" + n + "\"").replace("\"P-1\"", "\"" + person + "\"")
                .replace("\"H01\"", "\"" + hospital + "\"");
    }
}
