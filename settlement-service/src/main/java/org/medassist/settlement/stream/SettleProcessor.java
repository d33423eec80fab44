package org.medassist.settlement.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.model.ParameterValue;
import org.medassist.engine.model.RegionYear;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.events.DeadLetter;
import org.medassist.kit.deadletter.DeadLetters;
import org.medassist.events.Parameter;
import org.medassist.events.PersonEligibility;
import org.medassist.events.Settlement;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventJson;
import org.medassist.settlement.route.EventRouter;
import org.medassist.settlement.ledger.StoredLedgers;

/**
 * The settlement processor: every input record of its partition goes through the shared {@link EventRouter} to
 * the engine, with person ledgers in the RocksDB store "person-ledgers". Region-wide state lives in two small
 * stores: the year closes this task has seen, and the parameters it has applied (new ones are picked up from the
 * global "policy-parameters" table by a punctuator). A record that cannot be read or processed becomes a dead
 * letter; the stream never stops on one record.
 */
final class SettleProcessor implements Processor<byte[], byte[], String, SpecificRecord> {
    static final String LEDGERS = "person-ledgers";
    static final String CLOSED_YEARS = "closed-years";
    static final String APPLIED_PARAMETERS = "applied-parameters";
    static final String PARAMETERS = "policy-parameters-store";

    private final PolicyCatalog catalog;
    private final Deserializer<SpecificRecord> deserializer;
    private final SettlementMetrics metrics;
    private final BufferedOutput buffer = new BufferedOutput();
    private final DeadLetters letters = new DeadLetters("settlement-service");
    private ProcessorContext<String, SpecificRecord> context;
    private SettlementEngine engine;
    private EventRouter router;
    private KeyValueStore<String, String> closedYears;
    private KeyValueStore<String, Long> appliedParameters;
    private TimestampedKeyValueStore<String, Parameter> parameters;

    SettleProcessor(PolicyCatalog catalog, Deserializer<SpecificRecord> deserializer, SettlementMetrics metrics) {
        this.catalog = catalog;
        this.deserializer = deserializer;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        engine = new SettlementEngine(catalog, new ParameterBook());
        router = new EventRouter(engine, new StoredLedgers(new StoreLedgerBytes(context.getStateStore(LEDGERS)), engine));
        closedYears = context.getStateStore(CLOSED_YEARS);
        appliedParameters = context.getStateStore(APPLIED_PARAMETERS);
        parameters = context.getStateStore(PARAMETERS);
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
        context.schedule(Duration.ofMillis(500), PunctuationType.WALL_CLOCK_TIME, now -> applyNewParameters(now));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long started = System.nanoTime();
        try {
            settle(record);
        } finally {
            metrics.processed(System.nanoTime() - started);
        }
    }

    private void settle(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String topic = meta == null ? "?" : meta.topic();
        SpecificRecord event;
        try {
            event = deserializer.deserialize(topic, record.value());
            if (event == null) throw new IllegalArgumentException("the value is empty");
        } catch (RuntimeException e) {
            deadLetter(record, meta, "cannot be read: " + e.getMessage());
            return;
        }
        buffer.clear();
        try {
            if (event instanceof PersonEligibility timeline) {
                router.timeline(timeline, buffer);
            } else if (event instanceof Parameter) {
                deadLetter(record, meta, "parameters belong on the policy-parameters topic, not " + topic);
                return;
            } else if (validOrRejected(event, record, meta)) {
                router.route(event, buffer);
                if (event instanceof org.medassist.events.YearClose y) {
                    closedYears.put(y.getRegion() + "|" + y.getYear(), "closed");
                }
            }
            flush(record.timestamp());
        } catch (RuntimeException e) {
            buffer.clear();
            deadLetter(record, meta, "processing failed: " + e);
        }
    }

    /**
     * Applies the contract's validation to records that did not come through the HTTP API (a producer may write
     * Avro directly): a breach is answered with a rejected settlement, like replay does.
     */
    private boolean validOrRejected(SpecificRecord event, Record<byte[], byte[]> record, RecordMetadata meta) {
        try {
            EventJson.read(EventJson.write(event));
            return true;
        } catch (EventFormatException e) {
            if (!router.reject(e, buffer)) deadLetter(record, meta, e.getMessage());
            return false;
        }
    }

    private void applyNewParameters(long now) {
        try (KeyValueIterator<String, ValueAndTimestamp<Parameter>> it = parameters.all()) {
            while (it.hasNext()) {
                KeyValue<String, ValueAndTimestamp<Parameter>> kv = it.next();
                Parameter p = kv.value == null ? null : kv.value.value();
                if (p == null) continue;
                String key = p.getRegion() + "|" + p.getYear() + "|" + p.getName();
                Long applied = appliedParameters.get(key);
                if (applied != null && applied == p.getValue()) continue;
                buffer.clear();
                try {
                    router.route(p, buffer);
                } catch (RuntimeException e) {
                    buffer.clear();
                }
                appliedParameters.put(key, p.getValue());
                flush(now);
            }
        }
    }

    /**
     * Forwards the buffered outputs. A rejection that belongs to no person (an unknown region in a year close or
     * parameter) is seen by every task; only the task of partition 0 publishes it.
     */
    private void flush(long timestamp) {
        boolean firstTask = context.taskId().partition() == 0;
        for (int i = 0; i < buffer.values.size(); i++) {
            SpecificRecord v = buffer.values.get(i);
            if (!firstTask && v instanceof Settlement s && s.getPersonId().isEmpty()) continue;
            if (v instanceof Settlement s) metrics.settlement(s.getStatus().name(), s.getRegion(), s.getAssistance(), s.getTilt());
            if (v instanceof org.medassist.events.Alert a) metrics.alert(a.getRule());
            context.forward(new Record<>(buffer.keys.get(i), v, timestamp));
        }
        buffer.clear();
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata meta, String reason) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        DeadLetter letter = letters.letter(meta == null ? "?" : meta.topic(), meta == null ? -1 : meta.partition(),
                meta == null ? -1 : meta.offset(), record.key(), record.value(), reason);
        metrics.deadLetter(letter.getSourceTopic());
        context.forward(new Record<>(key, letter, record.timestamp()));
    }
}
