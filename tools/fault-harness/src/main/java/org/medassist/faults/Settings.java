package org.medassist.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One run of the harness.
 *
 * @param eventsFile        the event file, or null to generate one with {@code bin/simulate}
 * @param generate          with no file: about this many events
 * @param years             with no file: simulated years
 * @param seed              the fault plan's seed, and the simulator's
 * @param partitions        partitions of every person-keyed topic
 * @param rate              events a second at most; 0 picks one that spreads the events over the faults
 * @param maxBacklog        the publisher waits while more input records than this are unprocessed; 0: never
 * @param drainTimeout      how long the stream may take to drain once everything is published
 * @param quiet             how long outputs must stay unchanged, with no lag, to count as drained
 * @param serviceTimeout    how long a service may take from start to healthy
 * @param workDir           where processes keep their data and logs; null: a new temporary directory
 * @param keepWork          keep the work directory also after a pass
 * @param serviceJvmOptions JVM options of both services
 * @param details           how many mismatches to list
 * @param ports             the ports the processes bind on 127.0.0.1
 * @param via               how the events reach the services: straight to Kafka, or over their HTTP API
 * @param httpClients       over HTTP: requests in flight at once, each person's lines in one client ({@link HttpPublisher})
 * @param serviceProperties more system properties of both services ({@code --service-property})
 */
record Settings(Path eventsFile, long generate, int years, long seed, FaultPlan.Counts counts, int partitions, double rate,
                long maxBacklog, Duration drainTimeout, Duration quiet, Duration serviceTimeout, Path workDir, boolean keepWork,
                List<String> serviceJvmOptions, int details, Ports ports, Via via, int httpClients, Map<String, String> serviceProperties) {

    /** How the events reach the services ({@link Feed}). */
    enum Via { KAFKA, HTTP }

    static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC");

    /**
     * The rate that lets the publisher run about as long as the faults take: 30 s, plus 45 s per kill (kills follow
     * each other, each after the previous restart caught up), plus 15 s per other fault.
     */
    double rateFor(long events) {
        if (rate > 0) return rate;
        long others = (long) counts.brokerRestarts() + counts.eligibilityRestarts() + counts.registryOutages();
        return Math.max(1.0, events / (30.0 + 45.0 * counts.kills() + 15.0 * others));
    }
}
