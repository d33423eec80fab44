package org.medassist.engine.policy;

/**
 * CareLocation and referral rule: care outside the city without a compliant referral is excluded, or (Nanjing, with
 * the hardship flag) paid at a rate lowered by some points.
 */
public record Referral(boolean excludeNonReferred, int hardshipReductionPpm, Source source, Source hardshipSource) {

    public static final Referral ALLOW_ALL = new Referral(false, 0, null, null);
}
