package org.medassist.kit.ownership;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The gauge {@code medassist.ownership.waiting} ({@code medassist_ownership_waiting_persons} on /prometheus): the
 * persons whose inputs wait for an ownership answer, summed over the instance's running tasks, each counted by its
 * {@link PersonQueue}. settlement-service counts claims waiting on the claim registry, eligibility-service identity
 * events waiting on the identity registry. A sum that keeps rising while the input rate does not means the answers are
 * not coming back (docs/operations.md, "Metrics").
 */
public final class WaitingPersons {
    public static final String METER = "medassist.ownership.waiting";

    private final Set<IntSupplier> tasks = ConcurrentHashMap.newKeySet();

    /** Registers the gauge, at 0 until a task counts; with no registry it only sums. */
    public WaitingPersons(MeterRegistry meters) {
        if (meters != null) {
            Gauge.builder(METER, tasks, WaitingPersons::sum)
                    .description("persons whose inputs wait for an ownership answer, over the running tasks")
                    .baseUnit("persons").register(meters);
        }
    }

    /** Counts one task's waiting persons, read when scraped; returns what stops counting them, for the task's close. */
    public Runnable count(IntSupplier persons) {
        tasks.add(persons);
        return () -> tasks.remove(persons);
    }

    /** The persons waiting over the running tasks. */
    public int sum() {
        return sum(tasks);
    }

    private static int sum(Set<IntSupplier> tasks) {
        int n = 0;
        for (IntSupplier t : tasks) n += t.getAsInt();
        return n;
    }
}
