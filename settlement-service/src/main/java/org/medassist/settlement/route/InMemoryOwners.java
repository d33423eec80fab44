package org.medassist.settlement.route;

import java.util.HashMap;
import java.util.Map;
import org.medassist.engine.model.ClaimKey;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipOutcome;
import org.medassist.events.OwnershipRequest;
import org.medassist.kit.ownership.Ownership;

/**
 * Replay's registry of owned ids: the same decision as the stream's registry ({@link Ownership#decide}), in a map,
 * answered at once. A claim's id is kept as its hospitalId and claimId, the strings its ledger entry holds, instead of
 * a new string per claim, and its owner with the claim's region and year, so that a replay keeps about 90 bytes per
 * claim here instead of about 200 (docs/performance.md). Ids compare as the text {@code hospitalId + U+001F + claimId}
 * that {@link EventRouter#claimOwnershipId} makes, so a claim's id and an identity event's id asked through
 * {@link #ask} share one name space, as they do in the stream's registry.
 */
public final class InMemoryOwners implements EventRouter.Owners {
    private static final char SEP = '\u001f';
    private final Map<OwnedId, Owner> owners = new HashMap<>();

    @Override
    public OwnershipAnswer ask(OwnershipRequest r) {
        OwnedId id = new OwnedId(r.getId());
        Owner o = owners.get(id);
        OwnershipAnswer a = Ownership.decide(o == null ? null : Ownership.stored(o.personId, o.where()), r);
        if (a.getOutcome() == OwnershipOutcome.granted) owners.put(id, new Owner(r.getPersonId(), r.getWhere(), null, 0));
        return a;
    }

    /** {@link #ask} for the request {@link EventRouter#ownershipQuestion} makes for a claim new to its person. */
    @Override
    public OwnershipOutcome askClaim(ClaimKey key, String personId, String region, int year, String[] where) {
        Owner o = owners.putIfAbsent(new OwnedId(key.hospitalId(), key.claimId()), new Owner(personId, null, region, year));
        if (o == null) return OwnershipOutcome.granted;
        // Ownership.decide: the owner is the stored text before its first U+0000; a personId never holds one
        if (o.personId.equals(personId)) {
            where[0] = o.where();
            return OwnershipOutcome.already_yours;
        }
        return OwnershipOutcome.taken;
    }

    /** Who owns an id and where it keeps it: {@code where} as asked, or a claim's {@code region|year}. */
    private record Owner(String personId, String asked, String region, int year) {
        String where() { return asked != null ? asked : region + "|" + year; }
    }

    /**
     * An owned id as the text {@code first + U+001F + second} ({@code second} null: {@code first} is the whole text),
     * with the hash and equality of that text, without building it.
     */
    static final class OwnedId {
        private final String first;
        private final String second;
        private final int hash;

        OwnedId(String whole) {
            this.first = whole;
            this.second = null;
            this.hash = whole.hashCode();
        }

        OwnedId(String first, String second) {
            this.first = first;
            this.second = second;
            int p = 1;
            for (int k = second.length(); k > 0; k--) p *= 31;
            this.hash = (31 * first.hashCode() + SEP) * p + second.hashCode(); // String.hashCode of the whole text
        }

        int length() { return second == null ? first.length() : first.length() + 1 + second.length(); }

        char charAt(int i) {
            int n = first.length();
            if (i < n) return first.charAt(i);
            return i == n ? SEP : second.charAt(i - n - 1);
        }

        @Override
        public int hashCode() { return hash; }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof OwnedId k) || k.hash != hash) return false;
            if (second != null && k.second != null && first.length() == k.first.length()) {
                return first.equals(k.first) && second.equals(k.second);
            }
            if (second == null && k.second == null) return first.equals(k.first);
            int n = length();
            if (k.length() != n) return false;
            for (int i = 0; i < n; i++) if (charAt(i) != k.charAt(i)) return false;
            return true;
        }

        @Override
        public String toString() { return second == null ? first : first + SEP + second; }
    }
}
