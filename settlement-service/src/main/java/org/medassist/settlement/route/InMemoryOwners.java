package org.medassist.settlement.route;

import org.medassist.engine.model.ClaimKey;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipOutcome;
import org.medassist.events.OwnershipRequest;
import org.medassist.kit.ownership.Ownership;

/**
 * Replay's registry of owned ids: the same decision as the stream's registry ({@link Ownership#decide}), answered at
 * once. Ids compare as the text {@code hospitalId + U+001F + claimId} that {@link EventRouter#claimOwnershipId} makes,
 * so a claim's id and an identity event's id asked through {@link #ask} share one name space, as they do in the
 * stream's registry.
 *
 * <p>The ids are kept in an open-addressing table (linear probing) of one reference and one hash per slot. A claim's
 * slot holds the claim itself, which the ledger keeps anyway: its hospitalId and claimId are the id, its personId the
 * owner, its region and year where the owner keeps it. So an owned claim costs the table's slots, about 16 bytes,
 * instead of a map node, an id object and an owner object (about 90 bytes; docs/performance.md, retained memory per
 * claim).
 */
public final class InMemoryOwners implements EventRouter.Owners {
    private static final char SEP = '\u001f';
    private static final int MIN_CAPACITY = 1 << 10;

    /** Per slot: null, a {@link MedicalClaim}, a {@link ClaimOwner} or an {@link Asked}. */
    private Object[] owned = new Object[MIN_CAPACITY];
    /** The hash of each slot's id text ({@link String#hashCode} of {@code hospitalId + U+001F + claimId}). */
    private int[] hashes = new int[MIN_CAPACITY];
    private int shift = 32 - Integer.numberOfTrailingZeros(MIN_CAPACITY);
    private int size;

    @Override
    public OwnershipAnswer ask(OwnershipRequest r) {
        String id = r.getId();
        int h = id.hashCode();
        int i = find(id, null, h);
        Object o = i >= 0 ? owned[i] : null;
        OwnershipAnswer a = Ownership.decide(o == null ? null : Ownership.stored(personOf(o), whereOf(o)), r);
        if (a.getOutcome() == OwnershipOutcome.granted) {
            Asked asked = new Asked(id, r.getPersonId(), r.getWhere());
            if (i >= 0) owned[i] = asked; // decide grants only an id nobody owns; a map's put would replace it
            else put(-i - 1, asked, h);
        }
        return a;
    }

    @Override
    public OwnershipOutcome askClaim(ClaimKey key, String personId, String region, int year, String[] where) {
        return askClaim(key.hospitalId(), key.claimId(), personId, region, year, null, where);
    }

    /** {@link #askClaim(ClaimKey, String, String, int, String[])} keeping the claim itself as the owned id and owner. */
    @Override
    public OwnershipOutcome askClaim(MedicalClaim claim, String personId, String[] where) {
        return askClaim(claim.hospitalId(), claim.claimId(), personId, claim.region(), claim.year(), claim, where);
    }

    private OwnershipOutcome askClaim(String hospitalId, String claimId, String personId, String region, int year,
                                      MedicalClaim claim, String[] where) {
        int h = hash(hospitalId, claimId);
        int i = find(hospitalId, claimId, h);
        if (i < 0) {
            // the claim holds everything an owner is when it names the same person (always, from EventRouter)
            Object owner = claim != null && claim.personId().equals(personId)
                    ? claim : new ClaimOwner(hospitalId, claimId, personId, region, year);
            put(-i - 1, owner, h);
            return OwnershipOutcome.granted;
        }
        Object o = owned[i];
        // Ownership.decide: the owner is the stored text before its first U+0000; a personId never holds one
        if (personOf(o).equals(personId)) {
            where[0] = whereOf(o);
            return OwnershipOutcome.already_yours;
        }
        return OwnershipOutcome.taken;
    }

    /** How many ids are owned. */
    int size() { return size; }

    /** The table's slots (for tests: the table stays within a fixed factor of the ids owned). */
    int capacity() { return owned.length; }

    /** String.hashCode of {@code first + U+001F + second}, without building it. */
    static int hash(String first, String second) {
        int p = 1;
        for (int k = second.length(); k > 0; k--) p *= 31;
        return (31 * first.hashCode() + SEP) * p + second.hashCode();
    }

    /** The slot holding the id whose text is {@code first + U+001F + second} (or {@code first} when second is null), else -(free slot) - 1. */
    private int find(String first, String second, int h) {
        int mask = owned.length - 1;
        for (int i = slot(h);; i = (i + 1) & mask) {
            Object o = owned[i];
            if (o == null) return -i - 1;
            if (hashes[i] == h && sameId(o, first, second)) return i;
        }
    }

    /** Sequential ids have neighbouring string hashes: a multiplicative mix spreads them over the table. */
    private int slot(int h) { return (h * 0x9E3779B9) >>> shift; }

    private void put(int i, Object o, int h) {
        owned[i] = o;
        hashes[i] = h;
        if (++size * 3 > owned.length * 2) grow(); // at most two thirds full
    }

    private void grow() {
        Object[] oldOwned = owned;
        int[] oldHashes = hashes;
        owned = new Object[oldOwned.length * 2];
        hashes = new int[oldOwned.length * 2];
        shift--;
        int mask = owned.length - 1;
        for (int j = 0; j < oldOwned.length; j++) {
            if (oldOwned[j] == null) continue;
            int i = slot(oldHashes[j]);
            while (owned[i] != null) i = (i + 1) & mask;
            owned[i] = oldOwned[j];
            hashes[i] = oldHashes[j];
        }
    }

    private static String personOf(Object o) {
        if (o instanceof MedicalClaim c) return c.personId();
        if (o instanceof ClaimOwner c) return c.personId;
        return ((Asked) o).personId;
    }

    /** Where the owner keeps the id: as asked, or a claim's {@code region|year}. */
    private static String whereOf(Object o) {
        if (o instanceof MedicalClaim c) return c.region() + "|" + c.year();
        if (o instanceof ClaimOwner c) return c.region + "|" + c.year;
        return ((Asked) o).where;
    }

    private static boolean sameId(Object o, String first, String second) {
        if (o instanceof MedicalClaim c) return sameText(c.hospitalId(), c.claimId(), first, second);
        if (o instanceof ClaimOwner c) return sameText(c.hospitalId, c.claimId, first, second);
        return sameText(((Asked) o).id, null, first, second);
    }

    /**
     * Whether the texts {@code a1 [+ U+001F + a2]} and {@code b1 [+ U+001F + b2]} are equal (a null second part: the
     * first is the whole text), without building them.
     */
    static boolean sameText(String a1, String a2, String b1, String b2) {
        if (a2 != null && b2 != null && a1.length() == b1.length()) return a1.equals(b1) && a2.equals(b2);
        if (a2 == null && b2 == null) return a1.equals(b1);
        int n = length(a1, a2);
        if (length(b1, b2) != n) return false;
        for (int i = 0; i < n; i++) if (charAt(a1, a2, i) != charAt(b1, b2, i)) return false;
        return true;
    }

    private static int length(String first, String second) {
        return second == null ? first.length() : first.length() + 1 + second.length();
    }

    private static char charAt(String first, String second, int i) {
        int n = first.length();
        if (i < n) return first.charAt(i);
        return i == n ? SEP : second.charAt(i - n - 1);
    }

    /** A claim's id and owner asked by key alone, not kept as the claim (the key's strings, the owner's). */
    private record ClaimOwner(String hospitalId, String claimId, String personId, String region, int year) {
    }

    /** An id asked through {@link #ask}: its whole text, owner and where. */
    private record Asked(String id, String personId, String where) {
    }
}
