package org.medassist.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.ResultStatus;
import org.medassist.engine.model.SettlementResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the engine's claim path allocates, as a property rather than a timing (docs/performance.md, "The engine"):
 * the benchmarks report the figure, this test keeps it from creeping back. Bytes are counted by the JVM for this
 * thread ({@code getCurrentThreadAllocatedBytes}), over the warm claims of {@link WarmClaims}, settled one after
 * another as {@link EngineSequenceBenchmark} does. The interpreter and C1 allocate what C2 later keeps in registers,
 * so each test settles the claims round after round and takes the best round: a regression that allocates per claim
 * (an explanation built eagerly, money in objects, a map per claim) stays above the bound however warm the code is.
 */
class EngineAllocationTest {
    /** About 650 bytes per claim when these bounds were set (the settlement result, its strings); 5 KB before the engine pass. */
    private static final long BYTES_PER_CLAIM = 1_024;
    /** Reading every explanation line costs about 3.8 KB more per claim (4.4 KB read against 643 B): the lines are built then, not before. */
    private static final long EXPLANATION_BYTES_PER_CLAIM = 1_500;
    /** Rounds enough for C2 to compile the claim path on a busy two-core machine (about 15 are needed on a quiet one). */
    private static final int MAX_ROUNDS = 80;
    /** Reading the explanations is measured over fewer rounds: its gap to the bound is more than two kilobytes. */
    private static final int READ_ROUNDS = 20;

    private static WarmClaims warm;

    @BeforeAll
    static void warmState() {
        warm = new WarmClaims(2_000, 1);
    }

    @Test
    void aSettledClaimAllocatesUnderAKilobyte() {
        long best = bestBytesPerClaim(false, BYTES_PER_CLAIM, MAX_ROUNDS);
        assertTrue(best <= BYTES_PER_CLAIM, "the engine allocates " + best + " bytes per settled claim at best over "
                + MAX_ROUNDS + " rounds of " + warm.size() + " claims; the bound is " + BYTES_PER_CLAIM);
    }

    @Test
    void explanationsAreBuiltOnlyWhenReadAndAreThereWhenRead() {
        long unread = bestBytesPerClaim(false, BYTES_PER_CLAIM, MAX_ROUNDS);
        long read = bestBytesPerClaim(true, 0, READ_ROUNDS);
        assertTrue(read - unread >= EXPLANATION_BYTES_PER_CLAIM, "reading the explanations allocated " + read
                + " bytes per claim, not reading them " + unread + ": if they cost nothing to read they were built before");
    }

    /**
     * The least bytes per claim of up to {@code rounds} rounds over every warm claim (stopping early once a round
     * is at or under {@code enough}), checking each round that every claim settled and, when read, explained itself.
     */
    private static long bestBytesPerClaim(boolean readExplanations, long enough, int rounds) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < rounds && best > enough; round++) {
            Sink sink = new Sink(readExplanations);
            warm.rewindAll();
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < warm.size(); i++) warm.settle(i, sink);
            long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(0, sink.parked, "measured claims parked");
            assertEquals(warm.size(), sink.settled, "every measured claim settles once");
            if (readExplanations) assertFalse(sink.unexplained, "a settlement without explanation lines");
            best = Math.min(best, bytes / warm.size());
        }
        return best;
    }

    /** Keeps what it is given reachable (so no allocation is optimized away) and counts it. */
    private static final class Sink implements EngineOutput {
        private final boolean readExplanations;
        Object last;
        long explanationChars;
        int settled;
        int parked;
        boolean unexplained;

        Sink(boolean readExplanations) {
            this.readExplanations = readExplanations;
        }

        @Override
        public void settlement(SettlementResult s) {
            last = s;
            if (s.status() == ResultStatus.PARKED) parked++;
            else settled++;
            if (readExplanations) {
                int lines = 0;
                for (String line : s.explanation()) {
                    explanationChars += line.length();
                    lines++;
                }
                if (lines == 0) unexplained = true;
            }
        }

        @Override
        public void alert(MonitoringAlert a) {
            last = a;
        }
    }
}
