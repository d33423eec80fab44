package org.medassist.settlement.route;

import org.medassist.settlement.ledger.Ledgers;
import org.medassist.settlement.avro.AvroMapping;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.model.ParameterValue;
import org.medassist.engine.model.RegionYear;
import org.medassist.events.IdentityEvent;
import org.medassist.schemas.kafka.EventRoute;
import org.medassist.schemas.kafka.EventRoutes;

/**
 * Applies one contract event to the engine: person events to that person's ledger, region-wide events (parameters,
 * year closes) to every ledger of the region-year they concern. Replay and streaming share this path; the handlers
 * are keyed by the same {@link EventRoutes} table that HTTP ingestion produces through, and a route without a
 * handler stops the construction.
 */
public final class EventRouter {
    private final SettlementEngine engine;
    private final Ledgers ledgers;
    private final Map<EventRoute<?>, BiConsumer<SpecificRecord, EngineOutput>> handlers = new IdentityHashMap<>();

    public EventRouter(SettlementEngine engine, Ledgers ledgers) {
        this.engine = engine;
        this.ledgers = ledgers;
        on(EventRoutes.IDENTITY, (e, out) -> person(e.getPersonId(), l -> engine.identity(l, AvroMapping.identity(e), out)));
        on(EventRoutes.CLAIM, (c, out) -> person(c.getPersonId(), l -> engine.claim(l, AvroMapping.claim(c), out)));
        on(EventRoutes.CLAIM_REVERSAL, (r, out) -> person(r.getPersonId(), l -> engine.reversal(l, AvroMapping.reversal(r), out)));
        on(EventRoutes.APPLICATION, (a, out) -> person(a.getPersonId(), l -> engine.application(l, AvroMapping.application(a), out)));
        on(EventRoutes.PARAMETER, (p, out) -> parameter(AvroMapping.parameter(p), out));
        on(EventRoutes.YEAR_CLOSE, (y, out) -> yearClose(AvroMapping.yearClose(y), out));
        for (EventRoute<?> r : EventRoutes.inputs()) {
            if (!handlers.containsKey(r)) throw new IllegalStateException("no engine handler for input type " + r.type());
        }
    }

    private <T extends SpecificRecord> void on(EventRoute<T> route, BiConsumer<T, EngineOutput> handler) {
        handlers.put(route, (record, out) -> handler.accept(route.recordType().cast(record), out));
    }

    public SettlementEngine engine() { return engine; }

    public void route(SpecificRecord record, EngineOutput out) {
        EventRoute<?> route = EventRoutes.of(record).orElseThrow(() -> new IllegalArgumentException(
                record.getSchema().getName() + " is not an input event"));
        handlers.get(route).accept(record, out);
    }

    /** A person's whole timeline from eligibility-service. */
    public void timeline(org.medassist.events.PersonEligibility t, EngineOutput out) {
        java.util.List<org.medassist.engine.timeline.IdentityChange> changes = new java.util.ArrayList<>();
        for (IdentityEvent e : t.getEvents()) changes.add(AvroMapping.identity(e));
        person(t.getPersonId(), l -> engine.timeline(l, changes, out));
    }

    /** A contract-breaking event that names itself is answered with a rejected settlement, never dropped. */
    public boolean reject(org.medassist.schemas.json.EventFormatException e, EngineOutput out) {
        if (e.type() == null || EventRoutes.ofType(e.type()).isEmpty()) {
            return false;
        }
        boolean claim = e.type().equals("claim");
        String reference = claim ? null : e.type() + ":" + (e.id() == null ? "?" : e.id());
        out.settlement(engine.rejectedReference(claim ? e.id() : null, e.personId(), e.region(), 0, reference, e.getMessage()));
        return true;
    }

    private void parameter(ParameterValue v, EngineOutput out) {
        String refusal = engine.parameterRefusal(v);
        if (refusal != null) {
            out.settlement(engine.rejected(null, "", v.region(), v.year(),
                    "parameter:" + v.region() + ":" + v.year() + ":" + v.name(), refusal));
            return;
        }
        if (!engine.parameter(v)) return;
        for (PersonLedger l : ledgers.withYear(v.region(), v.year())) {
            engine.recompute(l, v.region(), out);
            ledgers.changed(l);
        }
    }

    private void yearClose(RegionYear y, EngineOutput out) {
        if (engine.catalog().get(y.region()) == null) {
            out.settlement(engine.rejected(null, "", y.region(), y.year(), "year_close:" + y.region() + ":" + y.year(),
                    "region \"" + y.region() + "\" has no policy; known regions: " + engine.catalog().regions()));
            return;
        }
        if (!engine.yearClose(y)) return;
        for (PersonLedger l : ledgers.withYear(y.region(), y.year())) {
            engine.closeYear(l, y.region(), y.year(), out);
            ledgers.changed(l);
        }
    }

    private void person(String personId, java.util.function.Consumer<PersonLedger> action) {
        PersonLedger l = ledgers.get(personId);
        action.accept(l);
        ledgers.changed(l);
    }
}
