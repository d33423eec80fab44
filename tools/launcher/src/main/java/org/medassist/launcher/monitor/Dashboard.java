package org.medassist.launcher.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The monitoring offices' page: a small HTTP server on 127.0.0.1 (JDK {@code com.sun.net.httpserver}) with
 *
 * <ul>
 *   <li>{@code GET /}: one static HTML page, no external resources;</li>
 *   <li>{@code GET /events}: Server-Sent Events: a {@code snapshot} (totals, recent settlements and alerts) on
 *       connect, then every {@code settlement} and {@code alert} as it is read, and {@code totals} each second;</li>
 *   <li>{@code GET /api/summary}: the totals and the run's status as JSON.</li>
 * </ul>
 *
 * Persons appear only as {@link PersonIdHash}es.
 */
public final class Dashboard implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENT_QUEUE = 5_000;

    private final HttpServer server;
    private final Totals totals;
    private final Supplier<Map<String, Object>> status;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker;
    private final Consumer<Map<String, Object>> feed;
    private final byte[] page;

    /**
     * @param status the run's status (stream progress, services), sent with the totals
     * @throws IOException when the port cannot be bound
     */
    public Dashboard(int port, Totals totals, Supplier<Map<String, Object>> status) throws IOException {
        this.totals = totals;
        this.status = status;
        this.page = resource("/org/medassist/launcher/dashboard.html");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
        this.workers = Executors.newCachedThreadPool(daemon("dashboard-http"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("dashboard-ticker"));
        server.setExecutor(workers);
        server.createContext("/", this::page);
        server.createContext("/events", this::events);
        server.createContext("/api/summary", this::summary);
        this.feed = view -> broadcast(String.valueOf(view.get("kind")), view);
    }

    public void start() {
        totals.addListener(feed);
        server.start();
        ticker.scheduleAtFixedRate(() -> broadcast("totals", summaryView()), 1, 1, TimeUnit.SECONDS);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private Map<String, Object> summaryView() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totals", totals.totalsView());
        m.put("status", status.get());
        return m;
    }

    private void page(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals("/")) {
                send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(ex, 200, "text/html; charset=utf-8", page);
        }
    }

    private void summary(HttpExchange ex) throws IOException {
        try (ex) {
            send(ex, 200, "application/json; charset=utf-8", JSON.writeValueAsBytes(summaryView()));
        }
    }

    private void events(HttpExchange ex) throws IOException {
        Client client = new Client();
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        try (ex; OutputStream out = ex.getResponseBody()) {
            Map<String, Object> snapshot = summaryView();
            // register before reading the recent lists: an item may then come twice, never not at all
            clients.add(client);
            snapshot.put("settlements", totals.recentSettlements());
            snapshot.put("alerts", totals.recentAlerts());
            out.write(("retry: 2000\n\n" + frame("snapshot", snapshot)).getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!client.closed) {
                String next = client.queue.poll(15, TimeUnit.SECONDS);
                StringBuilder chunk = new StringBuilder(next == null ? ": keep-alive\n\n" : next);
                for (String more; chunk.length() < 64_000 && (more = client.queue.poll()) != null; ) chunk.append(more);
                out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the browser went away, or the dashboard is closing
        } finally {
            clients.remove(client);
        }
    }

    private void broadcast(String event, Object data) {
        if (clients.isEmpty()) return;
        String frame = frame(event, data);
        for (Client c : clients) {
            if (!c.queue.offer(frame)) {
                // too far behind: drop it; the browser reconnects and gets a fresh snapshot
                c.closed = true;
                clients.remove(c);
            }
        }
    }

    private static String frame(String event, Object data) {
        try {
            return "event: " + event + "\ndata: " + JSON.writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    private static byte[] resource(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the launcher jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        totals.removeListener(feed);
        ticker.shutdownNow();
        for (Client c : clients) c.closed = true;
        server.stop(0);
        workers.shutdownNow();
    }

    private static final class Client {
        final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CLIENT_QUEUE);
        volatile boolean closed;
    }
}
