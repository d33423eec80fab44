package org.medassist.settlement.route;

/**
 * What one person may hold, so no stored record grows past the broker's record size limit and no event can stall a
 * partition (docs/reliability.md, limits). An event beyond a limit is rejected with a reason, in replay and in the
 * stream alike. The defaults keep a person-year record under about 400 KB and a header under about 100 KB, against
 * the broker's default limit of 1 MB.
 *
 * @param claimsPerPersonYear claims and applications one person-year holds
 * @param identityEventsPerPerson identity events in one person's timeline
 */
public record Limits(int claimsPerPersonYear, int identityEventsPerPerson) {
    public static final Limits DEFAULT = new Limits(5_000, 1_000);

    public Limits {
        if (claimsPerPersonYear < 1 || identityEventsPerPerson < 1) throw new IllegalArgumentException("limits must be positive");
    }
}
