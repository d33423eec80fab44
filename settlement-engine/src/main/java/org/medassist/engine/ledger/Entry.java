package org.medassist.engine.ledger;

import org.medassist.engine.model.AidApplication;
import org.medassist.engine.model.ClaimKey;
import org.medassist.engine.model.MedicalClaim;

/**
 * One item of a person-year in receipt order: a claim, an application, or the year-end item. It remembers what
 * has been paid on it so far (the sum of the deltas published), so recomputation can publish adjustments.
 */
public final class Entry {
    public enum Kind { CLAIM, APPLICATION, YEAR_END }

    public final Kind kind;
    public final MedicalClaim claim;
    public final AidApplication application;
    /** The settlement reference for items without a claim: the applicationId or "year_close:region:year". */
    public final String reference;
    /** A claim's hospital and claimId (null for other entries). */
    public final ClaimKey key;

    public String reversalId;
    public long paidAssistance;
    public long paidTilt;
    public long paidRelief;
    public long paidBorne;
    public int published;
    public boolean settled;
    public String parkedReason;
    public Computation computed;

    private Entry(Kind kind, MedicalClaim claim, AidApplication application, String reference, ClaimKey key) {
        this.kind = kind;
        this.claim = claim;
        this.application = application;
        this.reference = reference;
        this.key = key;
    }

    public static Entry claim(MedicalClaim claim) { return claim(claim, ClaimKey.of(claim)); }

    /** A claim's entry with its key, when the caller has built it already. */
    public static Entry claim(MedicalClaim claim, ClaimKey key) { return new Entry(Kind.CLAIM, claim, null, null, key); }

    public static Entry application(AidApplication a) {
        return new Entry(Kind.APPLICATION, null, a, a.applicationId(), null);
    }

    public static Entry yearEnd(String region, int year) {
        return yearEndWithReference("year_close:" + region + ":" + year);
    }

    public static Entry yearEndWithReference(String reference) { return new Entry(Kind.YEAR_END, null, null, reference, null); }

    public boolean reversed() { return reversalId != null; }

    /** Items computed after all claims of the year: the year-end top-up and one-time assistance. */
    public boolean isEndItem() {
        return kind == Kind.YEAR_END || (kind == Kind.APPLICATION && application.oneTime());
    }

    public String label() {
        return kind == Kind.CLAIM ? "claim " + claim.claimId() : reference;
    }
}
