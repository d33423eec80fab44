package org.medassist.settlement.route;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.ledger.Entry;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.model.ClaimKey;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.ParameterValue;
import org.medassist.engine.model.RegionYear;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.timeline.IdentityChange;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.IdentityEvent;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipOutcome;
import org.medassist.events.OwnershipRequest;
import org.medassist.events.PersonEligibility;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.kafka.EventRoute;
import org.medassist.schemas.json.EventRules;
import org.medassist.schemas.kafka.EventRoutes;
import org.medassist.settlement.avro.AvroMapping;
import org.medassist.settlement.ledger.Ledgers;

/**
 * Applies contract events to the engine: person events to that person's ledger, region-wide events (parameters,
 * year closes) as fan-outs over the persons of the region-year. Replay and the stream share this path: the stream
 * asks the claim owners' registry across partitions and runs fan-outs in chunks, replay does both at once, and the
 * amounts are the same (docs/architecture.md). The handlers are keyed by the {@link EventRoutes} table that HTTP
 * ingestion produces through; a route without a handler stops the construction.
 */
public final class EventRouter {
    private final SettlementEngine engine;
    private final Ledgers ledgers;
    private final Owners owners;
    private final Limits limits;
    private final Map<EventRoute<?>, Handler> handlers = new IdentityHashMap<>();

    /** Who owns ids across persons, answered at once (replay); the stream asks its registry instead. */
    public interface Owners {
        OwnershipAnswer ask(OwnershipRequest request);

        /**
         * The answer to the question {@link #ownershipQuestion} asks for a claim new to its person, as {@link #ask}
         * gives it; for {@code already_yours} the where is put in {@code where[0]}. Replay's owners answer it without
         * building the request and answer records.
         */
        default OwnershipOutcome askClaim(ClaimKey key, String personId, String region, int year, String[] where) {
            OwnershipAnswer a = ask(request(claimOwnershipId(key), personId, region + "|" + year, "replay"));
            where[0] = a.getWhere();
            return a.getOutcome();
        }

        /**
         * {@link #askClaim(ClaimKey, String, String, int, String[])} for {@code claim}'s key, region and year; the owners
         * may keep the claim itself as its owned id (replay's do, docs/performance.md).
         */
        default OwnershipOutcome askClaim(MedicalClaim claim, String personId, String[] where) {
            return askClaim(ClaimKey.of(claim), personId, claim.region(), claim.year(), where);
        }
    }

    private interface Handler {
        void apply(PersonLedger ledger, SpecificRecord event, EngineOutput out);
    }

    public EventRouter(SettlementEngine engine, Ledgers ledgers, Owners owners, Limits limits) {
        this.engine = engine;
        this.ledgers = ledgers;
        this.owners = owners;
        this.limits = limits;
        on(EventRoutes.IDENTITY, (l, e, out) -> identity(l, e, out));
        on(EventRoutes.CLAIM, (l, c, out) -> claim(l, c, out));
        on(EventRoutes.CLAIM_REVERSAL, (l, r, out) -> engine.reversal(l, AvroMapping.reversal(r), out));
        on(EventRoutes.APPLICATION, (l, a, out) -> engine.application(l, AvroMapping.application(a), out));
        on(EventRoutes.PARAMETER, (l, p, out) -> fanOutAll(parameter(AvroMapping.parameter(p), out), out));
        on(EventRoutes.YEAR_CLOSE, (l, y, out) -> fanOutAll(yearClose(AvroMapping.yearClose(y), out), out));
        for (EventRoute<?> r : EventRoutes.inputs()) {
            if (!handlers.containsKey(r)) throw new IllegalStateException("no engine handler for input type " + r.type());
        }
    }

    private <T extends SpecificRecord> void on(EventRoute<T> route, TypedHandler<T> handler) {
        handlers.put(route, (ledger, record, out) -> handler.apply(ledger, route.recordType().cast(record), out));
    }

    private interface TypedHandler<T> {
        void apply(PersonLedger ledger, T event, EngineOutput out);
    }

    public SettlementEngine engine() { return engine; }

    public Ledgers ledgers() { return ledgers; }

    /** Replay's path: one input event, whole, with any ownership question answered at once. */
    public void route(SpecificRecord record, EngineOutput out) {
        if (record instanceof Claim c) {
            routeClaim(c, out);
            return;
        }
        String personId = personOf(record);
        if (personId == null) {
            apply(null, record, out);
            return;
        }
        PersonLedger l = ledgers.get(personId);
        String refusal = limitRefusal(l, record);
        if (refusal != null) {
            out.settlement(reject(record, refusal));
            return;
        }
        OwnershipRequest question = ownershipQuestion(l, record, "replay");
        if (question == null) {
            apply(l, record, out);
        } else {
            answered(l, record, owners.ask(question), out);
        }
        ledgers.changed(l);
    }

    /**
     * {@link #route} for a claim, the commonest event: the same steps ({@link #limitRefusal}, {@link
     * #ownershipQuestion}, {@link #answered}) with the claim mapped once and the question asked through {@link
     * Owners#askClaim}.
     */
    private void routeClaim(Claim c, EngineOutput out) {
        PersonLedger l = ledgers.get(c.getPersonId());
        String refusal = limitRefusal(l, c);
        if (refusal != null) {
            out.settlement(reject(c, refusal));
            return;
        }
        MedicalClaim mc = AvroMapping.claim(c);
        RegionPolicy p = engine.catalog().get(mc.region());
        if (p == null || SettlementEngine.contractBreach(mc) != null) {
            engine.claim(l, mc, out); // rejected by the engine; reserves nothing (E14.15)
            ledgers.changed(l);
            return;
        }
        // the engine's next steps, made here once: the owners are asked about a claim new to the person only
        ClaimKey key = ClaimKey.of(mc);
        PersonYear own = l.year(mc.region(), mc.year());
        Entry known = l.findClaim(key, own);
        if (known == null) {
            String[] where = new String[1];
            OwnershipOutcome outcome = owners.askClaim(mc, l.personId, where);
            if (outcome == OwnershipOutcome.taken) {
                out.settlement(reject(c, takenReason(c)));
                ledgers.changed(l);
                return;
            }
            if (outcome == OwnershipOutcome.already_yours) {
                loadWhere(l, where[0]); // a year loaded here may hold the claim: the engine looks again
                engine.claim(l, mc, out);
                ledgers.changed(l);
                return;
            }
        }
        engine.claimChecked(l, p, mc, key, own, known, out);
        ledgers.changed(l);
    }

    /** Applies a person event to the person's ledger (the caller writes it back); region-wide events need no ledger. */
    public void apply(PersonLedger ledger, SpecificRecord record, EngineOutput out) {
        EventRoute<?> route = EventRoutes.of(record).orElseThrow(() -> new IllegalArgumentException(
                record.getSchema().getName() + " is not an input event"));
        handlers.get(route).apply(ledger, record, out);
    }

    /** The personId a person event belongs to, or null for a region-wide event. */
    public static String personOf(SpecificRecord record) {
        if (record instanceof Claim c) return c.getPersonId();
        if (record instanceof ClaimReversal r) return r.getPersonId();
        if (record instanceof Application a) return a.getPersonId();
        if (record instanceof IdentityEvent e) return e.getPersonId();
        if (record instanceof PersonEligibility t) return t.getPersonId();
        return null;
    }

    // ------------------------------------------------------------------------------------------ ownership across persons

    /** The owned id of a claim: hospital and claimId (docs/architecture.md, ownership). */
    public static String claimOwnershipId(ClaimKey key) { return key.hospitalId() + '\u001f' + key.claimId(); }

    /** The owned id of an identity event: department and eventId (E14.16). */
    public static String identityOwnershipId(String department, String eventId) { return department + '\u001f' + eventId; }

    /**
     * What must be asked across persons before {@code record} can be applied to this ledger, or null when the ledger
     * itself decides: a claim new to the person (a known one is a duplicate or a conflict, decided here), or an identity
     * event whose department and eventId the timeline does not know.
     */
    public OwnershipRequest ownershipQuestion(PersonLedger l, SpecificRecord record, String requestId) {
        if (record instanceof Claim c) {
            if (engine.catalog().get(c.getRegion()) == null) return null; // rejected by the engine; reserves nothing (E14.15)
            MedicalClaim mc = AvroMapping.claim(c);
            if (engine.contractBreach(mc) != null) return null;
            if (l.findClaim(ClaimKey.of(mc), mc.region(), mc.year()) != null) return null;
            return request(claimOwnershipId(ClaimKey.of(mc)), l.personId, mc.region() + "|" + mc.year(), requestId);
        }
        if (record instanceof IdentityEvent e) {
            if (l.timeline.knows(e.getDepartment().name(), e.getEventId())) return null;
            return request(identityOwnershipId(e.getDepartment().name(), e.getEventId()), l.personId, "", requestId);
        }
        return null;
    }

    private static OwnershipRequest request(String id, String personId, String where, String requestId) {
        return OwnershipRequest.newBuilder().setId(id).setPersonId(personId).setWhere(where).setRequestId(requestId).build();
    }

    /** Applies a person event whose ownership question was answered. */
    public void answered(PersonLedger l, SpecificRecord record, OwnershipAnswer a, EngineOutput out) {
        if (a.getOutcome() == OwnershipOutcome.taken) {
            out.settlement(reject(record, record instanceof Claim c
                    ? takenReason(c)
                    : "identity event " + ((IdentityEvent) record).getEventId() + " of " + ((IdentityEvent) record).getDepartment()
                            + " was already received for another person; it changes nothing (E14.16)"));
            return;
        }
        if (a.getOutcome() == OwnershipOutcome.already_yours) loadWhere(l, a.getWhere());
        apply(l, record, out);
    }

    private static String takenReason(Claim c) {
        return "claim " + new ClaimKey(c.getHospitalId(), c.getClaimId()) + " was already received for another person;"
                + " a claim is identified by hospitalId and claimId: reverse it there and send it under a new claimId";
    }

    /** Loads the year that holds an id already the person's ({@code region|year}), so the engine compares the content. */
    private static void loadWhere(PersonLedger l, String where) {
        if (where != null && !where.isEmpty()) {
            String[] w = where.split("\\|", 2);
            l.year(w[0], Integer.parseInt(w[1]));
        }
    }

    // -------------------------------------------------------------------------------------------------------- limits

    /** Why the event would take the person beyond a limit, or null. */
    public String limitRefusal(PersonLedger l, SpecificRecord record) {
        if (record instanceof Claim c) {
            PersonYear py = l.year(c.getRegion(), c.getDischargeDate().getYear());
            if (py != null && py.entries.size() >= limits.claimsPerPersonYear()
                    && l.findClaim(new ClaimKey(c.getHospitalId(), c.getClaimId()), c.getRegion(), c.getDischargeDate().getYear()) == null) {
                return "the person already has " + py.entries.size() + " claims in " + c.getRegion() + " "
                        + c.getDischargeDate().getYear() + ", the most one person-year holds (docs/reliability.md, limits)";
            }
        } else if (record instanceof Application a) {
            PersonYear py = l.year(a.getRegion(), a.getYear());
            if (py != null && py.entries.size() >= limits.claimsPerPersonYear()) {
                return "the person already has " + py.entries.size() + " items in " + a.getRegion() + " " + a.getYear()
                        + ", the most one person-year holds (docs/reliability.md, limits)";
            }
        } else if (record instanceof IdentityEvent e) {
            if (l.timeline.size() >= limits.identityEventsPerPerson() && !l.timeline.knows(e.getDepartment().name(), e.getEventId())) {
                return "the person already has " + l.timeline.size() + " identity events, the most one timeline holds"
                        + " (docs/reliability.md, limits)";
            }
        } else if (record instanceof PersonEligibility t && t.getEvents().size() > limits.identityEventsPerPerson()) {
            return "the timeline holds " + t.getEvents().size() + " identity events, more than one timeline may hold"
                    + " (docs/reliability.md, limits)";
        }
        return null;
    }

    // --------------------------------------------------------------------------------------------- person handlers

    private void claim(PersonLedger l, Claim c, EngineOutput out) { engine.claim(l, AvroMapping.claim(c), out); }

    private void identity(PersonLedger l, IdentityEvent e, EngineOutput out) { engine.identity(l, AvroMapping.identity(e), out); }

    /** A person's whole timeline from eligibility-service. */
    public void timeline(PersonLedger l, PersonEligibility t, EngineOutput out) {
        List<IdentityChange> changes = new ArrayList<>(t.getEvents().size());
        for (IdentityEvent e : t.getEvents()) changes.add(AvroMapping.identity(e));
        engine.timeline(l, changes, out);
    }

    /** A contract-breaking event that names itself is answered with a rejected settlement, never dropped. */
    public boolean reject(EventFormatException e, EngineOutput out) { return reject(e, null, out); }

    /**
     * The same, with the record when it could be read (a record from a topic): a year close or a parameter, which
     * carry no id, are then named by what they are about ({@code year_close:<region>:<year>}).
     */
    public boolean reject(EventFormatException e, SpecificRecord record, EngineOutput out) {
        if (e.type() == null || EventRoutes.ofType(e.type()).isEmpty()) return false;
        boolean claim = e.type().equals("claim");
        String id = e.id();
        // text as the contract shows it in a refusal (its first characters), so that the answer fits where the input did
        if (id == null && record instanceof org.medassist.events.YearClose y) id = EventRules.shown(y.getRegion()) + ":" + y.getYear();
        if (id == null && record instanceof org.medassist.events.Parameter p) {
            id = EventRules.shown(p.getRegion()) + ":" + p.getYear() + ":" + EventRules.shown(p.getName());
        }
        String reference = claim ? null : e.type() + ":" + (id == null ? "?" : id);
        out.settlement(engine.rejectedReference(claim ? e.id() : null, e.personId(), e.region(), 0, reference, e.getMessage()));
        return true;
    }

    /** A rejected settlement for a readable, valid event refused for a reason of its own (ownership, limits). */
    public org.medassist.engine.model.SettlementResult reject(SpecificRecord record, String reason) {
        if (record instanceof Claim c) {
            return engine.rejected(new ClaimKey(c.getHospitalId(), c.getClaimId()), c.getPersonId(), c.getRegion(),
                    c.getDischargeDate().getYear(), null, reason);
        }
        String type = org.medassist.schemas.json.EventJson.typeOf(record);
        String id = String.valueOf(record.get(0));
        String region = record.getSchema().getField("region") == null ? null : String.valueOf(record.get(record.getSchema().getField("region").pos()));
        return engine.rejectedReference(null, personOf(record), region, 0, type + ":" + id, reason);
    }

    // ------------------------------------------------------------------------------------------ region-wide fan-outs

    /** Persons a fan-out step takes at most in replay; the stream chooses its own chunk. */
    private static final int REPLAY_CHUNK = 10_000;

    /**
     * Records a parameter value; returns the fan-out its region-year now needs, or null when the value is unchanged or
     * refused (the refusal is published).
     */
    public FanOut parameter(ParameterValue v, EngineOutput out) {
        String refusal = engine.parameterRefusal(v);
        if (refusal != null) {
            out.settlement(engine.rejected(null, "", v.region(), v.year(),
                    "parameter:" + v.region() + ":" + v.year() + ":" + v.name(), refusal));
            return null;
        }
        if (!engine.parameter(v)) return null;
        return new FanOut(FanOut.Kind.RECOMPUTE, v.region(), v.year(), v.name() + "=" + v.value());
    }

    /** Records a year close; returns the fan-out it needs, or null when already closed or refused (published). */
    public FanOut yearClose(RegionYear y, EngineOutput out) {
        if (engine.catalog().get(y.region()) == null) {
            out.settlement(engine.rejected(null, "", y.region(), y.year(), "year_close:" + y.region() + ":" + y.year(),
                    engine.catalog().unknownRegion(y.region())));
            return null;
        }
        if (!engine.yearClose(y)) return null;
        return new FanOut(FanOut.Kind.CLOSE_YEAR, y.region(), y.year(), "");
    }

    /** What a fan-out does to one person: the same in replay, in the stream's chunks, and when a person catches up. */
    public void applyTo(PersonLedger l, FanOut f, EngineOutput out) {
        switch (f.kind()) {
            case RECOMPUTE -> engine.recompute(l, f.region(), out);
            case CLOSE_YEAR -> engine.closeYear(l, f.region(), f.year(), out);
        }
    }

    /**
     * Applies a fan-out to the next persons after {@code after} (null: from the first), at most {@code limit}, writing
     * each back; returns the last personId done, or null when the fan-out is finished (fewer than {@code limit}
     * persons were left).
     */
    public String fanOutStep(FanOut f, String after, int limit, EngineOutput out) {
        return fanOutStep(f, after, limit, out, (personId, change) -> change.run());
    }

    /** Runs one person's part of a fan-out; the stream guards it so one person can never stall the task. */
    public interface PersonStep {
        void run(String personId, Runnable change);
    }

    /** {@link #fanOutStep}, each person's change run through {@code step}. */
    public String fanOutStep(FanOut f, String after, int limit, EngineOutput out, PersonStep step) {
        List<String> persons = ledgers.withYear(f.region(), f.year(), after, limit);
        for (String personId : persons) {
            step.run(personId, () -> {
                PersonLedger l = ledgers.get(personId);
                applyTo(l, f, out);
                ledgers.changed(l);
            });
        }
        return persons.size() < limit ? null : persons.get(persons.size() - 1);
    }

    /** Runs a fan-out to the end (replay: region-wide events apply whole, in file order). */
    public void fanOutAll(FanOut f, EngineOutput out) {
        String cursor = null;
        while (f != null && (cursor = fanOutStep(f, cursor, REPLAY_CHUNK, out)) != null) {
            // every step writes its persons back; the cursor moves on
        }
    }
}
