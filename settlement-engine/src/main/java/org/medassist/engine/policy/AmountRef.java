package org.medassist.engine.policy;

/**
 * A yuan figure in a rule: either fixed in the policy file, or a named amount resolved per year (published figure
 * or a percentage of I, DECISIONS E9).
 */
public record AmountRef(long fixedFen, String name, Source source) {

    public static AmountRef fixed(long fen, Source source) { return new AmountRef(fen, null, source); }

    public static AmountRef named(String name, Source source) { return new AmountRef(-1, name, source); }

    public boolean isNamed() { return name != null; }
}
