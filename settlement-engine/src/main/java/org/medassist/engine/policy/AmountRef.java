package org.medassist.engine.policy;

import java.time.LocalDate;

/**
 * A yuan figure in a rule: either fixed in the policy file, or a named amount resolved per year (published figure
 * or a percentage of I, DECISIONS E9). A figure may have dated values (docs/engine.md, "Dated values"): this is
 * then the value in force from {@code validFrom}, and {@code before} the value in force until the day before it.
 * An undated figure has neither and is in force whenever its policy is.
 */
public record AmountRef(long fixedFen, String name, Source source, LocalDate validFrom, AmountRef before) {

    public static AmountRef fixed(long fen, Source source) { return new AmountRef(fen, null, source, null, null); }

    public static AmountRef named(String name, Source source) { return new AmountRef(-1, name, source, null, null); }

    /** This value, in force from {@code day} on, with {@code earlier} in force before it. */
    public AmountRef from(LocalDate day, AmountRef earlier) { return new AmountRef(fixedFen, name, source, day, earlier); }

    public boolean isNamed() { return name != null; }

    /** True when the file gives this figure as a list of dated values. */
    public boolean dated() { return validFrom != null; }

    /** The value in force on {@code day}; a day before the first value's validFrom gets the first value. */
    public AmountRef at(LocalDate day) {
        AmountRef r = this;
        while (r.before != null && day.isBefore(r.validFrom)) r = r.before;
        return r;
    }
}
