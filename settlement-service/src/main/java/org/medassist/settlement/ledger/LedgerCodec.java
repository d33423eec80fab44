package org.medassist.settlement.ledger;

import org.medassist.engine.ledger.Entry;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.model.AidApplication;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.CareKind;
import org.medassist.engine.model.HospitalGrade;
import org.medassist.engine.model.CareLocation;
import org.medassist.engine.timeline.IdentityChange;

/**
 * The stored form of a {@link PersonLedger}: its events and what was paid on each entry, nothing derivable.
 * Totals and current computations are rebuilt by refolding on read ({@link SettlementEngine#restore}), so a
 * stored ledger can never disagree with the fold. The first byte is the format version.
 */
public final class LedgerCodec {
    private static final byte VERSION = 1;

    private LedgerCodec() {}

    public static byte[] write(PersonLedger ledger) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeUTF(ledger.personId);
            List<IdentityChange> changes = ledger.timeline.changes();
            out.writeInt(changes.size());
            for (IdentityChange c : changes) writeIdentity(out, c);
            out.writeInt(ledger.refusedReversals.size());
            for (Map.Entry<String, String> r : ledger.refusedReversals.entrySet()) {
                out.writeUTF(r.getKey());
                str(out, r.getValue());
            }
            List<PersonYear> years = new ArrayList<>();
            for (String region : ledger.regions()) years.addAll(ledger.years(region));
            out.writeInt(years.size());
            for (PersonYear py : years) {
                out.writeUTF(py.region);
                out.writeInt(py.year);
                out.writeLong(py.totals.alertsFired);
                out.writeInt(py.entries.size());
                for (Entry e : py.entries) writeEntry(out, e);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PersonLedger read(byte[] data, SettlementEngine engine) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            byte version = in.readByte();
            if (version != VERSION) throw new IllegalStateException("stored ledger has format version " + version + ", this build reads " + VERSION);
            PersonLedger ledger = new PersonLedger(in.readUTF());
            int changes = in.readInt();
            for (int i = 0; i < changes; i++) ledger.timeline.apply(readIdentity(in));
            int reversals = in.readInt();
            for (int i = 0; i < reversals; i++) ledger.refusedReversals.put(in.readUTF(), strOrNull(in));
            int years = in.readInt();
            List<PersonYear> read = new ArrayList<>(years);
            long[] fired = new long[years];
            for (int y = 0; y < years; y++) {
                PersonYear py = engine.newYear(in.readUTF(), in.readInt());
                fired[y] = in.readLong();
                py.totals.alertsFired = fired[y];
                read.add(py);
                int entries = in.readInt();
                for (int i = 0; i < entries; i++) {
                    Entry e = readEntry(in);
                    py.add(e);
                }
                ledger.putYear(py);
            }
            engine.restore(ledger);
            // restoring publishes nothing, so it must not use up an alert the next real event may fire
            for (int y = 0; y < years; y++) read.get(y).totals.alertsFired = fired[y];
            return ledger;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeIdentity(DataOutputStream out, IdentityChange c) throws IOException {
        out.writeUTF(c.eventId());
        out.writeUTF(c.personId());
        out.writeUTF(c.region());
        out.writeUTF(c.department());
        out.writeUTF(c.identity());
        out.writeBoolean(c.grant());
        date(out, c.effectiveDate());
        out.writeInt(c.disabilityGrade());
        str(out, c.disabilityKind());
        str(out, c.group());
    }

    private static IdentityChange readIdentity(DataInputStream in) throws IOException {
        return new IdentityChange(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readBoolean(),
                dateOrNull(in), in.readInt(), strOrNull(in), strOrNull(in));
    }

    private static void writeEntry(DataOutputStream out, Entry e) throws IOException {
        out.writeByte(e.kind.ordinal());
        switch (e.kind) {
            case CLAIM -> writeClaim(out, e.claim);
            case APPLICATION -> writeApplication(out, e.application);
            case YEAR_END -> out.writeUTF(e.reference);
        }
        str(out, e.reversalId);
        out.writeLong(e.paidAssistance);
        out.writeLong(e.paidTilt);
        out.writeLong(e.paidRelief);
        out.writeLong(e.paidBorne);
        out.writeInt(e.published);
        out.writeBoolean(e.settled);
        str(out, e.parkedReason);
    }

    private static Entry readEntry(DataInputStream in) throws IOException {
        Entry.Kind kind = Entry.Kind.values()[in.readByte()];
        Entry e = switch (kind) {
            case CLAIM -> Entry.claim(readClaim(in));
            case APPLICATION -> Entry.application(readApplication(in));
            case YEAR_END -> Entry.yearEndWithReference(in.readUTF());
        };
        e.reversalId = strOrNull(in);
        e.paidAssistance = in.readLong();
        e.paidTilt = in.readLong();
        e.paidRelief = in.readLong();
        e.paidBorne = in.readLong();
        e.published = in.readInt();
        e.settled = in.readBoolean();
        e.parkedReason = strOrNull(in);
        return e;
    }

    private static void writeClaim(DataOutputStream out, MedicalClaim c) throws IOException {
        out.writeUTF(c.claimId());
        out.writeUTF(c.personId());
        out.writeUTF(c.region());
        out.writeUTF(c.hospitalId());
        out.writeByte(c.hospitalLevel().ordinal());
        out.writeByte(c.kind().ordinal());
        date(out, c.admissionDate());
        date(out, c.dischargeDate());
        out.writeByte(c.location().ordinal());
        out.writeBoolean(c.referred());
        out.writeBoolean(c.hardship());
        str(out, c.diseaseGroup());
        out.writeBoolean(c.specialDiseaseRegistered());
        out.writeLong(c.total());
        out.writeLong(c.outOfScope());
        out.writeLong(c.policyScope());
        out.writeLong(c.basicInsurance());
        out.writeLong(c.criticalIllness());
        out.writeLong(c.otherInsurance());
    }

    private static MedicalClaim readClaim(DataInputStream in) throws IOException {
        return new MedicalClaim(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), HospitalGrade.values()[in.readByte()],
                CareKind.values()[in.readByte()], dateOrNull(in), dateOrNull(in), CareLocation.values()[in.readByte()],
                in.readBoolean(), in.readBoolean(), strOrNull(in), in.readBoolean(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }

    private static void writeApplication(DataOutputStream out, AidApplication a) throws IOException {
        out.writeUTF(a.applicationId());
        out.writeUTF(a.personId());
        out.writeUTF(a.region());
        out.writeInt(a.year());
        out.writeBoolean(a.oneTime());
        date(out, a.filedDate());
        out.writeLong(a.decisionDeductible());
        out.writeLong(a.decisionCap());
        out.writeInt(a.decisionRatePpm());
    }

    private static AidApplication readApplication(DataInputStream in) throws IOException {
        return new AidApplication(in.readUTF(), in.readUTF(), in.readUTF(), in.readInt(), in.readBoolean(), dateOrNull(in),
                in.readLong(), in.readLong(), in.readInt());
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) out.writeUTF(s);
    }

    private static String strOrNull(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void date(DataOutputStream out, LocalDate d) throws IOException {
        out.writeLong(d == null ? Long.MIN_VALUE : d.toEpochDay());
    }

    private static LocalDate dateOrNull(DataInputStream in) throws IOException {
        long day = in.readLong();
        return day == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(day);
    }
}
