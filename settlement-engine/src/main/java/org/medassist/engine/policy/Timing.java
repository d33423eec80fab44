package org.medassist.engine.policy;

import java.util.Map;

/**
 * The region timing table (DECISIONS R-table): when benefits start, when they end after an exit, how an inpatient
 * stay spanning a change is treated, and the look-back windows granted to some identities, counted back from the
 * recognition day or in whole calendar months before the recognition month (E14.2).
 */
public record Timing(
        Start start, End end, Stay stay, Map<String, Integer> lookBackMonths, LookBackFrom lookBackFrom,
        Source startSource, Source endSource, Source staySource, Source lookBackSource) {

    public enum Start { RECOGNITION_DAY, RECOGNITION_MONTH }

    public enum End { DAY_BEFORE_EXIT, END_OF_EXIT_MONTH }

    public enum Stay { DISCHARGE_DATE, WHOLE_STAY }

    /** Where an N-month look-back starts: N months before the recognition day, or the 1st of month M − N. */
    public enum LookBackFrom { RECOGNITION_DAY, MONTH_START }

    public int lookBackMonths(String identity) {
        Integer m = lookBackMonths.get(identity);
        return m == null ? 0 : m;
    }
}
