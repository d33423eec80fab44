package org.medassist.settlement.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.medassist.settlement.stream.SettlementTopologyTest.claim;
import static org.medassist.settlement.stream.SettlementTopologyTest.grant;
import static org.medassist.settlement.stream.SettlementTopologyTest.json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.IntSupplier;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.events.IdentityEvent;
import org.medassist.events.PersonEligibility;
import org.medassist.kit.streams.PoisonRecords;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.route.Limits;

/**
 * The settle task counts its persons waiting for a claim-ownership answer while it runs, and stops counting when it
 * closes (docs/operations.md, "Metrics"): a task moved to another instance is not counted twice.
 */
class WaitingMetricTest {
    @TempDir
    Path stateDir;

    /** Records the counters the tasks hand over, and which are still counted. */
    static final class Counted implements SettlementMetrics {
        final List<IntSupplier> live = new ArrayList<>();

        @Override public Runnable waiting(IntSupplier persons) {
            live.add(persons);
            return () -> live.remove(persons);
        }

        int sum() { return live.stream().mapToInt(IntSupplier::getAsInt).sum(); }

        @Override public void settlement(String status, String region, long assistanceFen, long tiltFen) {}
        @Override public void alert(String rule) {}
        @Override public void deadLetter(String sourceTopic) {}
        @Override public void processed(long nanos) {}
    }

    @Test
    void theTaskCountsWhileItRunsAndNoPersonWaitsOnceAnswered() {
        TaggedAvroSerdes serdes = new TaggedAvroSerdes();
        Counted metrics = new Counted();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "waiting-metric");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TopologyTestDriver driver = new TopologyTestDriver(SettlementTopology.build(PolicyLoader.bundled(), serdes, metrics,
                new PoisonRecords(), Limits.DEFAULT), props);
        try {
            assertEquals(1, metrics.live.size(), "the settle task counts from its start");
            TestInputTopic<String, byte[]> eligibility = driver.createInputTopic(Topics.PERSON_ELIGIBILITY.name(),
                    new StringSerializer(), new ByteArraySerializer());
            TestInputTopic<String, byte[]> hospital = driver.createInputTopic(Topics.HOSPITAL_EVENTS.name(),
                    new StringSerializer(), new ByteArraySerializer());
            IdentityEvent granted = (IdentityEvent) EventJson.read(grant("P", "jiangyin", "minimum_living", "2023-01-01")
                    .replace("\"e-", "\"e-P-"));
            eligibility.pipeInput("P", TaggedAvroSerdes.encode(PersonEligibility.newBuilder().setPersonId("P")
                    .setEvents(List.of(granted)).build()));
            hospital.pipeInput("P", json(claim("c1", "P", "jiangyin", "inpatient", "2023-02-01", "10000.00")));
            // the test driver answers within the same call, so once the input is in nobody waits
            assertEquals(0, metrics.sum());
        } finally {
            driver.close();
        }
        assertEquals(List.of(), metrics.live, "a closed task is no longer counted");
    }
}
