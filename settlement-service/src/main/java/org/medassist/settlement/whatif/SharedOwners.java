package org.medassist.settlement.whatif;

import java.util.HashMap;
import java.util.Map;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipOutcome;
import org.medassist.events.OwnershipRequest;
import org.medassist.settlement.route.EventRouter;

/**
 * The registry of ids that belong to one person (a claim's hospitalId + claimId, a department's eventId), shared by
 * the two sides of a what-if (docs/whatif.md, "Memory"). The first person to ask owns the id, as in replay's
 * {@code InMemoryOwners} and the stream's registry ({@code Ownership.decide}). Both sides ask the same questions in the
 * same order (a question depends on the person's events, never on the policy), so one registry serves both: a side
 * asking after the other gets "already yours" where alone it would get "granted", and either answer applies the event
 * the same way. Ids are kept as 128-bit hashes in open-addressed arrays, owners as shared personId strings, so ten
 * million claims take a few hundred megabytes instead of gigabytes of strings. Thread-safe.
 */
final class SharedOwners {
    private long[] k1 = new long[1 << 16];
    private long[] k2 = new long[1 << 16];
    private String[] owner = new String[1 << 16];
    private String[] whereRegion = new String[1 << 16];
    private int[] whereYear = new int[1 << 16];
    private int size;
    private final Map<String, String> regions = new HashMap<>();

    EventRouter.Owners side() { return this::ask; }

    synchronized OwnershipAnswer ask(OwnershipRequest r) {
        String id = r.getId();
        long h1 = hash(id, 0x9E3779B97F4A7C15L);
        long h2 = hash(id, 0xC2B2AE3D27D4EB4FL);
        int mask = k1.length - 1;
        int i = (int) (h1 ^ (h1 >>> 32)) & mask;
        while (owner[i] != null && (k1[i] != h1 || k2[i] != h2)) i = (i + 1) & mask;
        OwnershipOutcome outcome;
        String where = null;
        if (owner[i] == null) {
            outcome = OwnershipOutcome.granted;
            k1[i] = h1;
            k2[i] = h2;
            owner[i] = r.getPersonId(); // the ledger's own personId string: shared, not copied
            String w = r.getWhere() == null ? "" : r.getWhere();
            int bar = w.indexOf('|');
            if (bar > 0) {
                whereRegion[i] = regions.computeIfAbsent(w.substring(0, bar), x -> x);
                whereYear[i] = Integer.parseInt(w.substring(bar + 1));
            }
            if (++size * 2 > k1.length) grow();
        } else if (owner[i].equals(r.getPersonId())) {
            outcome = OwnershipOutcome.already_yours;
            where = whereRegion[i] == null ? "" : whereRegion[i] + "|" + whereYear[i];
        } else {
            outcome = OwnershipOutcome.taken;
        }
        return OwnershipAnswer.newBuilder().setId(id).setPersonId(r.getPersonId()).setRequestId(r.getRequestId())
                .setOutcome(outcome).setWhere(where).build();
    }

    synchronized int size() { return size; }

    private void grow() {
        long[] o1 = k1, o2 = k2;
        String[] oo = owner, or = whereRegion;
        int[] oy = whereYear;
        int n = o1.length * 2;
        k1 = new long[n];
        k2 = new long[n];
        owner = new String[n];
        whereRegion = new String[n];
        whereYear = new int[n];
        int mask = n - 1;
        for (int j = 0; j < o1.length; j++) {
            if (oo[j] == null) continue;
            int i = (int) (o1[j] ^ (o1[j] >>> 32)) & mask;
            while (owner[i] != null) i = (i + 1) & mask;
            k1[i] = o1[j];
            k2[i] = o2[j];
            owner[i] = oo[j];
            whereRegion[i] = or[j];
            whereYear[i] = oy[j];
        }
    }

    /** A 64-bit hash of the string's characters (a multiply-xorshift mix, seeded), finished with murmur3's fmix64. */
    static long hash(String s, long seed) {
        long h = seed ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
