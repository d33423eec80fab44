package org.medassist.settlement.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.YearInfo;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.ParameterValue;
import org.medassist.engine.model.RegionYear;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.events.DeadLetter;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipRequest;
import org.medassist.events.Parameter;
import org.medassist.events.PersonEligibility;
import org.medassist.events.YearClose;
import org.medassist.kit.deadletter.DeadLetters;
import org.medassist.kit.ownership.PendingInputs;
import org.medassist.kit.ownership.PersonQueue;
import org.medassist.kit.streams.Failures;
import org.medassist.kit.streams.InfrastructureException;
import org.medassist.kit.streams.PersonPartitions;
import org.medassist.kit.streams.PoisonRecords;
import org.medassist.schemas.PersonIds;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventRules;
import org.medassist.schemas.kafka.EventRoutes;
import org.medassist.schemas.kafka.TopicSerdes;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.avro.AvroMapping;
import org.medassist.settlement.ledger.StoredLedgers;
import org.medassist.settlement.route.EventRouter;
import org.medassist.settlement.route.FanOut;
import org.medassist.settlement.route.Limits;

/**
 * The settlement processor of one task (one partition of every person-keyed input). Each input record goes through
 * the shared {@link EventRouter} to the engine, against the person's stored ledger. What it guarantees
 * (docs/reliability.md):
 *
 * <ul>
 *   <li><b>Wrong in itself → dead letter or rejection, before anything changes.</b> An unreadable record, a record
 *       whose key is not its exact personId, or one on the wrong topic goes to dead-letters with the reason; a record
 *       that breaks the contract is answered with a rejected settlement, as in replay.</li>
 *   <li><b>Infrastructure → retry.</b> When the schema registry cannot be reached the record is not the record's fault:
 *       the exception aborts the transaction and the record is retried after a pause ({@link InfrastructureException}).</li>
 *   <li><b>All or nothing per record.</b> Ledger writes and outputs of one input are in one exactly-once transaction;
 *       a failure after anything changed is rethrown, so the transaction aborts and the task is rebuilt from its
 *       stores. A record that fails {@link PoisonRecords#MAX_ATTEMPTS} times is then set aside whole, to dead-letters,
 *       so it never stalls the partition.</li>
 *   <li><b>One claim, one person.</b> A claim new to its person is first registered with the claim owners' registry
 *       (another partition, through claim-ownership-requests/-answers); the person's later inputs wait behind it in
 *       "pending-inputs", in arrival order.</li>
 *   <li><b>Fan-outs in chunks.</b> A parameter change or a year close reaches the persons of its region-year a chunk
 *       at a time ({@link FanOuts}); a person touched before the chunk reaches them catches up first.</li>
 * </ul>
 */
final class SettleProcessor implements Processor<byte[], byte[], Object, Object> {
    static final String HEADERS = "person-ledgers";
    static final String YEARS = "person-years";
    static final String INDEX = "region-persons";
    static final String PENDING = "pending-inputs";
    static final String FAN_OUTS = "fan-outs";
    static final String APPLIED_PARAMETERS = "applied-parameters";
    static final String CLOSED_YEARS = "closed-years";
    static final String ANSWERED_PARAMETERS = "answered-parameters";
    static final String PARAMETERS = "policy-parameters-store";

    static final String SETTLEMENTS_SINK = "settlements-sink";
    static final String ALERTS_SINK = "alerts-sink";
    static final String DEAD_LETTERS_SINK = DeadLetters.SINK_NAME;
    static final String OWNERSHIP_SINK = "claim-ownership-requests-sink";
    /**
     * Decoded ledgers kept per task between events (docs/performance.md, "End to end (stream)"). Enough for a claim's
     * ownership round trip (the person is read when the claim asks and again when the answer comes, a few hundred
     * persons of the task later at thousands of claims per second); a decoded person takes 10–15 KB of heap, so 10,000
     * per task held most of a 512 MB heap at six tasks and the stream spent its time collecting garbage.
     */
    static final int CACHED_PERSONS = 2_000;

    /**
     * How fast a fan-out proceeds: persons per step, and how long one punctuation may keep taking steps (at least one
     * step is taken). Each punctuation's steps are committed with their cursor.
     */
    record FanOutPace(int chunk, Duration budget) {
        static final FanOutPace DEFAULT = new FanOutPace(500, Duration.ofMillis(200));
    }

    private final PolicyCatalog catalog;
    private final Deserializer<SpecificRecord> anyValue;
    private final Deserializer<OwnershipAnswer> answers;
    private final Deserializer<Parameter> parameterValues;
    private final SettlementMetrics metrics;
    private final PoisonRecords poison;
    private final Limits limits;
    private final FanOutPace pace;
    private final DeadLetters letters = new DeadLetters("settlement-service");
    private PersonPartitions partitions;

    private ProcessorContext<Object, Object> context;
    private SettlementEngine engine;
    private StoredLedgers ledgers;
    private EventRouter router;
    private PersonQueue queue;
    private Runnable stopCounting = () -> {};
    private KeyValueStore<String, Long> appliedParameters;
    private KeyValueStore<String, String> closedYears;
    private KeyValueStore<String, byte[]> parameters;
    private FanOuts fanOuts;
    /** Per global parameter key, the source offset this task last answered: each record is handled once, also across restarts. */
    private KeyValueStore<String, Long> answeredParameters;
    /** While a year close of this partition is applied: its refusal is this record's answer (else only task 0 answers). */
    private boolean answersRegionless;
    private long timestamp;
    /** The headers of the input being applied (its sender, docs/security.md): every output it causes carries them. */
    private org.apache.kafka.common.header.Headers headers = new org.apache.kafka.common.header.internals.RecordHeaders();

    SettleProcessor(PolicyCatalog catalog, TopicSerdes serdes, SettlementMetrics metrics, PoisonRecords poison, Limits limits,
                    FanOutPace pace) {
        this.catalog = catalog;
        this.anyValue = serdes.anyValue();
        this.answers = serdes.value(Topics.CLAIM_OWNERSHIP_ANSWERS).deserializer();
        this.parameterValues = serdes.value(Topics.POLICY_PARAMETERS).deserializer();
        this.metrics = metrics;
        this.poison = poison;
        this.limits = limits;
        this.pace = pace;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        partitions = PersonPartitions.of(context.appConfigs());
        engine = new SettlementEngine(catalog, new ParameterBook());
        ledgers = new StoredLedgers(new StateLedgerStore(context.getStateStore(HEADERS), context.getStateStore(YEARS),
                context.getStateStore(INDEX)), engine, CACHED_PERSONS);
        router = new EventRouter(engine, ledgers, null, limits);
        queue = new PersonQueue(context.getStateStore(PENDING));
        stopCounting = metrics.waiting(queue::waitingPersons);
        appliedParameters = context.getStateStore(APPLIED_PARAMETERS);
        closedYears = context.getStateStore(CLOSED_YEARS);
        parameters = context.getStateStore(PARAMETERS);
        answeredParameters = context.getStateStore(ANSWERED_PARAMETERS);
        fanOuts = new FanOuts(context.getStateStore(FAN_OUTS));
        // the stored ledgers were settled with these: load them before any record is processed
        try (KeyValueIterator<String, Long> it = appliedParameters.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                String[] k = kv.key.split("\\|", 3);
                engine.parameter(new ParameterValue(k[0], Integer.parseInt(k[1]), k[2], kv.value));
            }
        }
        try (KeyValueIterator<String, String> it = closedYears.all()) {
            while (it.hasNext()) {
                String[] k = it.next().key.split("\\|", 2);
                engine.yearClose(new RegionYear(k[0], Integer.parseInt(k[1])));
            }
        }
        context.schedule(Duration.ofMillis(200), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    // ----------------------------------------------------------------------------------------------------- records

    @Override
    public void close() {
        stopCounting.run();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long started = System.nanoTime();
        RecordMetadata md = context.recordMetadata().orElseThrow();
        PendingInputs.Input in = PendingInputs.Input.of(md, record);
        try {
            if (md.topic().equals(Topics.CLAIM_OWNERSHIP_ANSWERS.name())) {
                onAnswer(in);
            } else {
                onInput(in);
            }
        } finally {
            metrics.processed(System.nanoTime() - started);
        }
    }

    private void onInput(PendingInputs.Input in) {
        timestamp = in.timestamp();
        headers = in.headers();
        SpecificRecord event = decode(in);
        if (event == null) return;
        String misplaced = misplaced(in, event);
        if (misplaced != null) {
            deadLetter(in, misplaced);
            return;
        }
        if (event instanceof YearClose y) {
            yearClose(in, y);
            return;
        }
        String personId = EventRouter.personOf(event);
        String invalid = checkPerson(in, event, personId);
        if (invalid != null) {
            deadLetter(in, invalid);
            return;
        }
        if (!valid(event)) return;
        // an earlier input of this person waits for an ownership answer: this one must not overtake it (E2)
        if (!queue.enqueueIfWaiting(personId, in)) queue.offer(personId, in, event, steps);
    }

    /** How this processor reads, applies and guards one input, for the person queue. */
    private final PersonQueue.Steps steps = new PersonQueue.Steps() {
        @Override
        public SpecificRecord decode(PendingInputs.Input in) {
            timestamp = in.timestamp();
            headers = in.headers();
            return SettleProcessor.this.decode(in);
        }

        @Override
        public OwnershipRequest apply(String personId, PendingInputs.Input in, SpecificRecord event) {
            timestamp = in.timestamp();
            headers = in.headers();
            PersonLedger l = ledgers.get(personId);
            boolean caughtUp = catchUp(l);
            String refusal = router.limitRefusal(l, event);
            OwnershipRequest question = refusal == null ? router.ownershipQuestion(l, event, in.requestId()) : null;
            if (refusal != null) {
                out.settlement(router.reject(event, refusal));
            } else if (question != null) {
                context.forward(new Record<Object, Object>(question.getId(), question, in.timestamp(), in.headers()), OWNERSHIP_SINK);
            } else if (event instanceof PersonEligibility t) {
                router.timeline(l, t, out);
            } else {
                router.apply(l, event, out);
            }
            // an input that only asked changed nothing (unless a fan-out caught the person up): nothing to encode and compare
            if (question == null || caughtUp) ledgers.changed(l);
            return question;
        }

        @Override
        public void answered(String personId, PendingInputs.Input in, SpecificRecord event, OwnershipAnswer answer) {
            timestamp = in.timestamp();
            headers = in.headers();
            PersonLedger l = ledgers.get(personId);
            catchUp(l);
            router.answered(l, event, answer, out);
            ledgers.changed(l);
        }

        @Override
        public void guarded(PendingInputs.Input in, Runnable change) {
            poison.guard(in.topic(), in.partition(), in.offset(), change, reason -> deadLetter(in, reason));
        }
    };

    private void onAnswer(PendingInputs.Input in) {
        OwnershipAnswer a;
        try {
            a = in.value() == null ? null : answers.deserialize(in.topic(), in.value());
        } catch (RuntimeException e) {
            if (Failures.isInfrastructure(e)) throw new InfrastructureException("cannot read an ownership answer", e);
            a = null;
        }
        if (a == null) {
            deadLetter(in, "not an ownership answer");
            return;
        }
        queue.answer(a, steps);
    }

    /** Brings a person up to date with the fan-outs of their region-years that have not reached them yet; true when it did. */
    private boolean catchUp(PersonLedger l) {
        if (fanOuts.isEmpty()) return false;
        boolean applied = false;
        for (FanOuts.Running r : fanOuts.all()) {
            if (!FanOuts.ahead(r, l.personId)) continue;
            for (YearInfo y : l.index(r.fanOut().region())) {
                if (y.year() == r.fanOut().year()) {
                    router.applyTo(l, r.fanOut(), out);
                    applied = true;
                    break;
                }
            }
        }
        return applied;
    }

    private void yearClose(PendingInputs.Input in, YearClose y) {
        String key = key(in);
        if (!(y.getRegion() + "|" + y.getYear()).equals(key)) {
            deadLetter(in, "the record key is not region|year of the year close (docs/contract.md, topics)");
            return;
        }
        // each copy of a year close is its partition's own record: its refusal is answered here, on every partition
        answersRegionless = true;
        try {
            if (!valid(y)) return;
            steps.guarded(in, () -> {
                FanOut f = router.yearClose(AvroMapping.yearClose(y), out);
                if (f != null) {
                    closedYears.put(y.getRegion() + "|" + y.getYear(), "closed");
                    fanOuts.start(f);
                }
            });
        } finally {
            answersRegionless = false;
        }
    }

    // ---------------------------------------------------------------------------------------------------- checks

    /** Reads a record; null when it was dead-lettered. An unreachable registry is retried, never dead-lettered. */
    private SpecificRecord decode(PendingInputs.Input in) {
        if (in.value() == null) {
            deadLetter(in, "the value is empty: input topics carry no deletions");
            return null;
        }
        try {
            SpecificRecord r = anyValue.deserialize(in.topic(), in.value());
            if (r == null) throw new IllegalArgumentException("the value reads as nothing");
            return r;
        } catch (RuntimeException e) {
            if (Failures.isInfrastructure(e)) {
                throw new InfrastructureException("cannot read " + in.topic() + "[" + in.partition() + "]@" + in.offset()
                        + ": the schema registry is unreachable", e);
            }
            deadLetter(in, "cannot be read: " + Failures.describe(e));
            return null;
        }
    }

    /** Why the record does not belong on its topic, or null. */
    private static String misplaced(PendingInputs.Input in, SpecificRecord event) {
        String belongs = event instanceof PersonEligibility ? Topics.PERSON_ELIGIBILITY.name()
                : EventRoutes.of(event).map(r -> r.topic().name()).orElse(null);
        if (belongs == null) return "a " + event.getSchema().getName() + " is not an input of settlement";
        if (!belongs.equals(in.topic())) {
            String type = EventRoutes.of(event).map(r -> r.type()).orElse(event.getSchema().getName());
            return "a " + type + " belongs on " + belongs + ", not on " + in.topic();
        }
        return null;
    }

    /** Why a person record is refused whole (a dead letter), or null: its key must be its exact, well-formed personId. */
    private String checkPerson(PendingInputs.Input in, SpecificRecord event, String personId) {
        String key = key(in);
        if (key == null || !key.equals(personId)) {
            return "the record key is not the event's personId: person-keyed topics are keyed by the exact personId"
                    + " (docs/contract.md); a record under another key would open a second ledger";
        }
        String problem = PersonIds.problem(personId);
        if (problem != null) return "personId " + problem;
        return partitions.problem(in.key(), in.partition());
    }

    /** Applies the contract's rules; a breach is answered with a rejected settlement (as replay does). */
    private boolean valid(SpecificRecord event) {
        if (event instanceof PersonEligibility) return true; // eligibility-service checked every event it folded
        try {
            EventRules.check(event);
            return true;
        } catch (EventFormatException e) {
            router.reject(e, event, out);
            return false;
        }
    }

    private static String key(PendingInputs.Input in) {
        return in.key() == null ? null : new String(in.key(), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------- punctuation

    /** New parameter values from the global table, then the running fan-outs, within a time budget. */
    private void punctuate(long now) {
        timestamp = now;
        headers = new org.apache.kafka.common.header.internals.RecordHeaders(); // a fan-out has no single sender
        applyNewParameters();
        long deadline = System.nanoTime() + pace.budget().toNanos();
        boolean worked = false;
        while (!fanOuts.isEmpty() && (!worked || System.nanoTime() < deadline)) {
            FanOuts.Running r = fanOuts.first();
            String cursor = router.fanOutStep(r.fanOut(), r.cursor().isEmpty() ? null : r.cursor(), pace.chunk(), out,
                    (personId, change) -> guardedFanOut(r, personId, change));
            fanOuts.advance(r, cursor);
            worked = true;
        }
        if (worked) context.commit(); // each chunk's cursor is committed with its persons
    }

    /**
     * One person's part of a fan-out, under the poison rule as an input record is: a failure of the person's own is
     * rethrown (the chunk's transaction aborts and is retried) and counted; after {@link PoisonRecords#MAX_ATTEMPTS}
     * the person is set aside, a dead letter naming the fan-out, and the fan-out goes on, so one person's ledger can
     * never stall the task's fan-outs and inputs (docs/reliability.md). The person keeps the amounts they had.
     */
    private void guardedFanOut(FanOuts.Running r, String personId, Runnable change) {
        poison.guard(FAN_OUTS + "|" + r.key() + "|" + personId, context.taskId().partition(), 0, change, reason -> {
            byte[] key = personId.getBytes(StandardCharsets.UTF_8);
            forwardLetter(letters.letter(FAN_OUTS, context.taskId().partition(), -1, key,
                    r.fanOut().id().getBytes(StandardCharsets.UTF_8),
                    "the fan-out " + r.fanOut().id() + " could not be applied to this person; " + reason), key);
        });
    }

    /**
     * Applies the global table's parameters this task has not answered yet. The table holds each key's last record
     * with its source offset ({@link ParameterRecords}); every record is answered once, by the task of partition 0 when
     * the answer belongs to no person: a tombstone, an unreadable value or one under another key is a dead letter, a
     * value that breaks the contract a rejected settlement; a good value is applied and fans out over its region-year.
     * Only the latest record of a key is seen, as a table keeps only that.
     */
    private void applyNewParameters() {
        try (KeyValueIterator<String, byte[]> it = parameters.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (kv.value == null) continue;
                ParameterRecords.Stored stored = ParameterRecords.read(kv.value);
                Long answered = answeredParameters.get(kv.key);
                if (answered != null && answered == stored.offset()) continue;
                if (!applyParameter(kv.key, stored)) return; // the registry is unreachable: the next punctuation tries again
                answeredParameters.put(kv.key, stored.offset());
            }
        }
    }

    /** Answers one parameter record; false when it must wait for the registry. */
    private boolean applyParameter(String key, ParameterRecords.Stored stored) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        if (stored.value() == null) {
            parameterLetter(keyBytes, stored, "a deletion (tombstone) is not a parameter event: the value in force stays;"
                    + " send a parameter event to change it");
            return true;
        }
        Parameter p;
        try {
            p = parameterValues.deserialize(Topics.POLICY_PARAMETERS.name(), stored.value());
        } catch (RuntimeException e) {
            if (Failures.isInfrastructure(e)) return false;
            parameterLetter(keyBytes, stored, "cannot be read as a parameter: " + Failures.describe(e));
            return true;
        }
        String expected = EventRoutes.PARAMETER.keyOf(p);
        if (!expected.equals(key)) {
            parameterLetter(keyBytes, stored, "the record key is not region|year|name of the parameter (docs/contract.md, topics)");
            return true;
        }
        if (!valid(p)) return true;
        Long applied = appliedParameters.get(key);
        if (applied != null && applied == p.getValue()) return true;
        FanOut f = router.parameter(AvroMapping.parameter(p), out);
        if (f != null) {
            appliedParameters.put(key, p.getValue());
            fanOuts.start(f);
        }
        return true;
    }

    private void parameterLetter(byte[] key, ParameterRecords.Stored stored, String reason) {
        if (context.taskId().partition() != 0) return;
        forwardLetter(letters.letter(Topics.POLICY_PARAMETERS.name(), 0, stored.offset(), key, stored.value(), reason), key);
    }

    // -------------------------------------------------------------------------------------------------- outputs

    /**
     * Forwards the engine's outputs with the input's timestamp. A rejection that belongs to no person (an unknown
     * region in a year close or parameter) is seen by every task; only the task of partition 0 publishes it.
     */
    private final EngineOutput out = new EngineOutput() {
        @Override
        public void settlement(SettlementResult s) {
            if (s.personId().isEmpty() && !answersRegionless && context.taskId().partition() != 0) return;
            metrics.settlement(s.status().symbol(), s.region(), s.assistance(), s.tilt());
            context.forward(new Record<Object, Object>(s.personId(), AvroMapping.toAvro(s), timestamp, headers), SETTLEMENTS_SINK);
        }

        @Override
        public void alert(MonitoringAlert a) {
            metrics.alert(a.rule());
            context.forward(new Record<Object, Object>(a.personId(), AvroMapping.toAvro(a), timestamp, headers), ALERTS_SINK);
        }
    };

    private void deadLetter(PendingInputs.Input in, String reason) {
        forwardLetter(letters.letter(in.topic(), in.partition(), in.offset(), in.key(), in.value(), reason), in.key());
    }

    private void forwardLetter(DeadLetter letter, byte[] key) {
        metrics.deadLetter(letter.getSourceTopic());
        context.forward(new Record<Object, Object>(key, letter, timestamp, headers), DEAD_LETTERS_SINK);
    }
}
