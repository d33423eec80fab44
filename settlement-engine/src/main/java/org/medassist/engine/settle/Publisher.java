package org.medassist.engine.settle;

import java.util.List;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.ledger.Computation;
import org.medassist.engine.ledger.Entry;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.model.ResultStatus;
import org.medassist.engine.policy.RegionPolicy;

/**
 * Turns an entry's current computation into settlement events: the first settlement, then adjustments carrying
 * the difference from what was already paid (E1), and a parked notice once per reason.
 */
public final class Publisher {
    private Publisher() {}

    public static void publish(RegionPolicy p, String personId, PersonYear py, Entry e, EngineOutput out) {
        Computation c = e.computed;
        if (c == null || e.reversed()) return;
        if (py.parkedFrom >= 0 || c.isParked()) {
            // A blocked person-year keeps exactly what it paid (one consistent earlier fold) until it can be
            // recomputed whole; only entries never settled hear that they are parked, once per reason.
            String reason = c.isParked() ? c.parkedReason : "waiting until the year can be recomputed: "
                    + py.entries.get(py.parkedFrom).computed.parkedReason;
            if (!e.settled && !reason.equals(e.parkedReason)) {
                e.parkedReason = reason;
                Computation notice = c.isParked() ? c : Computation.parked(reason);
                out.settlement(event(p, personId, py, e, ResultStatus.PARKED, notice, 0, 0, 0, 0, reason, false));
            }
            return;
        }
        long dA = c.assistance - e.paidAssistance;
        long dT = c.tilt - e.paidTilt;
        long dR = c.localFinanceRelief - e.paidRelief;
        long dB = c.hospitalBorne - e.paidBorne;
        if (!e.settled) {
            if (e.kind == Entry.Kind.YEAR_END && c.tilt == 0) return; // nothing due at year end: say nothing
            e.settled = true;
            out.settlement(event(p, personId, py, e, ResultStatus.SETTLED, c, dA, dT, dR, dB, null, false));
        } else if (dA != 0 || dT != 0 || dR != 0 || dB != 0) {
            // a negative delta is a recovery due (追回), flagged for manual handling
            out.settlement(event(p, personId, py, e, ResultStatus.ADJUSTMENT, c, dA, dT, dR, dB, null, dA < 0 || dT < 0));
        }
        e.paidAssistance = c.assistance;
        e.paidTilt = c.tilt;
        e.paidRelief = c.localFinanceRelief;
        e.paidBorne = c.hospitalBorne;
        List<MonitoringAlert> alerts = c.takeAlertsToPublish();
        for (int i = 0; i < alerts.size(); i++) out.alert(alerts.get(i));
        c.published();
    }

    /** The reversal event: negative deltas undoing everything paid on the claim. */
    public static void reversed(RegionPolicy p, String personId, PersonYear py, Entry e, String reason, EngineOutput out) {
        Computation c = e.computed != null ? e.computed : new Computation();
        out.settlement(new SettlementResult(nextId(personId, e), e.claim.claimId(), personId, py.region, py.year,
                ResultStatus.REVERSED, c.tier, c.identity, 0, -e.paidAssistance, -e.paidTilt, 0, -e.paidRelief,
                -e.paidBorne, p.policyRef(), List.of("claim reversed by " + e.reversalId + (reason == null ? "" : ": " + reason)
                + "; everything paid on it is undone"), e.reversalId, reason, e.paidAssistance > 0 || e.paidTilt > 0, List.of(),
                e.claim.hospitalId(), claimClass(p, e), e.claim.date()));
        e.paidAssistance = e.paidTilt = e.paidRelief = e.paidBorne = 0;
    }

    private static SettlementResult event(RegionPolicy p, String personId, PersonYear py, Entry e, ResultStatus status,
                                    Computation c, long dA, long dT, long dR, long dB, String reason, boolean recovery) {
        String claimId = e.kind == Entry.Kind.CLAIM ? e.claim.claimId() : null;
        String hospitalId = e.kind == Entry.Kind.CLAIM ? e.claim.hospitalId() : null;
        long remaining = e.kind == Entry.Kind.CLAIM ? c.remaining : 0;
        return new SettlementResult(nextId(personId, e), claimId, personId, py.region, py.year, status, c.tier, c.identity,
                c.eligible, dA, dT, remaining, dR, dB, p.policyRef(), c.explanation(), e.reference, reason,
                recovery, List.copyOf(c.kpiFlags()), hospitalId, claimClass(p, e), e.kind == Entry.Kind.CLAIM ? e.claim.date() : null);
    }

    /** The name of the region's benefit class the entry's claim falls in; null for other entries and unclassified claims. */
    static String claimClass(RegionPolicy p, Entry e) {
        if (e.kind != Entry.Kind.CLAIM) return null;
        // the fold classified the claim already; a parked or rebuilt computation did not
        int cls = e.computed != null && e.computed.claimClass >= 0 ? e.computed.claimClass : p.classifier().classify(e.claim);
        return cls < 0 ? null : p.classifier().name(cls);
    }

    private static String nextId(String personId, Entry e) {
        String base = switch (e.kind) {
            case CLAIM -> e.claim.hospitalId() + "/" + e.claim.claimId();
            case APPLICATION -> e.application.applicationId();
            case YEAR_END -> e.reference + ":" + personId;
        };
        return base + "/" + (++e.published);
    }
}
