package org.medassist.settlement.route;

import org.medassist.settlement.ledger.Ledgers;
import org.medassist.settlement.avro.AvroMapping;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.model.ParameterValue;
import org.medassist.engine.model.RegionYear;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.IdentityEvent;
import org.medassist.events.Parameter;

/**
 * Applies one contract event to the engine: person events to that person's ledger, region-wide events (parameters,
 * year closes) to every ledger of the region-year they concern. Replay and streaming share this path.
 */
public final class EventRouter {
    private final SettlementEngine engine;
    private final Ledgers ledgers;

    public EventRouter(SettlementEngine engine, Ledgers ledgers) {
        this.engine = engine;
        this.ledgers = ledgers;
    }

    public SettlementEngine engine() { return engine; }

    public void route(SpecificRecord record, EngineOutput out) {
        if (record instanceof Claim c) {
            person(c.getPersonId(), l -> engine.claim(l, AvroMapping.claim(c), out));
        } else if (record instanceof IdentityEvent e) {
            person(e.getPersonId(), l -> engine.identity(l, AvroMapping.identity(e), out));
        } else if (record instanceof ClaimReversal r) {
            person(r.getPersonId(), l -> engine.reversal(l, AvroMapping.reversal(r), out));
        } else if (record instanceof Application a) {
            person(a.getPersonId(), l -> engine.application(l, AvroMapping.application(a), out));
        } else if (record instanceof Parameter p) {
            parameter(AvroMapping.parameter(p), out);
        } else if (record instanceof org.medassist.events.YearClose y) {
            yearClose(AvroMapping.yearClose(y), out);
        } else {
            throw new IllegalArgumentException(record.getSchema().getName() + " is an output event, not an input");
        }
    }

    /** A person's whole timeline from eligibility-service. */
    public void timeline(org.medassist.events.PersonEligibility t, EngineOutput out) {
        java.util.List<org.medassist.engine.timeline.IdentityChange> changes = new java.util.ArrayList<>();
        for (IdentityEvent e : t.getEvents()) changes.add(AvroMapping.identity(e));
        person(t.getPersonId(), l -> engine.timeline(l, changes, out));
    }

    /** A contract-breaking event that names itself is answered with a rejected settlement, never dropped. */
    public boolean reject(org.medassist.schemas.json.EventFormatException e, EngineOutput out) {
        if (e.type() == null || !java.util.Set.of("claim", "claim_reversal", "application", "parameter", "year_close", "identity").contains(e.type())) {
            return false;
        }
        boolean claim = e.type().equals("claim");
        String reference = claim ? null : e.type() + ":" + (e.id() == null ? "?" : e.id());
        out.settlement(engine.rejected(claim ? e.id() : null, e.personId(), e.region(), 0, reference, e.getMessage()));
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
