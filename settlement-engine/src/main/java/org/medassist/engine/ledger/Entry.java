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

    public String reversalId;
    public long paidAssistance;
    public long paidTilt;
    public long paidRelief;
    public long paidBorne;
    public int published;
    public boolean settled;
    public String parkedReason;
    public Computation computed;

    private Entry(Kind kind, MedicalClaim claim, AidApplication application, String reference) {
        this.kind = kind;
        this.claim = claim;
        this.application = application;
        this.reference = reference;
    }

    /**
     * A claim's entry. It keeps no key object: its key is the claim's hospitalId and claimId ({@link #hasKey},
     * {@link #keyHash}), which saves a key per claim held (docs/performance.md, retained memory per claim).
     */
    public static Entry claim(MedicalClaim claim) { return new Entry(Kind.CLAIM, claim, null, null); }

    public static Entry application(AidApplication a) {
        return new Entry(Kind.APPLICATION, null, a, a.applicationId());
    }

    public static Entry yearEnd(String region, int year) {
        return yearEndWithReference("year_close:" + region + ":" + year);
    }

    public static Entry yearEndWithReference(String reference) { return new Entry(Kind.YEAR_END, null, null, reference); }

    /** A claim's hospital and claimId (null for other entries), made on each call. */
    public ClaimKey key() { return kind == Kind.CLAIM ? ClaimKey.of(claim) : null; }

    /** {@code key().hashCode()} of a claim's entry, without the key. */
    public int keyHash() { return ClaimKey.hash(claim.hospitalId(), claim.claimId()); }

    /** Whether this claim's entry has the key {@code k} ({@code key().equals(k)}, without the key). */
    public boolean hasKey(ClaimKey k) {
        return java.util.Objects.equals(k.claimId(), claim.claimId()) && java.util.Objects.equals(k.hospitalId(), claim.hospitalId());
    }

    public boolean reversed() { return reversalId != null; }

    /** Items computed after all claims of the year: the year-end top-up and one-time assistance. */
    public boolean isEndItem() {
        return kind == Kind.YEAR_END || (kind == Kind.APPLICATION && application.oneTime());
    }

    public String label() {
        return kind == Kind.CLAIM ? "claim " + claim.claimId() : reference;
    }
}
