package org.medassist.settlement.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.ledger.Entry;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.ledger.YearInfo;
import org.medassist.engine.model.AidApplication;
import org.medassist.engine.model.CareKind;
import org.medassist.engine.model.CareLocation;
import org.medassist.engine.model.HospitalGrade;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.timeline.IdentityChange;

/**
 * The stored form of a person's ledger, in two kinds of records (docs/reliability.md, bounded state):
 *
 * <ul>
 *   <li>the <b>header</b>, read for every event of the person: the identity timeline, the index of the person's years
 *       (region, year, which end items each holds) and the reversal ids refused;</li>
 *   <li>one record per <b>person-year</b>, read only when an event concerns that year: its entries in receipt order with
 *       what was paid on each, and the alerts already fired.</li>
 * </ul>
 *
 * Nothing derivable is stored: a year's totals and current computations are refolded when it is read
 * ({@link SettlementEngine#restoreYear}), so a stored year can never disagree with the fold. The first byte of each
 * record is its format version.
 */
public final class LedgerCodec {
    static final int HEADER_VERSION = 2;
    static final int YEAR_VERSION = 2;

    private LedgerCodec() {}

    /** A decoded header. */
    public record Header(List<IdentityChange> timeline, List<YearInfo> years, Map<String, String> refusedReversals) {}

    public static byte[] writeHeader(PersonLedger ledger, List<YearInfo> years) {
        Binary.Out out = new Binary.Out().b(HEADER_VERSION);
        List<IdentityChange> changes = ledger.timeline.changes();
        out.u(changes.size());
        for (IdentityChange c : changes) writeIdentity(out, c);
        out.u(years.size());
        for (YearInfo y : years) out.s(y.region()).z(y.year()).b((y.yearEnd() ? 1 : 0) | (y.oneTime() ? 2 : 0));
        Map<String, String> refused = ledger.refusedReversals();
        out.u(refused.size());
        for (Map.Entry<String, String> r : refused.entrySet()) out.s(r.getKey()).ns(r.getValue());
        return out.toBytes();
    }

    public static Header readHeader(byte[] data, String personId) {
        Binary.In in = new Binary.In(data);
        int version = in.b();
        if (version != HEADER_VERSION) {
            throw new IllegalStateException("stored ledger header has format version " + version + ", this build reads " + HEADER_VERSION);
        }
        int n = in.ui();
        List<IdentityChange> timeline = new ArrayList<>(n);
        for (int i = 0; i < n; i++) timeline.add(readIdentity(in, personId));
        n = in.ui();
        List<YearInfo> years = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String region = in.s();
            int year = (int) in.z();
            int flags = in.b();
            years.add(new YearInfo(region, year, (flags & 1) != 0, (flags & 2) != 0));
        }
        n = in.ui();
        Map<String, String> refused = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) refused.put(in.s(), in.ns());
        if (!in.done()) throw new IllegalStateException("stored ledger header has trailing bytes");
        return new Header(timeline, years, refused);
    }

    public static byte[] writeYear(PersonYear py) {
        Binary.Out out = new Binary.Out().b(YEAR_VERSION).s(py.region).z(py.year).u(py.totals.alertsFired);
        out.u(py.entries.size());
        for (Entry e : py.entries) writeEntry(out, e);
        return out.toBytes();
    }

    /** The year's entries and fired alerts; its derived state is rebuilt by {@link SettlementEngine#restoreYear}. */
    public static PersonYear readYear(byte[] data, String personId, SettlementEngine engine) {
        Binary.In in = new Binary.In(data);
        int version = in.b();
        if (version != YEAR_VERSION) {
            throw new IllegalStateException("stored person-year has format version " + version + ", this build reads " + YEAR_VERSION);
        }
        String region = in.s();
        int year = (int) in.z();
        PersonYear py = engine.newYear(region, year);
        py.totals.alertsFired = in.u();
        int n = in.ui();
        for (int i = 0; i < n; i++) py.add(readEntry(in, personId, region));
        if (!in.done()) throw new IllegalStateException("stored person-year has trailing bytes");
        return py;
    }

    private static void writeIdentity(Binary.Out out, IdentityChange c) {
        out.s(c.eventId()).s(c.region()).s(c.department()).s(c.identity()).bool(c.grant()).d(c.effectiveDate())
                .u(c.disabilityGrade()).ns(c.disabilityKind()).ns(c.group());
    }

    private static IdentityChange readIdentity(Binary.In in, String personId) {
        return new IdentityChange(in.s(), personId, in.s(), in.s(), in.s(), in.bool(), in.d(), in.ui(), in.ns(), in.ns());
    }

    private static void writeEntry(Binary.Out out, Entry e) {
        out.b(e.kind.ordinal());
        switch (e.kind) {
            case CLAIM -> writeClaim(out, e.claim);
            case APPLICATION -> writeApplication(out, e.application);
            case YEAR_END -> out.s(e.reference);
        }
        out.ns(e.reversalId).z(e.paidAssistance).z(e.paidTilt).z(e.paidRelief).z(e.paidBorne).u(e.published)
                .bool(e.settled).ns(e.parkedReason);
    }

    private static Entry readEntry(Binary.In in, String personId, String region) {
        int kind = in.b();
        if (kind >= Entry.Kind.values().length) throw new IllegalStateException("stored entry has unknown kind " + kind);
        Entry e = switch (Entry.Kind.values()[kind]) {
            case CLAIM -> Entry.claim(readClaim(in, personId, region));
            case APPLICATION -> Entry.application(readApplication(in, personId, region));
            case YEAR_END -> Entry.yearEndWithReference(in.s());
        };
        e.reversalId = in.ns();
        e.paidAssistance = in.z();
        e.paidTilt = in.z();
        e.paidRelief = in.z();
        e.paidBorne = in.z();
        e.published = in.ui();
        e.settled = in.bool();
        e.parkedReason = in.ns();
        return e;
    }

    // personId and region are the record's own: never repeated per claim
    private static void writeClaim(Binary.Out out, MedicalClaim c) {
        int flags = (c.referred() ? 1 : 0) | (c.hardship() ? 2 : 0) | (c.specialDiseaseRegistered() ? 4 : 0);
        out.s(c.claimId()).s(c.hospitalId()).b(c.hospitalLevel().ordinal()).b(c.kind().ordinal()).d(c.admissionDate())
                .d(c.dischargeDate()).b(c.location().ordinal()).b(flags).ns(c.diseaseGroup())
                .z(c.total()).z(c.outOfScope()).z(c.policyScope()).z(c.basicInsurance()).z(c.criticalIllness())
                .z(c.otherInsurance());
    }

    private static MedicalClaim readClaim(Binary.In in, String personId, String region) {
        String claimId = in.s();
        String hospitalId = in.s();
        HospitalGrade level = HospitalGrade.values()[in.b()];
        CareKind kind = CareKind.values()[in.b()];
        var admission = in.d();
        var discharge = in.d();
        CareLocation location = CareLocation.values()[in.b()];
        int flags = in.b();
        String disease = in.ns();
        return new MedicalClaim(claimId, personId, region, hospitalId, level, kind, admission, discharge, location,
                (flags & 1) != 0, (flags & 2) != 0, disease, (flags & 4) != 0, in.z(), in.z(), in.z(), in.z(), in.z(), in.z());
    }

    private static void writeApplication(Binary.Out out, AidApplication a) {
        out.s(a.applicationId()).z(a.year()).bool(a.oneTime()).d(a.filedDate()).z(a.decisionDeductible())
                .z(a.decisionCap()).z(a.decisionRatePpm());
    }

    private static AidApplication readApplication(Binary.In in, String personId, String region) {
        return new AidApplication(in.s(), personId, region, (int) in.z(), in.bool(), in.d(), in.z(), in.z(), (int) in.z());
    }
}
