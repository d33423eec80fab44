package org.medassist.settlement.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.eligibility.EligibilityApplication;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.DeadLetter;
import org.medassist.events.IdentityEvent;
import org.medassist.events.Parameter;
import org.medassist.events.PersonEligibility;
import org.medassist.events.Settlement;
import org.medassist.events.YearClose;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.kit.streams.ManagedStreams;
import org.medassist.kit.streams.PoisonRecords;
import org.medassist.schemas.kafka.AvroSerdes;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.SettlementApplication;
import org.medassist.settlement.http.ServicesForTests;
import org.medassist.settlement.fuzz.Accounting.Input;
import org.medassist.settlement.fuzz.Accounting.Outcome;
import org.medassist.settlement.fuzz.Accounting.Ref;

/**
 * Bad input, tried systematically (issue 7 §3): both services run in this JVM on the test broker and registry; the
 * fuzz sends random and mutated JSON to every write endpoint (and odd paths to the read endpoints), and random bytes,
 * truncated Avro, unknown schema ids, misaddressed and misplaced records, tombstones and contract breaches straight
 * to every input topic, with valid inputs mixed in. Then it accounts for every input: each ends as exactly one of a
 * 4xx with a reason, a rejected settlement with a reason, a dead letter per record naming its source topic,
 * partition and offset (docs/architecture.md), or its normal answer; nothing is lost, nothing answered twice, and
 * no answer appears that no input explains. Valid claims and identities sent last must still be answered within a
 * bound, both Streams applications must be RUNNING, and no stream thread may have been replaced for a reason other
 * than the infrastructure more often than the poison rule allows ({@link PoisonRecords}).
 *
 * <p>Seeded: the seed is printed, and {@code -Dfuzz.seed=N} repeats a run's inputs. {@code -Dfuzz.http=N} (requests,
 * default 300) and {@code -Dfuzz.records=N} (records per topic, default 40) size it; {@code -Dfuzz.bound-seconds=N}
 * (default 60) is the bound for the last valid inputs. One summary line per channel is printed.
 *
 * <p>Edge cases that were once defects the fuzz found, sent in every run ({@link RecordFuzz#edgeCases}):
 * <ul>
 *   <li>a record of almost 1 MiB whose dead letter (the raw value plus a reason) is larger than 1 MiB: the
 *       dead-letters topic and the producers take letters of up to 2 MiB (docs/architecture.md);</li>
 *   <li>policy-parameters: a tombstone, a parameter under a key other than {@code region|year|name}, a negative value or
 *       a year outside 1900-2999: each answered once, a dead letter naming its source offset or a rejection;</li>
 *   <li>a year close of an unknown region sent to one partition only: refused by that partition's task.</li>
 * </ul>
 */
@ExtendWith(KafkaTestEnvironment.class)
class BadInputFuzzTest {
    static final int PARTITIONS = 3;
    static final int MAX_EVENTS = 40;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern STACK_FRAME = Pattern.compile("\\bat [a-zA-Z_$][\\w$]*(\\.[\\w$<>]+)+\\([^)]*\\)|\\.java:\\d+\\)");
    static final List<String> DEPARTMENTS = List.of("civil_affairs", "rural_revitalization", "veterans_affairs", "trade_union",
            "disabled_persons_federation");

    private final List<String> problems = new ArrayList<>();
    private final Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
    private final TreeMap<Long, String> slowest = new TreeMap<>();
    private final Map<String, Long> millis = new HashMap<>();

    @Test
    void everyBadInputIsAnsweredAndNothingStalls(KafkaTestEnvironment.Environment env) throws Exception {
        long seed = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
        int httpCases = Integer.getInteger("fuzz.http", 300);
        int recordsPerTopic = Integer.getInteger("fuzz.records", 40);
        int bound = Integer.getInteger("fuzz.bound-seconds", 60);
        System.out.println("fuzz seed " + seed + " (repeat with -Dfuzz.seed=" + seed + ")");
        Random rnd = new Random(seed);
        PolicyCatalog catalog = PolicyLoader.bundled();
        ValidEvents valid = new ValidEvents(rnd, catalog, "FZ");
        Accounting books = new Accounting();

        env.deleteAllTopics(); // the broker is shared by this JVM's tests: start from empty topics
        Map<String, Object> ep = config(env, "fuzz-eligibility");
        ep.put("medassist.settlement.enabled", false);
        ep.put("medassist.eligibility.max-events-per-request", MAX_EVENTS);
        Map<String, Object> sp = config(env, "fuzz-settlement");
        sp.put("medassist.eligibility.enabled", false);
        sp.put("medassist.settlement.max-events-per-request", MAX_EVENTS);
        long t0 = System.nanoTime();
        // both start at once: each waits for its Streams rebalance
        var startingEligibility = java.util.concurrent.CompletableFuture.supplyAsync(() -> EligibilityApplication.start(ep));
        ApplicationContext started;
        try {
            started = SettlementApplication.start(sp);
        } catch (RuntimeException failed) {
            // never leave the other service's Streams running into the next test of this JVM
            startingEligibility.join().close();
            throw failed;
        }
        try (ApplicationContext eligibility = startingEligibility.join();
             ApplicationContext settlement = started) {
            String e = base(eligibility);
            String s = base(settlement);
            ServicesForTests.awaitUp(e);
            ServicesForTests.awaitUp(s);
            long tUp = System.nanoTime();
            AvroSerdes serdes = new AvroSerdes(env.registryUrl());
            Deserializer<SpecificRecord> reader = serdes.mixedValue().deserializer();

            // 1. HTTP: every write endpoint, then odd paths on the read endpoints
            HttpFuzz http = new HttpFuzz(rnd, valid, MAX_EVENTS);
            List<AppCheck> applications = new ArrayList<>();
            for (int i = 0; i < httpCases; i++) send(http.next(), e, s, books, http, applications);
            for (int i = 0; i < 40; i++) get(rnd, valid, e, s, books);
            long tHttp = System.nanoTime();

            // 2. Kafka: records straight to every input topic
            Map<Ref, Input> raw = new HashMap<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(env))) {
                RecordFuzz records = new RecordFuzz(rnd, valid, serdes.mixedValue().serializer(), foreignSerializer(serdes), PARTITIONS);
                List<RecordFuzz.Case> cases = new ArrayList<>();
                for (int i = 0; i < recordsPerTopic; i++) for (String topic : RecordFuzz.TOPICS) cases.add(records.next(topic));
                cases.addAll(records.edgeCases());
                produce(producer, cases, books, raw, applications);
            }
            long tKafka = System.nanoTime();

            // 3. the last valid inputs: a claim and an identity event on every partition
            List<Input> sentinels = sentinels(valid, e, s, books);
            long sentinelsSent = System.nanoTime();

            // 4. where each accepted event landed on Kafka, and nothing else there
            trace(env, reader, books, raw);

            // 5. what the services answered, read committed, until every input has its answer
            consume(env, reader, books, raw, sentinels, sentinelsSent, bound);
            for (AppCheck a : applications) a.check(s, books);
            books.closeSilent();

            // 6. nothing crashed or stalled
            int poisoned = (int) books.all().stream().flatMap(in -> in.seen.stream())
                    .filter(x -> x.outcome() == Outcome.DEAD_LETTER && x.detail().contains("set aside after")).count();
            threads("eligibility-service", eligibility, 0);
            threads("settlement-service", settlement, PoisonRecords.MAX_ATTEMPTS * poisoned);

            for (String line : books.summary()) System.out.println(line);
            System.out.printf("fuzz %-34s %d of them without a source offset (matched by key and value)%n", "dead letters from policy-parameters",
                    books.offsetless);
            statuses.forEach((endpoint, byStatus) -> System.out.println(String.format("fuzz %-34s statuses %s in %d ms", endpoint,
                    byStatus, millis.getOrDefault(endpoint, 0L))));
            slowest.descendingMap().entrySet().stream().limit(8).forEach(x -> System.out.println("slow " + x.getKey() / 1_000_000 + " ms: " + x.getValue()));
            System.out.printf("fuzz timing: services up %d ms, HTTP %d ms, Kafka %d ms, answers %d ms; seed %d%n",
                    (tUp - t0) / 1_000_000, (tHttp - tUp) / 1_000_000,
                    (tKafka - tHttp) / 1_000_000, (System.nanoTime() - tKafka) / 1_000_000, seed);
        }
        problems.addAll(books.problems());
        if (books.offsetless > 0) {
            problems.add(books.offsetless + " dead letters from policy-parameters name no source offset (offset -1)");
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " problems with seed " + seed + " (repeat with -Dfuzz.seed=" + seed + "):\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(60, problems.size())).stream().map(HttpFuzz::escape).toList()));
        }
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    private void send(HttpFuzz.Case c, String e, String s, Accounting books, HttpFuzz http, List<AppCheck> applications) {
        String url = (c.eligibility ? e : s) + c.path;
        Input in = books.add("http POST " + c.path, c.mutation, switch (c.expect) {
            case ACCEPT -> EnumSet.of(Outcome.ACCEPTED);
            case REFUSE -> EnumSet.of(Outcome.REFUSED);
            case EITHER -> EnumSet.of(Outcome.ACCEPTED, Outcome.REFUSED);
        });
        in.sample = c.body.length > 400 ? new String(c.body, 0, 400, StandardCharsets.UTF_8) : c.text();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(c.body));
        if (c.token != null) b.header("Authorization", "Bearer " + c.token);
        if (c.contentType != null) b.header("Content-Type", c.contentType);
        HttpResponse<String> r;
        long started = System.nanoTime();
        try {
            r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception ex) {
            in.see(Outcome.REFUSED, "no answer: " + ex);
            problems.add("no answer (" + ex + "): " + in);
            return;
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        slowest.put(ms * 1_000_000 + in.id, in.what + " " + r.statusCode() + " " + c.body.length + " bytes");
        millis.merge("POST " + c.path, ms, Long::sum);
        statuses.computeIfAbsent("POST " + c.path, k -> new TreeMap<>()).merge(r.statusCode(), 1, Integer::sum);
        String verdict = answer(r);
        if (verdict != null) problems.add(verdict + ": " + in);
        if (r.statusCode() / 100 == 2) {
            in.see(Outcome.ACCEPTED, r.statusCode() + " " + r.body());
            for (ObjectNode event : c.events) accepted(c.type, event, in, books, http, applications);
        } else {
            in.see(Outcome.REFUSED, r.statusCode() + " " + abbreviate(r.body()));
        }
    }

    /** Why the answer breaks the rules (docs/settlement-service.md, "HTTP API"), or null: 2xx, or 4xx with a JSON reason. */
    static String answer(HttpResponse<String> r) {
        int status = r.statusCode();
        String body = r.body() == null ? "" : r.body();
        if (STACK_FRAME.matcher(body).find()) return "a stack trace in the answer " + status + " " + abbreviate(body);
        if (status / 100 == 2) return null;
        if (status / 100 != 4) return "answered " + status + " " + abbreviate(body);
        try {
            JsonNode j = JSON.readTree(body);
            String reason = j == null ? null : j.path("message").asText(j.path("reason").asText(null));
            if (reason == null || reason.isBlank()) return "answered " + status + " without a reason: " + abbreviate(body);
            // one error body for every refusal, Micronaut's own included (docs/api.md, errors)
            if (!j.path("error").isTextual()) return "answered " + status + " without an error code: " + abbreviate(body);
            if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                return "answered " + status + " as " + r.headers().firstValue("Content-Type").orElse("no content type");
            }
        } catch (Exception ex) {
            return "answered " + status + " with a body that is not JSON: " + abbreviate(body);
        }
        return null;
    }

    /** An event a 2xx answer sent to Kafka: an input of its own, answered as valid events are. */
    private void accepted(String type, ObjectNode event, Input request, Accounting books, HttpFuzz http, List<AppCheck> applications) {
        String personId = event.path("personId").asText("");
        String region = event.path("region").asText("");
        Input child = switch (type) {
            case "identity" -> {
                Input in = books.child(request, "accepted identity", EnumSet.of(Outcome.ANSWERED));
                books.marker(in, Accounting.marker("identity:" + event.path("department").asText() + "/" + event.path("eventId").asText(),
                        personId, region));
                yield in;
            }
            case "claim" -> {
                Input in = books.child(request, "accepted claim", EnumSet.of(Outcome.ANSWERED));
                books.marker(in, Accounting.marker("claim:" + event.path("claimId").asText(), personId, region));
                http.acceptedClaims.add(event);
                yield in;
            }
            case "claim_reversal" -> {
                Input in = books.child(request, "accepted claim_reversal", EnumSet.of(Outcome.ANSWERED, Outcome.REJECTED));
                books.marker(in, Accounting.marker("ref:" + event.path("reversalId").asText(), personId, region));
                yield in;
            }
            case "application" -> {
                Input in = books.child(request, "accepted application", EnumSet.of(Outcome.ANSWERED, Outcome.REJECTED, Outcome.SILENT));
                books.marker(in, Accounting.marker("ref:" + event.path("applicationId").asText(), personId, region));
                applications.add(new AppCheck(in, personId, event.path("year").asInt(), event.path("applicationId").asText()));
                yield in;
            }
            default -> books.child(request, "accepted " + type, EnumSet.of(Outcome.SILENT));
        };
        child.json = event.toString();
        child.sample = abbreviate(child.json);
    }

    /** GETs with odd path variables and paths: 2xx, or 4xx with a reason; and no answer without a token. */
    private void get(Random rnd, ValidEvents valid, String e, String s, Accounting books) {
        String person = URLEncoder.encode(valid.pick(HttpFuzz.BAD_PERSON_IDS.toArray(new String[0])), StandardCharsets.UTF_8).replace("+", "%20");
        String[] paths = {
            s + "/v1/persons/" + person + "/years/2023",
            s + "/v1/persons/P-1/years/" + valid.pick(new String[] {"abc", "99999999999", "-1", "2023.5", "%00", "0x7e7"}),
            s + "/v1/persons/" + person + "/claims/H01/" + person,
            s + "/v1/hospitals/" + person + "/claims/" + valid.pick(new String[] {"%2e%2e", "%2F", "a%20b", "x".repeat(3000)}),
            e + "/v1/persons/" + person + "/eligibility",
            e + "/v1/persons/" + valid.pick(new String[] {"%2e%2e%2f", "x".repeat(5000), "%C3%28", ";", "a;b=c"}) + "/eligibility",
        };
        String url = paths[rnd.nextInt(paths.length)];
        boolean anonymous = rnd.nextInt(4) == 0;
        String target = anonymous ? url.replaceFirst("/v1/", valid.pick(new String[] {"//v1/", "/v1//", "/V1/", "/v1/./", "/x/../v1/"})) : url;
        Input in = books.add("http GET", anonymous ? "no token, path " + target.replaceFirst("http://[^/]+", "") : "odd path variables",
                EnumSet.of(Outcome.REFUSED, Outcome.ACCEPTED));
        in.sample = target.length() > 300 ? target.substring(0, 300) : target;
        HttpResponse<String> r;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30)).GET();
            if (!anonymous) b.header("Authorization", "Bearer token-agency");
            r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IllegalArgumentException ex) {
            in.see(Outcome.REFUSED, "not a URI the client sends: " + ex.getMessage());
            return;
        } catch (Exception ex) {
            in.see(Outcome.REFUSED, "no answer: " + ex);
            problems.add("no answer (" + ex + "): " + in);
            return;
        }
        statuses.computeIfAbsent("GET", k -> new TreeMap<>()).merge(r.statusCode(), 1, Integer::sum);
        String verdict = answer(r);
        if (verdict != null) problems.add(verdict + ": " + in);
        if (anonymous && r.statusCode() / 100 == 2) problems.add("answered " + r.statusCode() + " without a token: " + in);
        in.see(r.statusCode() / 100 == 2 ? Outcome.ACCEPTED : Outcome.REFUSED, r.statusCode() + " " + abbreviate(r.body()));
    }

    // ---------------------------------------------------------------------------------------------- Kafka

    private void produce(KafkaProducer<byte[], byte[]> producer, List<RecordFuzz.Case> cases, Accounting books,
                         Map<Ref, Input> raw, List<AppCheck> applications) throws Exception {
        Map<Input, List<Future<RecordMetadata>>> sent = new LinkedHashMap<>();
        Map<Input, RecordFuzz.Case> byInput = new HashMap<>();
        for (RecordFuzz.Case c : cases) {
            Input in = books.add("kafka " + c.topic, c.mutation, c.allowed);
            byInput.put(in, c);
            for (String m : c.markers) books.marker(in, m);
            RecordFuzz.Rec first = c.records.get(0);
            in.sample = "key " + (first.key == null ? "null" : HttpFuzz.escape(new String(first.key, StandardCharsets.UTF_8)))
                    + ", value " + (first.value == null ? "null" : first.value.length + " bytes");
            List<Future<RecordMetadata>> fs = new ArrayList<>();
            for (RecordFuzz.Rec r : c.records) fs.add(producer.send(new ProducerRecord<>(r.topic, r.partition, r.key, r.value)));
            sent.put(in, fs);
            if (c.topic.equals(Topics.POLICY_PARAMETERS.name())) books.raw(in, first.key, first.value);
        }
        producer.flush();
        for (Map.Entry<Input, List<Future<RecordMetadata>>> x : sent.entrySet()) {
            Input in = x.getKey();
            for (Future<RecordMetadata> f : x.getValue()) {
                try {
                    RecordMetadata md = f.get();
                    Ref ref = new Ref(md.topic(), md.partition(), md.offset());
                    books.located(in, ref);
                    raw.put(ref, in);
                } catch (java.util.concurrent.ExecutionException ex) {
                    problems.add("the broker refused a fuzz record (" + ex.getCause() + "): " + in);
                }
            }
            Application a = byInput.get(in).application;
            if (a != null) applications.add(new AppCheck(in, a.getPersonId(), a.getYear(), a.getApplicationId()));
        }
    }

    private static Serializer<Object> foreignSerializer(AvroSerdes serdes) {
        var ser = new io.apicurio.registry.serde.avro.AvroKafkaSerializer<Object>();
        Map<String, Object> c = new HashMap<>(serdes.config());
        c.put("apicurio.registry.artifact-resolver-strategy", "io.apicurio.registry.serde.avro.strategy.TopicRecordIdStrategy");
        ser.configure(c, false);
        return ser;
    }

    /** The last valid inputs: on every partition a claim and an identity event, which must be answered within the bound. */
    private List<Input> sentinels(ValidEvents valid, String e, String s, Accounting books) throws Exception {
        List<Input> out = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            String person;
            do {
                person = valid.person();
            } while (Utils.toPositive(Utils.murmur2(person.getBytes(StandardCharsets.UTF_8))) % PARTITIONS != p);
            ObjectNode claim = valid.claim(person, "H01");
            Input ci = books.add("sentinel claim", "a valid claim on partition " + p, EnumSet.of(Outcome.ANSWERED));
            ci.json = claim.toString();
            books.marker(ci, Accounting.marker("claim:" + claim.get("claimId").asText(), person, claim.get("region").asText()));
            ObjectNode identity = valid.identity(person);
            Input ii = books.add("sentinel identity", "a valid identity event on partition " + p, EnumSet.of(Outcome.ANSWERED));
            ii.json = identity.toString();
            books.marker(ii, Accounting.marker("identity:" + identity.get("department").asText() + "/" + identity.get("eventId").asText(),
                    person, identity.get("region").asText()));
            for (var x : List.of(Map.entry(ci, post(s + "/v1/claims", "token-H01", "[" + claim + "]")),
                    Map.entry(ii, post(e + "/v1/identity-events", "token-" + identity.get("department").asText(), "[" + identity + "]")))) {
                if (x.getValue().statusCode() != 202) problems.add("a valid input refused " + x.getValue().statusCode() + " " + x.getValue().body() + ": " + x.getKey());
            }
            out.add(ci);
            out.add(ii);
        }
        return out;
    }

    /**
     * Finds the record each accepted event became on its topic (so that a dead letter naming it is the event's), and
     * checks that nothing else is there: a refused request produced nothing (all or nothing).
     */
    private void trace(KafkaTestEnvironment.Environment env, Deserializer<SpecificRecord> reader, Accounting books,
                       Map<Ref, Input> raw) {
        Map<String, List<Input>> waiting = new HashMap<>();
        for (Input request : books.inputs()) {
            for (Input child : request.children) waiting.computeIfAbsent(traceKey(child), k -> new ArrayList<>()).add(child);
        }
        for (Input in : books.inputs()) if (in.json != null) waiting.computeIfAbsent(traceKey(in), k -> new ArrayList<>()).add(in);
        List<String> topics = List.of(Topics.IDENTITY_EVENTS.name(), Topics.HOSPITAL_EVENTS.name(), Topics.APPLICATIONS.name(),
                Topics.YEAR_CLOSES.name(), Topics.POLICY_PARAMETERS.name());
        for (ConsumerRecord<byte[], byte[]> r : readAll(env, topics)) {
            Ref ref = new Ref(r.topic(), r.partition(), r.offset());
            if (raw.containsKey(ref)) continue;
            SpecificRecord rec;
            try {
                rec = r.value() == null ? null : reader.deserialize(r.topic(), r.value());
            } catch (RuntimeException ex) {
                rec = null;
            }
            String key = rec == null ? null : traceKey(rec);
            List<Input> candidates = key == null ? null : waiting.get(key);
            Input owner = null;
            if (candidates != null) {
                for (Input c : candidates) {
                    int copies = c.channel.equals("accepted year_close") ? PARTITIONS : 1;
                    if (c.refs.size() < copies && c.refs.stream().noneMatch(x -> x.partition() == ref.partition() && copies > 1)) {
                        owner = c;
                        break;
                    }
                }
            }
            if (owner == null) {
                problems.add("a record on " + ref + " that no accepted request sent: " + (rec == null ? "unreadable" : abbreviate(rec.toString())));
            } else {
                books.located(owner, ref);
            }
        }
        for (List<Input> list : waiting.values()) {
            for (Input c : list) {
                int copies = c.channel.equals("accepted year_close") ? PARTITIONS : 1;
                if (c.refs.size() != copies) problems.add("an accepted event is not on its topic as sent (" + c.refs.size() + " of " + copies + " records): " + c);
            }
        }
    }

    /** The identity of an accepted event, the same from its JSON (Input#sample) and from its record. */
    private static String traceKey(Input child) {
        try {
            JsonNode j = JSON.readTree(child.json);
            return switch (j.path("type").asText()) {
                case "identity" -> "identity:" + j.path("department").asText() + "/" + j.path("eventId").asText() + "@" + j.path("personId").asText();
                case "claim" -> "claim:" + j.path("claimId").asText() + "@" + j.path("personId").asText();
                case "claim_reversal" -> "claim_reversal:" + j.path("reversalId").asText() + "@" + j.path("personId").asText();
                case "application" -> "application:" + j.path("applicationId").asText() + "@" + j.path("personId").asText();
                case "parameter" -> "parameter:" + j.path("region").asText() + "|" + j.path("year").asText() + "|" + j.path("name").asText();
                default -> "year_close:" + j.path("region").asText() + "|" + j.path("year").asText();
            };
        } catch (Exception ex) {
            return "?" + child.sample;
        }
    }

    private static String traceKey(SpecificRecord rec) {
        if (rec instanceof IdentityEvent x) return "identity:" + x.getDepartment() + "/" + x.getEventId() + "@" + x.getPersonId();
        if (rec instanceof Claim x) return "claim:" + x.getClaimId() + "@" + x.getPersonId();
        if (rec instanceof ClaimReversal x) return "claim_reversal:" + x.getReversalId() + "@" + x.getPersonId();
        if (rec instanceof Application x) return "application:" + x.getApplicationId() + "@" + x.getPersonId();
        if (rec instanceof Parameter x) return "parameter:" + x.getRegion() + "|" + x.getYear() + "|" + x.getName();
        if (rec instanceof YearClose x) return "year_close:" + x.getRegion() + "|" + x.getYear();
        return null;
    }

    /** Reads the outputs, read committed, until every input is answered and the sentinels within the bound. */
    private void consume(KafkaTestEnvironment.Environment env, Deserializer<SpecificRecord> reader, Accounting books,
                         Map<Ref, Input> raw, List<Input> sentinels, long sentinelsSent, int bound) {
        List<String> topics = List.of(Topics.SETTLEMENTS.name(), Topics.DEAD_LETTERS.name(), Topics.PERSON_ELIGIBILITY.name());
        long deadline = sentinelsSent + Duration.ofSeconds(bound).toNanos();
        long lastProgress = System.nanoTime();
        Set<String> seenIdentities = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(env)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : topics) consumer.partitionsFor(t).forEach(p -> parts.add(new TopicPartition(t, p.partition())));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            boolean sentinelsDone = false;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(Topics.PERSON_ELIGIBILITY.name())) {
                        if (raw.containsKey(new Ref(r.topic(), r.partition(), r.offset()))) continue;
                        PersonEligibility pe = (PersonEligibility) reader.deserialize(r.topic(), r.value());
                        for (IdentityEvent ev : pe.getEvents()) {
                            String m = RecordFuzz.identityMarker(ev);
                            if (seenIdentities.add(m)) books.folded(m);
                        }
                    } else if (r.topic().equals(Topics.DEAD_LETTERS.name())) {
                        books.deadLetter((DeadLetter) reader.deserialize(r.topic(), r.value()));
                    } else {
                        books.settlement((Settlement) reader.deserialize(r.topic(), r.value()));
                    }
                }
                if (!sentinelsDone && sentinels.stream().allMatch(x -> !x.seen.isEmpty())) {
                    sentinelsDone = true;
                    System.out.printf("fuzz: the last valid inputs were answered %d ms after they were sent%n",
                            (System.nanoTime() - sentinelsSent) / 1_000_000);
                }
                if (sentinelsDone && books.settled()) {
                    // a little longer, so that an answer given twice shows
                    if (System.nanoTime() - lastProgress > Duration.ofSeconds(2).toNanos()) break;
                } else {
                    lastProgress = System.nanoTime();
                }
            }
            if (!sentinelsDone) {
                for (Input x : sentinels) if (x.seen.isEmpty()) problems.add("not answered within " + bound + " s, a stream is stalled: " + x);
            }
        }
    }

    /** An application answered with nothing published: it must be in its person-year's ledger. */
    record AppCheck(Input input, String personId, int year, String applicationId) {
        void check(String s, Accounting books) throws Exception {
            if (!input.seen.isEmpty()) return;
            HttpRequest get = HttpRequest.newBuilder(URI.create(s + "/v1/persons/" + URLEncoder.encode(personId, StandardCharsets.UTF_8)
                    + "/years/" + year)).header("Authorization", "Bearer token-agency").timeout(Duration.ofSeconds(30)).GET().build();
            HttpResponse<String> r = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
            for (int i = 0; i < 20 && r.statusCode() == 503; i++) { // a store restoring answers 503 with Retry-After
                Thread.sleep(500);
                r = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
            }
            if (r.statusCode() == 200 && r.body().contains("\"" + applicationId + "\"")) input.see(Outcome.SILENT, "in the ledger");
            else input.sample += " (not in its person-year's ledger: GET " + r.statusCode() + " " + abbreviate(r.body()) + ")";
        }
    }

    // ---------------------------------------------------------------------------------------------- threads

    private void threads(String service, ApplicationContext ctx, int allowed) {
        ManagedStreams streams = ctx.getBean(ManagedStreams.class);
        if (streams.state() != KafkaStreams.State.RUNNING) problems.add(service + " Streams is " + streams.state() + ", not RUNNING");
        MeterRegistry meters = ctx.getBean(MeterRegistry.class);
        double replaced = count(meters, "medassist.streams.threads.replaced");
        double infrastructure = count(meters, "medassist.streams.infrastructure.retries");
        int other = (int) (replaced - infrastructure);
        System.out.printf("fuzz %-34s threads replaced %d (infrastructure %d, other %d; the poison rule allows %d)%s%n", service,
                (int) replaced, (int) infrastructure, other, allowed,
                streams.lastError() == null ? "" : "; last: " + abbreviate(String.valueOf(streams.lastError())));
        if (other > allowed) {
            problems.add(service + ": " + other + " stream threads replaced for a reason other than the infrastructure, the poison rule"
                    + " allows " + allowed + "; last error " + streams.lastError());
        }
    }

    private static double count(MeterRegistry meters, String name) {
        Counter c = meters.find(name).counter();
        return c == null ? 0 : c.count();
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    private static Map<String, Object> config(KafkaTestEnvironment.Environment env, String name) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.application.name", name);
        p.put("micronaut.server.port", -1);
        p.put("micronaut.server.host", "localhost");
        p.put("medassist.kafka.bootstrap-servers", env.bootstrapServers());
        p.put("medassist.kafka.registry-url", env.registryUrl());
        p.put("medassist.kafka.person-partitions", PARTITIONS);
        p.put("medassist.kafka.application-id", name + "-" + System.nanoTime());
        p.put("medassist.kafka.state-dir", Files.createTempDirectory(name).toString());
        p.put("medassist.kafka.streams.commit.interval.ms", "100");
        p.put("medassist.log.person-id-key", "fuzz-test-person-id-key-0123456789abcdef");
        for (String dept : DEPARTMENTS) principal(p, dept, "department", dept);
        for (String hospital : ValidEvents.HOSPITALS) principal(p, hospital, "hospital", hospital);
        principal(p, "agency", "agency", "office");
        principal(p, "admin", "admin", "admin");
        return p;
    }

    private static void principal(Map<String, Object> p, String label, String kind, String name) {
        p.put("medassist.auth.principals.t-" + label + ".kind", kind);
        p.put("medassist.auth.principals.t-" + label + ".name", name);
        p.put("medassist.auth.principals.t-" + label + ".regions", "*");
        p.put("medassist.auth.principals.t-" + label + ".token-sha256", org.medassist.kit.auth.TokenAuthenticator.sha256("token-" + label));
    }

    private static Map<String, Object> producerConfig(KafkaTestEnvironment.Environment env) {
        Map<String, Object> c = new HashMap<>();
        env.clientProperties().forEach((k, v) -> c.put(k.toString(), v));
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return c;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaTestEnvironment.Environment env) {
        Map<String, Object> c = new HashMap<>();
        env.clientProperties().forEach((k, v) -> c.put(k.toString(), v));
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every committed record of the topics, as they are now. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaTestEnvironment.Environment env, List<String> topics) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(env)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : topics) consumer.partitionsFor(t).forEach(p -> parts.add(new TopicPartition(t, p.partition())));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) out.add(r);
            }
        }
        return out;
    }

    private static String base(ApplicationContext ctx) { return "http://localhost:" + ctx.getBean(EmbeddedServer.class).getPort(); }

    private static HttpResponse<String> post(String url, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String abbreviate(String s) {
        if (s == null) return "null";
        return s.length() > 240 ? s.substring(0, 240) + "… (" + s.length() + " characters)" : s;
    }
}
