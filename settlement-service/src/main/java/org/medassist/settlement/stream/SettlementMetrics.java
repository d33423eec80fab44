package org.medassist.settlement.stream;

/** What the settle processor reports as it works; the service binds it to Micrometer, tests use {@link #NONE}. */
public interface SettlementMetrics {
    /** One settlement event published (status settled, adjustment, reversed, parked or rejected), with its deltas in fen. */
    void settlement(String status, String region, long assistanceFen, long tiltFen);

    void alert(String rule);

    void deadLetter(String sourceTopic);

    /** Time spent on one input record, from reading it to forwarding its outputs. */
    void processed(long nanos);

    /**
     * Counts, while the task runs, the persons of one task whose inputs wait for a claim-ownership answer: a sum that
     * grows and stays up means the registry's answers do not come (docs/operations.md, "Metrics"). Returns what
     * stops counting them, for the task's close.
     */
    default Runnable waiting(java.util.function.IntSupplier persons) {
        return () -> {};
    }

    SettlementMetrics NONE = new SettlementMetrics() {
        @Override public void settlement(String status, String region, long assistanceFen, long tiltFen) {}

        @Override public void alert(String rule) {}

        @Override public void deadLetter(String sourceTopic) {}

        @Override public void processed(long nanos) {}
    };
}
