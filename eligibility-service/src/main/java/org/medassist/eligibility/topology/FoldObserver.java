package org.medassist.eligibility.topology;

/** What the fold tells metrics. Called on the stream thread; keep it cheap. */
public interface FoldObserver {
    FoldObserver NONE = new FoldObserver() {};

    /** A new event changed a person's timeline (a person-eligibility record was emitted). */
    default void folded() {}

    /** An event whose department+eventId the timeline already had: ignored. */
    default void duplicate() {}

    /** A record that went to dead-letters. */
    default void deadLettered() {}

    /**
     * Counts, while the task runs, its persons whose identity events wait for an identity-ownership answer
     * ({@link org.medassist.kit.ownership.WaitingPersons}); returns what stops counting them, for the task's close.
     */
    default Runnable waiting(java.util.function.IntSupplier persons) { return () -> {}; }
}
