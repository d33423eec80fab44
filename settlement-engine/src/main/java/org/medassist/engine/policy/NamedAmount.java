package org.medassist.engine.policy;

import java.time.LocalDate;
import java.util.Map;

/**
 * A yearly figure such as a deductible of "10% × I". A published yuan figure for the year wins over the percentage
 * (DECISIONS E9); {@code published} holds the figures the document itself states, keyed by year. A named amount
 * may have dated values (docs/engine.md, "Dated values"), each a percentage of I or a yuan figure with its own
 * source: this is the value in force from {@code validFrom}, {@code before} the one in force until then.
 *
 * @param percentOfIncomePpm share of I in parts per million, 0 when the value is a yuan figure
 * @param fixedFen           the value's yuan figure in fen, -1 when it is a share of I
 */
public record NamedAmount(String name, int percentOfIncomePpm, long fixedFen, Map<Integer, Long> published,
                          Source source, LocalDate validFrom, NamedAmount before) {

    public NamedAmount(String name, int percentOfIncomePpm, Map<Integer, Long> published, Source source) {
        this(name, percentOfIncomePpm, -1, published, source, null, null);
    }

    /** This value, in force from {@code day} on, with {@code earlier} in force before it. */
    public NamedAmount from(LocalDate day, NamedAmount earlier) {
        return new NamedAmount(name, percentOfIncomePpm, fixedFen, published, source, day, earlier);
    }

    public boolean dated() { return validFrom != null; }

    /** The value in force on {@code day}; a day before the first value's validFrom gets the first value. */
    public NamedAmount at(LocalDate day) {
        NamedAmount r = this;
        while (r.before != null && day.isBefore(r.validFrom)) r = r.before;
        return r;
    }
}
