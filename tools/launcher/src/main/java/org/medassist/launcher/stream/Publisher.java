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
import org.medassist.schemas.http.Endpoint;
import org.medassist.schemas.http.IngestionRequests;
import org.medassist.simulator.Principal;
import org.medassist.simulator.StreamEvent;
import org.medassist.simulator.SyntheticStream;

/**
 * Posts the synthetic stream to the services over HTTP at a given rate, a window at a time: each window's events go
 * out as JSON arrays of one type from one sender, with the sender's bearer token, grouped by {@link BatchPlan} so that
 * every person's events keep their order and a parameter or year close stays between what comes before and after it.
 *
 * <ul>
 *   <li>Accepted (2xx): counted. When the whole window is handled, the {@link Cursor} moves past it and is saved, so a
 *       restart resumes after it.</li>
 *   <li>Refused (4xx, e.g. an event breaking the contract or a wrong token): a request of several events is split in
 *       halves and each half posted again, so that one bad event does not take the others with it (a request is
 *       all or nothing); a single event refused is reported, counted as refused and not sent again.</li>
 *   <li>Not answered (connection refused, timeout, 5xx): retried with back-off until the service answers or the
 *       publisher is stopped; a stopped publisher leaves the window for the next run, which posts it again (the
 *       services ignore the events whose ids they already have).</li>
 * </ul>
 */
public final class Publisher implements AutoCloseable {

    /** Most events in one POST. */
    public static final int MAX_BATCH = 100;
    /** Most events planned together when sending as fast as the services take them: a few requests per sender. */
    static final int WINDOW = 2_000;

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

    /** Stops after the request in flight and saves the cursor (a window not handled whole is posted again on the next run). Idempotent. */
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
            Iterator<StreamEvent> it = stream.iterator();
            long skip = cursor.position();
            if (skip > 0) {
                state = "skipping " + skip + " events sent before";
                for (long i = 0; i < skip && it.hasNext(); i++) simDate = it.next().simDate();
            }
            state = "sending";
            long t0 = System.nanoTime();
            long sentThisRun = 0;
            while (running && it.hasNext()) {
                int budget = WINDOW;
                if (rate > 0) {
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    long due = (long) (elapsed * rate) - sentThisRun;
                    if (due <= 0) {
                        sleep(Math.max(1, (long) (((sentThisRun + 1) / rate - elapsed) * 1000)));
                        continue;
                    }
                    budget = (int) Math.min(WINDOW, due);
                }
                List<StreamEvent> window = new ArrayList<>(budget);
                while (window.size() < budget && it.hasNext()) window.add(it.next());
                Tally tally = new Tally();
                boolean whole = true;
                for (List<StreamEvent> request : BatchPlan.plan(window, MAX_BATCH)) {
                    if (!send(request, tally)) {
                        whole = false; // stopped while retrying: the window is sent again on the next run
                        break;
                    }
                }
                if (!whole) break;
                cursor.handled(window.size(), tally.accepted, tally.refused);
                cursor.save();
                simDate = window.get(window.size() - 1).simDate();
                sentThisRun += window.size();
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

    /** What the services said to a window's events: accepted by type, and refused. */
    private static final class Tally {
        final Map<String, Long> accepted = new HashMap<>();
        long refused;

        void accepted(String type, int count) { accepted.merge(type, (long) count, Long::sum); }

        void refused() { refused++; }
    }

    private enum Outcome { ACCEPTED, REFUSED, STOPPED }

    /**
     * Posts one request; a refused request of several events is posted again in halves, in order, down to the events
     * refused on their own. False when the publisher was stopped.
     */
    private boolean send(List<StreamEvent> batch, Tally tally) {
        Outcome o = post(batch, batch.size() == 1);
        if (o == Outcome.STOPPED) return false;
        if (o == Outcome.ACCEPTED) {
            tally.accepted(batch.get(0).type(), batch.size());
            return true;
        }
        if (batch.size() == 1) {
            tally.refused();
            return true;
        }
        int half = batch.size() / 2;
        return send(batch.subList(0, half), tally) && send(batch.subList(half, batch.size()), tally);
    }

    /**
     * Posts one request until it is accepted or refused, or the publisher is stopped. A refusal is reported only for a
     * request that will not be split ({@code report}).
     */
    private Outcome post(List<StreamEvent> batch, boolean report) {
        StreamEvent first = batch.get(0);
        Endpoint endpoint = Endpoint.forType(first.type());
        HttpRequest request = IngestionRequests.post(baseUrls.get(endpoint.service()), endpoint, tokens.apply(first.principal()),
                batch.stream().map(StreamEvent::json).toList(), Duration.ofSeconds(30));
        URI uri = request.uri();
        long backoff = 250;
        while (true) {
            String problem;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                IngestionRequests.Answer answer = IngestionRequests.answer(status);
                if (answer == IngestionRequests.Answer.ACCEPTED) {
                    state = "sending";
                    return Outcome.ACCEPTED;
                }
                if (answer == IngestionRequests.Answer.REFUSED) {
                    if (report) {
                        warn("refused:" + endpoint + ":" + status, String.format(
                                "[stream] %s refused %d %s event(s) from %s (HTTP %d): %s", serviceName(endpoint), batch.size(),
                                first.type(), first.principal(), status, abbreviate(response.body())));
                    }
                    return Outcome.REFUSED;
                }
                problem = "HTTP " + status + " " + abbreviate(response.body());
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
            } catch (InterruptedException e) {
                if (!running) return Outcome.STOPPED;
                continue;
            }
            if (!running) return Outcome.STOPPED;
            state = "waiting for " + serviceName(endpoint);
            warn("retry:" + endpoint.service(), "[stream] " + serviceName(endpoint) + " " + uri + " does not take events yet ("
                    + problem + "); retrying");
            sleep(backoff);
            if (!running) return Outcome.STOPPED;
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
}
