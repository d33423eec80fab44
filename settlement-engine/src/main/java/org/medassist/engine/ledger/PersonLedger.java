package org.medassist.engine.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medassist.engine.model.ClaimKey;
import org.medassist.engine.timeline.IdentityTimeline;

/**
 * Everything the engine keeps about one person: the identity timeline, the person-years (see {@link PersonYears}),
 * and the reversal ids it refused, which make every input idempotent.
 */
public final class PersonLedger {
    /** Refused reversal ids kept per person; beyond this, the oldest is forgotten (a resend is refused again). */
    public static final int REFUSED_REVERSALS_KEPT = 256;

    public final String personId;
    public final IdentityTimeline timeline;
    private final PersonYears years;
    /**
     * Reversal ids refused because their claim was unknown, most recent last; null until the first (most persons have
     * none, and an empty map per person is memory held for nothing: docs/performance.md, retained memory per claim).
     */
    private Map<String, String> refusedReversals;

    public PersonLedger(String personId) { this(personId, new IdentityTimeline(), new InMemoryYears()); }

    public PersonLedger(String personId, IdentityTimeline timeline, PersonYears years) {
        this.personId = personId;
        this.timeline = timeline;
        this.years = years;
    }

    /** The reversal ids refused (reversal id to its claimId), most recent last; unmodifiable. */
    public Map<String, String> refusedReversals() {
        return refusedReversals == null ? Map.of() : Collections.unmodifiableMap(refusedReversals);
    }

    /** Whether the reversal id was refused (and is still remembered). */
    public boolean refusedReversal(String reversalId) { return refusedReversals != null && refusedReversals.containsKey(reversalId); }

    /** Remembers a refused reversal id; beyond {@link #REFUSED_REVERSALS_KEPT}, the oldest is forgotten. */
    public void refuseReversal(String reversalId, String claimId) {
        if (refusedReversals == null) {
            refusedReversals = new LinkedHashMap<>() { // insertion order: the eldest is the first refused
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) { return size() > REFUSED_REVERSALS_KEPT; }
            };
        }
        refusedReversals.put(reversalId, claimId);
    }

    /** Where this ledger's years live. */
    public PersonYears yearStore() { return years; }

    public PersonYear year(String region, int year) { return years.get(region, year); }

    public PersonYear putYear(PersonYear py) {
        years.add(py);
        return py;
    }

    /** Person-years of a region, oldest first: recomputation goes in this order so one-time windows see final amounts. */
    public List<PersonYear> years(String region) { return years.all(region); }

    public List<YearInfo> index(String region) { return years.index(region); }

    public List<String> regions() { return years.regions(); }

    /** See {@link PersonYears#endItemsRead}. */
    public boolean endItemsRead(String region, int year) { return years.endItemsRead(region, year); }

    /** The claim received before with this key, in the claim's own year or any year in memory; null when new. */
    public Entry findClaim(ClaimKey key, String region, int year) { return findClaim(key, year(region, year)); }

    /** {@link #findClaim(ClaimKey, String, int)} when the caller has the claim's own year (null when it has none). */
    public Entry findClaim(ClaimKey key, PersonYear own) {
        if (own != null) {
            Entry e = own.claim(key);
            if (e != null) return e;
        }
        return years.findLoaded(key, own);
    }

    /** Every claim of the person with this claimId, from any hospital; loads every year. */
    public List<Entry> claimsNamed(String claimId) {
        List<Entry> out = new ArrayList<>();
        for (String region : regions()) {
            for (PersonYear py : years(region)) {
                for (Entry e : py.claimEntries()) if (e.claim.claimId().equals(claimId)) out.add(e);
            }
        }
        return out;
    }

    /** The claim a reversal id already reversed, or null; loads every year. */
    public Entry reversedBy(String reversalId) {
        for (String region : regions()) {
            for (PersonYear py : years(region)) {
                for (Entry e : py.claimEntries()) if (reversalId.equals(e.reversalId)) return e;
            }
        }
        return null;
    }
}
