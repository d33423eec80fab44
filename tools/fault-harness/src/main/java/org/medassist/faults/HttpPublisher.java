package org.medassist.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import org.medassist.schemas.http.Endpoint;
import org.medassist.schemas.http.IngestionRequests;

/**
 * Posts the event file to the services' HTTP API, as hospitals, departments, agencies and the administrator do, each
 * request with its sender's token ({@link HttpSenders}).
 *
 * <p>Order: with one client, the file is posted in order, one request at a time. With {@code clients} above one, each
 * person's lines go to one of that many clients by the personId's hash and each client posts its lines in file order,
 * one request at a time, so a person's events keep their order (as hospital-events' key keeps it on Kafka) while
 * requests of different persons arrive together and may share a transaction (group commit). A line without a person
 * (a parameter, a year close) waits until every line before it is answered, and every line after it waits for it.
 * In a client, consecutive valid lines of one sender to one endpoint go in one request of up to {@value #MAX_BATCH};
 * a line that breaks the contract goes alone.
 *
 * <ul>
 *   <li>2xx: accepted.</li>
 *   <li>4xx: refused, so nothing of the request reached Kafka (a request is all or nothing). A request of several
 *       lines is posted again a line at a time, so that only the line at fault is refused; a refused line is kept with
 *       its status and message ({@link #refusals()}) and stands, in the verdict, for replay's rejection of it.</li>
 *   <li>No answer (connection refused or reset, a timeout) or 5xx: posted again, unchanged, until the service
 *       answers, for up to ten minutes. This is where a kill strikes: a request may have been committed to Kafka by a
 *       service killed before it answered. Sent again, its events reach Kafka twice with the same ids, which the
 *       services must ignore; the verdict then finds every claim settled once. {@link #notes()} counts such requests.</li>
 * </ul>
 * The services' ports are read at each attempt, since a restarted service listens on a new one.
 */
final class HttpPublisher implements Feed {
    static final int MAX_BATCH = 100;
    private static final Duration GIVE_UP = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Batch STOP = new Batch(null);

    private final EventFile file;
    private final ToIntFunction<Endpoint.Service> ports;
    private final HttpSenders senders;
    private final Pacing pacing;
    private final Lane[] lanes;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** The last line read; every line up to it is in {@link #unhandled} until it is answered. */
    private volatile int lastRead;
    /** Lines given to a client and not answered yet. */
    private final ConcurrentSkipListSet<Integer> unhandled = new ConcurrentSkipListSet<>();
    private volatile boolean done;
    private volatile Throwable fatal;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    /** Requests posted again after the service had them and did not answer (possibly committed). */
    private final AtomicLong unanswered = new AtomicLong();
    /** Requests posted again after the connection was refused or a 5xx (nothing committed). */
    private final AtomicLong refusedConnections = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();

    /** The lines of one request. */
    private record Batch(HttpSenders.Sender sender, List<Integer> lines, List<String> texts) {
        Batch(HttpSenders.Sender sender) { this(sender, new ArrayList<>(), new ArrayList<>()); }

        int last() { return lines.get(lines.size() - 1); }

    }

    /** One client: posts its requests in the order given, one at a time. */
    private final class Lane {
        final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(4);
        final Thread thread;
        /** The request being filled; the reading thread's only. */
        Batch filling;

        Lane(int n) {
            thread = new Thread(this::run, "faults-http-client-" + n);
            thread.setDaemon(true);
        }

        void run() {
            try {
                for (Batch b = queue.take(); b != STOP; b = queue.take()) post(b);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                if (fatal == null) fatal = t;
            }
        }

        /** Hands the request being filled to the client, waiting while it has four. */
        void flush() throws InterruptedException {
            if (filling == null) return;
            Batch b = filling;
            filling = null;
            while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                if (fatal != null) throw new HarnessException("an HTTP client stopped: " + fatal, fatal);
            }
        }
    }

    /**
     * @param ports   the port each service listens on now (read at each attempt: a restarted service listens on a new one)
     * @param clients how many requests may be in flight at once (1: the file in order, one request at a time)
     */
    HttpPublisher(EventFile file, ToIntFunction<Endpoint.Service> ports, HttpSenders senders, int clients, Pacing pacing) {
        if (clients < 1) throw new IllegalArgumentException("clients must be at least 1");
        this.file = file;
        this.ports = ports;
        this.senders = senders;
        this.pacing = pacing;
        this.lanes = new Lane[clients];
        for (int i = 0; i < clients; i++) lanes[i] = new Lane(i + 1);
    }

    /** Nothing to do: the services hold the schemas and the producers. */
    @Override
    public void warmUp() {}

    /** The last line such that it and every line before it has been answered. */
    @Override
    public int position() {
        int read = lastRead; // before looking at the unanswered lines: every line up to it was added to them first
        Integer first = unhandled.ceiling(Integer.MIN_VALUE);
        return first == null ? read : first - 1;
    }

    @Override
    public boolean done() { return done; }

    @Override
    public Throwable fatal() { return fatal; }

    @Override
    public long accepted() { return accepted.get(); }

    /** Not known: the services write the records. None of them should be a dead letter. */
    @Override
    public Integer origin(String topic, int partition, long offset) { return null; }

    @Override
    public List<Refusal> refusals() { return List.copyOf(refusals); }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add(requests.get() + " HTTP request(s) accepted from " + lanes.length + " client(s), " + refusals.size()
                + " line(s) refused at the door");
        if (unanswered.get() > 0) {
            notes.add(unanswered.get() + " request(s) posted again after a service took them and did not answer (a kill, a timeout):"
                    + " their events may have reached Kafka twice");
        }
        if (refusedConnections.get() + serverErrors.get() > 0) {
            notes.add(refusedConnections.get() + " attempt(s) refused a connection and " + serverErrors.get()
                    + " answered 5xx, 408 or 429, each posted again");
        }
        return notes;
    }

    @Override
    public String how() { return "accepted or refused over HTTP"; }

    @Override
    public void run() {
        for (Lane l : lanes) l.thread.start();
        try {
            feed();
        } catch (Throwable t) {
            if (fatal == null) fatal = t;
        } finally {
            for (Lane l : lanes) {
                l.queue.clear();
                l.queue.offer(STOP);
                l.thread.interrupt(); // only if it is still waiting on a stopped run
            }
            done = true;
        }
    }

    private void feed() throws IOException, InterruptedException {
        try (BufferedReader in = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
            String text;
            for (int n = 1; (text = in.readLine()) != null; n++) {
                if (fatal != null) return;
                EventFile.Line line = file.line(n);
                if (line.kind() != EventFile.Kind.VALID && line.kind() != EventFile.Kind.INVALID) {
                    lastRead = n;
                    continue;
                }
                pacing.awaitTurn();
                JsonNode json = json(text);
                Optional<HttpSenders.Sender> sender = senders.of(line.type(), json);
                if (sender.isEmpty()) {
                    refusals.add(new Refusal(n, 0, "not posted: no endpoint takes events of type " + line.type()));
                    lastRead = n;
                    continue;
                }
                String person = json == null || !json.path("personId").isTextual() ? null : json.path("personId").asText();
                if (person == null) {
                    // a parameter or a year close applies to everything before it and nothing after it
                    for (Lane l : lanes) l.flush();
                    awaitAnswered();
                    unhandled.add(n);
                    lastRead = n;
                    Batch alone = new Batch(sender.get());
                    alone.lines().add(n);
                    alone.texts().add(text);
                    post(alone);
                    continue;
                }
                unhandled.add(n);
                lastRead = n;
                Lane lane = lanes[Math.floorMod(person.hashCode(), lanes.length)];
                boolean joins = lane.filling != null && line.kind() == EventFile.Kind.VALID && lane.filling.sender().equals(sender.get())
                        && lane.filling.lines().size() < MAX_BATCH;
                if (!joins) lane.flush();
                if (lane.filling == null) lane.filling = new Batch(sender.get());
                lane.filling.lines().add(n);
                lane.filling.texts().add(text);
                if (line.kind() == EventFile.Kind.INVALID) lane.flush();
            }
            for (Lane l : lanes) l.flush();
            awaitAnswered();
        }
    }

    /** Waits until every line given to a client is answered. */
    private void awaitAnswered() throws InterruptedException {
        while (!unhandled.isEmpty()) {
            if (fatal != null) throw new HarnessException("an HTTP client stopped: " + fatal, fatal);
            Thread.sleep(2);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** Posts a batch until the service answers, and marks its lines answered. */
    private void post(Batch batch) throws InterruptedException {
        pacing.awaitBacklog();
        HttpResponse<String> answer = postUntilAnswered(batch);
        if (IngestionRequests.answer(answer.statusCode()) == IngestionRequests.Answer.ACCEPTED) {
            accepted.addAndGet(batch.lines().size());
            requests.incrementAndGet();
        } else if (batch.lines().size() > 1) {
            // all or nothing: one line at fault refuses the request, so find it by posting the lines alone
            for (int i = 0; i < batch.lines().size(); i++) {
                Batch one = new Batch(batch.sender());
                one.lines().add(batch.lines().get(i));
                one.texts().add(batch.texts().get(i));
                post(one);
            }
        } else {
            refusals.add(new Refusal(batch.last(), answer.statusCode(), message(answer.body())));
        }
        unhandled.removeAll(batch.lines());
    }

    /** An answer that accepts or refuses; no answer, 5xx, 408 and 429 are posted again, with back-off, for up to ten minutes. */
    private HttpResponse<String> postUntilAnswered(Batch batch) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        long backoff = 100;
        while (true) {
            Endpoint.Service service = batch.sender().endpoint().service();
            String why;
            try {
                HttpRequest request = IngestionRequests.post(URI.create("http://127.0.0.1:" + ports.applyAsInt(service)),
                        batch.sender().endpoint(), batch.sender().token(), batch.texts(), Duration.ofSeconds(30));
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (IngestionRequests.answer(r.statusCode()) != IngestionRequests.Answer.RETRY) return r;
                serverErrors.incrementAndGet();
                why = r.statusCode() + " " + message(r.body());
            } catch (ConnectException | java.net.http.HttpConnectTimeoutException refused) {
                refusedConnections.incrementAndGet();
                why = "connection refused";
            } catch (IOException noAnswer) {
                unanswered.incrementAndGet();
                why = "no answer: " + noAnswer;
            }
            if (System.nanoTime() > deadline) {
                throw new HarnessException(service.name().toLowerCase(java.util.Locale.ROOT) + " did not take lines " + batch.lines().get(0) + "–" + batch.last()
                        + " for " + GIVE_UP.toMinutes() + " minutes; the last attempt: " + why);
            }
            Thread.sleep(backoff);
            backoff = Math.min(2_000, backoff * 2);
        }
    }

    /** The error body's message, or the body's start. */
    private static String message(String body) {
        try {
            JsonNode m = JSON.readTree(body).get("message");
            if (m != null) return m.asText();
        } catch (IOException | RuntimeException notJson) {
            // fall through
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
