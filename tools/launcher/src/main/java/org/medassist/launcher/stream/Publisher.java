package org.medassist.launcher.stream;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.medassist.simulator.Principal;
import org.medassist.simulator.StreamEvent;
import org.medassist.simulator.SyntheticStream;

/**
 * Posts the synthetic stream to the services over HTTP, in order, at a given rate: consecutive events for the same
 * endpoint and sender go out together as one JSON array, with the sender's bearer token.
 *
 * <ul>
 *   <li>Accepted (2xx): counted and the {@link Cursor} saved, so a restart resumes after them.</li>
 *   <li>Refused (4xx, e.g. an event breaking the contract or a wrong token): reported, counted as refused and not
 *       sent again.</li>
 *   <li>Not answered (connection refused, timeout, 5xx): retried with back-off until the service answers or the
 *       publisher is stopped; a stopped publisher leaves the batch for the next run.</li>
 * </ul>
 */
public final class Publisher implements AutoCloseable {

    /** Most events in one POST. */
    public static final int MAX_BATCH = 100;

    private final SyntheticStream stream;
    private final Cursor cursor;
    private final Function<Principal, String> tokens;
    private final Map<Endpoint.Service, URI> baseUrls;
    private final double rate;
    private final PrintStream log;
    private final HttpClient http;
    private final Thread thread;
    private final Map<String, Long> lastWarning = new HashMap<>();

    private volatile boolean running = true;
    private volatile LocalDate simDate;
    private volatile String state = "starting";
    private volatile long total = -1;

    /**
     * @param tokens   the bearer token of each sender
     * @param baseUrls {@code http://127.0.0.1:PORT} of each service
     * @param rate     events per second; 0 or less sends as fast as the services take them
     * @param log      where warnings go
     */
    public Publisher(SyntheticStream stream, Cursor cursor, Function<Principal, String> tokens,
                     Map<Endpoint.Service, URI> baseUrls, double rate, PrintStream log) {
        this.stream = Objects.requireNonNull(stream);
        this.cursor = Objects.requireNonNull(cursor);
        this.tokens = Objects.requireNonNull(tokens);
        this.baseUrls = Map.copyOf(baseUrls);
        this.rate = rate;
        this.log = Objects.requireNonNull(log);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.thread = new Thread(this::run, "stream-publisher");
        this.thread.setDaemon(true);
    }

    public void start() {
        Thread counter = new Thread(() -> total = stream.count(), "stream-counter");
        counter.setDaemon(true);
        counter.setPriority(Thread.MIN_PRIORITY);
        counter.start();
        thread.start();
    }

    /** Stops after the batch in flight (its outcome is recorded) and saves the cursor. Idempotent. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cursor.save();
    }

    public Cursor cursor() {
        return cursor;
    }

    /** The simulated day of the last event handled, or null before the first. */
    public LocalDate simDate() {
        return simDate;
    }

    /** What the publisher is doing, in a few words. */
    public String state() {
        return state;
    }

    /** How many events the whole stream has, or -1 while that is still being counted. */
    public long total() {
        return total;
    }

    private void run() {
        try {
            Peeking it = new Peeking(stream.iterator());
            long skip = cursor.position();
            if (skip > 0) {
                state = "skipping " + skip + " events sent before";
                for (long i = 0; i < skip && it.hasNext(); i++) simDate = it.next().simDate();
            }
            state = "sending";
            long t0 = System.nanoTime();
            long sentThisRun = 0;
            while (running && it.hasNext()) {
                int budget = MAX_BATCH;
                if (rate > 0) {
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    long due = (long) (elapsed * rate) - sentThisRun;
                    if (due <= 0) {
                        sleep(Math.max(1, (long) (((sentThisRun + 1) / rate - elapsed) * 1000)));
                        continue;
                    }
                    budget = (int) Math.min(MAX_BATCH, due);
                }
                List<StreamEvent> batch = new ArrayList<>();
                batch.add(it.next());
                while (batch.size() < budget && it.hasNext() && sameRoute(it.peek(), batch.get(0))) batch.add(it.next());
                if (!post(batch)) break; // stopped while retrying: the batch is sent on the next run
                simDate = batch.get(batch.size() - 1).simDate();
                sentThisRun += batch.size();
            }
            if (running) {
                state = "complete";
                log.printf("[stream] the synthetic stream is complete: %,d events sent, %,d refused%n", cursor.sent(), cursor.refused());
            } else {
                state = "stopped";
            }
        } catch (RuntimeException e) {
            state = "failed: " + e;
            log.println("[stream] the publisher stopped on an error: " + e);
            e.printStackTrace(log);
        } finally {
            cursor.save();
        }
    }

    private static boolean sameRoute(StreamEvent a, StreamEvent b) {
        return a.type().equals(b.type()) && a.principal().equals(b.principal());
    }

    /** Posts one batch until it is accepted or refused (true), or the publisher is stopped (false). */
    private boolean post(List<StreamEvent> batch) {
        StreamEvent first = batch.get(0);
        Endpoint endpoint = Endpoint.forType(first.type());
        StringBuilder body = new StringBuilder(batch.size() * 400).append('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) body.append(',');
            body.append(batch.get(i).json());
        }
        body.append(']');
        URI uri = baseUrls.get(endpoint.service()).resolve(endpoint.path());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.apply(first.principal()))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        long backoff = 250;
        while (true) {
            String problem;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status / 100 == 2) {
                    cursor.accepted(first.type(), batch.size());
                    cursor.save();
                    state = "sending";
                    return true;
                }
                if (status / 100 == 4 && status != 408 && status != 429) {
                    cursor.refused(batch.size());
                    cursor.save();
                    warn("refused:" + endpoint + ":" + status, String.format(
                            "[stream] %s refused %d %s event(s) from %s (HTTP %d): %s", serviceName(endpoint), batch.size(),
                            first.type(), first.principal(), status, abbreviate(response.body())));
                    return true;
                }
                problem = "HTTP " + status + " " + abbreviate(response.body());
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
            } catch (InterruptedException e) {
                if (!running) return false;
                continue;
            }
            if (!running) return false;
            state = "waiting for " + serviceName(endpoint);
            warn("retry:" + endpoint.service(), "[stream] " + serviceName(endpoint) + " " + uri + " does not take events yet ("
                    + problem + "); retrying");
            sleep(backoff);
            if (!running) return false;
            backoff = Math.min(backoff * 2, 10_000);
        }
    }

    private static String serviceName(Endpoint e) {
        return e.service() == Endpoint.Service.ELIGIBILITY ? "eligibility-service" : "settlement-service";
    }

    /** Prints a warning, at most once every 30 s for the same key. */
    private void warn(String key, String message) {
        long now = System.nanoTime();
        Long last = lastWarning.get(key);
        if (last != null && now - last < 30_000_000_000L) return;
        lastWarning.put(key, now);
        log.println(message);
    }

    private static String abbreviate(String s) {
        if (s == null) return "";
        s = s.replaceAll("\\s+", " ").trim();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // close() interrupts; the loop checks `running`
        }
    }

    /** An iterator that can look at its next element. */
    private static final class Peeking implements Iterator<StreamEvent> {
        private final Iterator<StreamEvent> it;
        private StreamEvent next;

        Peeking(Iterator<StreamEvent> it) {
            this.it = it;
        }

        @Override
        public boolean hasNext() {
            return next != null || it.hasNext();
        }

        @Override
        public StreamEvent next() {
            if (next != null) {
                StreamEvent n = next;
                next = null;
                return n;
            }
            return it.next();
        }

        StreamEvent peek() {
            if (next == null) next = it.next();
            return next;
        }
    }
}
