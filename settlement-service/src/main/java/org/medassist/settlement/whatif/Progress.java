package org.medassist.settlement.whatif;

/**
 * Where a what-if says how far it is: the terminal's progress bar ({@link TerminalProgress}) or a running simulation's
 * status ({@code GET /v1/simulations/{id}}). Called from the reading thread, about every few thousand events.
 */
public interface Progress {
    /**
     * @param phase    "reading" (the history, both sides settling it) or "comparing" (the two sides' ledgers, person by
     *                 person)
     * @param fraction how much of the phase is done, 0 to 1, or -1 when the end is unknown (a pipe)
     * @param count    events read, or persons compared
     */
    void update(String phase, double fraction, long count);

    Progress NONE = (phase, fraction, count) -> {};
}
