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
}
