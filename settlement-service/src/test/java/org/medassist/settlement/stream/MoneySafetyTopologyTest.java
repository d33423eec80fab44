package org.medassist.settlement.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medassist.settlement.stream.SettlementTopologyTest.claim;
import static org.medassist.settlement.stream.SettlementTopologyTest.grant;
import static org.medassist.settlement.stream.SettlementTopologyTest.json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.medassist.kit.streams.PersonPartitions;
import org.medassist.settlement.ledger.StoreKeys;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medassist.engine.money.Money;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.events.DeadLetter;
import org.medassist.events.IdentityEvent;
import org.medassist.events.Parameter;
import org.medassist.events.PersonEligibility;
import org.medassist.events.Settlement;
import org.medassist.kit.streams.PoisonRecords;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.route.Limits;

/**
 * The gaps through which a hostile or careless producer could get a payment made twice or lost (docs/reliability.md),
 * each shown closed on the topology itself: wrong keys, claim identity across persons, limits, and fan-outs in
 * chunks that survive a restart between chunks.
 */
class MoneySafetyTopologyTest {
    private final TaggedAvroSerdes serdes = new TaggedAvroSerdes();
    @TempDir
    Path stateDir;
    TopologyTestDriver driver;
    /** Shared by the stream threads that replace each other, as in the service (SettlementStreams). */
    PoisonRecords poison = new PoisonRecords();
    TestInputTopic<String, byte[]> hospital;
    TestInputTopic<String, byte[]> eligibility;
    TestInputTopic<String, Parameter> parameters;
    TestOutputTopic<String, Settlement> settlements;
    TestOutputTopic<String, DeadLetter> deadLetters;

    void start(Limits limits, SettleProcessor.FanOutPace pace) { start(limits, pace, new Properties()); }

    void start(Limits limits, SettleProcessor.FanOutPace pace, Properties props) {
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "money-safety");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(SettlementTopology.build(PolicyLoader.bundled(), serdes, SettlementMetrics.NONE,
                poison, limits, pace), props);
        hospital = driver.createInputTopic(Topics.HOSPITAL_EVENTS.name(), new StringSerializer(), new ByteArraySerializer());
        eligibility = driver.createInputTopic(Topics.PERSON_ELIGIBILITY.name(), new StringSerializer(), new ByteArraySerializer());
        parameters = driver.createInputTopic(Topics.POLICY_PARAMETERS.name(), new StringSerializer(),
                serdes.value(Topics.POLICY_PARAMETERS).serializer());
        settlements = driver.createOutputTopic(Topics.SETTLEMENTS.name(), new StringDeserializer(),
                serdes.value(Topics.SETTLEMENTS).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new StringDeserializer(),
                serdes.value(Topics.DEAD_LETTERS).deserializer());
    }

    void start() { start(Limits.DEFAULT, SettleProcessor.FanOutPace.DEFAULT); }

    @AfterEach
    void stop() {
        if (driver != null) driver.close();
        driver = null;
    }

    void timeline(String person, String... identityLines) {
        List<IdentityEvent> events = new ArrayList<>();
        for (String l : identityLines) events.add((IdentityEvent) EventJson.read(l.replace("\"e-", "\"e-" + person + "-")));
        eligibility.pipeInput(person, TaggedAvroSerdes.encode(PersonEligibility.newBuilder().setPersonId(person).setEvents(events).build()));
    }

    static String fromHospital(String claimLine, String hospitalId) {
        return claimLine.replace("\"hospitalId\":\"H1\"", "\"hospitalId\":\"" + hospitalId + "\"");
    }

    long paid(List<Settlement> out, String claimId) {
        return out.stream().filter(s -> claimId.equals(s.getClaimId())).mapToLong(Settlement::getAssistance).sum();
    }

    @Test
    void aRecordWhoseKeyIsNotItsPersonIdIsADeadLetterAndOpensNoLedger() {
        start();
        timeline("P", grant("P", "jiangyin", "minimum_living", "2023-01-01"));
        hospital.pipeInput("Q", json(claim("c1", "P", "jiangyin", "inpatient", "2023-02-01", "10000.00")));
        hospital.pipeInput((String) null, json(claim("c2", "P", "jiangyin", "inpatient", "2023-02-01", "10000.00")));
        assertTrue(settlements.isEmpty(), "nothing settled under another key");
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertEquals(2, letters.size());
        for (DeadLetter l : letters) {
            assertTrue(l.getReason().startsWith("the record key is not the event's personId"), l.getReason());
            assertTrue(!l.getReason().contains("\"P\""), "the reason never quotes a personId");
        }
        KeyValueStore<String, byte[]> headers = driver.getKeyValueStore(SettlementTopology.HEADER_STORE);
        assertNull(headers.get("Q"), "no second ledger under the wrong key");
        hospital.pipeInput("P", json(claim("c1", "P", "jiangyin", "inpatient", "2023-02-01", "10000.00")));
        assertEquals(Money.parseYuan("7000.00"), paid(settlements.readValuesToList(), "c1"), "the right key settles it once");
    }

    @Test
    void aPersonsRecordOnAnotherPartitionThanItsKeysIsADeadLetterAndOpensNoLedger() {
        Properties props = new Properties();
        props.put(PersonPartitions.CONFIG, 6);
        start(Limits.DEFAULT, SettleProcessor.FanOutPace.DEFAULT, props);
        // the test driver reads every input from partition 0: find a person of partition 0 and one of another
        String home = null, away = null;
        for (int i = 0; home == null || away == null; i++) {
            String id = "P" + i;
            if (PersonPartitions.of(id.getBytes(java.nio.charset.StandardCharsets.UTF_8), 6) == 0) home = home == null ? id : home;
            else away = away == null ? id : away;
        }
        for (String person : List.of(home, away)) {
            timeline(person, grant(person, "jiangyin", "minimum_living", "2023-01-01"));
            hospital.pipeInput(person, json(claim("c-" + person, person, "jiangyin", "inpatient", "2023-02-01", "10000.00")));
        }
        List<Settlement> out = settlements.readValuesToList();
        assertEquals(Money.parseYuan("7000.00"), paid(out, "c-" + home), "a record on its key's partition settles");
        String misplaced = away;
        assertTrue(out.stream().noneMatch(s -> s.getPersonId().equals(misplaced)), "nothing settled on the wrong partition");
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertEquals(2, letters.size(), "the misplaced timeline and the misplaced claim");
        for (DeadLetter l : letters) assertTrue(l.getReason().contains("its key belongs on partition"), l.getReason());
        assertNull(driver.getKeyValueStore(SettlementTopology.HEADER_STORE).get(away), "no second ledger");
    }

    @Test
    void aPersonIdOutsideItsFormatIsADeadLetterEvenUnderItsOwnKey() {
        start();
        var c = (org.medassist.events.Claim) EventJson.read(claim("c1", "P", "jiangyin", "inpatient", "2023-02-01", "100.00"));
        for (String id : List.of("p", " P", "P ", "Ｐ")) {
            c.setPersonId(id);
            hospital.pipeInput(id, TaggedAvroSerdes.encode(c));
        }
        assertTrue(settlements.isEmpty());
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertEquals(4, letters.size());
        for (DeadLetter l : letters) assertTrue(l.getReason().startsWith("personId must be"), l.getReason());
    }

    @Test
    void theSameClaimUnderAnotherPersonIsRejectedAndPaidOnce() {
        start();
        timeline("P", grant("P", "jiangyin", "minimum_living", "2023-01-01"));
        timeline("Q", grant("Q", "jiangyin", "minimum_living", "2023-01-01"));
        hospital.pipeInput("P", json(claim("c1", "P", "jiangyin", "inpatient", "2023-02-01", "10000.00")));
        // re-sent with a "corrected" personId instead of a reversal and a new claimId
        hospital.pipeInput("Q", json(claim("c1", "Q", "jiangyin", "inpatient", "2023-02-01", "10000.00")));
        List<Settlement> out = settlements.readValuesToList();
        assertEquals(2, out.size());
        assertEquals("settled", out.get(0).getStatus().name());
        assertEquals("rejected", out.get(1).getStatus().name());
        assertEquals("Q", out.get(1).getPersonId());
        assertTrue(out.get(1).getReason().contains("already received for another person"), out.get(1).getReason());
        assertEquals(Money.parseYuan("7000.00"), paid(out, "c1"), "paid once, under the first person");
    }

    @Test
    void twoHospitalsMayUseTheSameClaimIdForOnePerson() {
        start();
        timeline("P", grant("P", "jiangyin", "minimum_living", "2023-01-01"));
        hospital.pipeInput("P", json(claim("c1", "P", "jiangyin", "inpatient", "2023-02-01", "10000.00")));
        hospital.pipeInput("P", json(fromHospital(claim("c1", "P", "jiangyin", "inpatient", "2023-03-01", "20000.00"), "H2")));
        List<Settlement> out = settlements.readValuesToList();
        assertEquals(List.of("settled", "settled"), out.stream().map(s -> s.getStatus().name()).toList());
        assertEquals(List.of("H1", "H2"), out.stream().map(Settlement::getHospitalId).toList());
        assertEquals(List.of(700_000L, 1_400_000L), out.stream().map(Settlement::getAssistance).toList());
        KeyValueStore<String, String> owners = driver.getKeyValueStore(SettlementTopology.CLAIM_OWNERS_STORE);
        assertTrue(owners.get("H1\u001fc1") != null && owners.get("H2\u001fc1") != null, "the claim index is keyed by hospital and claimId");
    }

    @Test
    void theSameClaimAgainIsIgnoredAndWithOtherContentRejectedAcrossYears() {
        start();
        timeline("P", grant("P", "jiangyin", "minimum_living", "2022-01-01"));
        hospital.pipeInput("P", json(claim("c1", "P", "jiangyin", "inpatient", "2023-02-01", "10000.00")));
        hospital.pipeInput("P", json(claim("c1", "P", "jiangyin", "inpatient", "2023-02-01", "10000.00")));
        // the same claim moved to another year: its first receipt is in another person-year record
        hospital.pipeInput("P", json(claim("c1", "P", "jiangyin", "inpatient", "2022-12-01", "10000.00")));
        List<Settlement> out = settlements.readValuesToList();
        assertEquals(List.of("settled", "rejected"), out.stream().map(s -> s.getStatus().name()).toList());
        assertTrue(out.get(1).getReason().contains("different content"), out.get(1).getReason());
    }

    @Test
    void aPersonYearBeyondItsLimitRejectsTheClaimWithAReason() {
        start(new Limits(3, 10), SettleProcessor.FanOutPace.DEFAULT);
        timeline("P", grant("P", "jiangyin", "minimum_living", "2023-01-01"));
        for (int i = 1; i <= 4; i++) {
            hospital.pipeInput("P", json(claim("c" + i, "P", "jiangyin", "outpatient", "2023-02-0" + i, "10.00")));
        }
        List<Settlement> out = settlements.readValuesToList();
        assertEquals(List.of("settled", "settled", "settled", "rejected"), out.stream().map(s -> s.getStatus().name()).toList());
        assertTrue(out.get(3).getReason().contains("the most one person-year holds"), out.get(3).getReason());
        hospital.pipeInput("P", json(claim("c1", "P", "jiangyin", "outpatient", "2023-02-01", "10.00")));
        assertTrue(settlements.isEmpty(), "a resend of an accepted claim is still just a duplicate");
    }

    @Test
    void aParameterFansOutInChunksEachCommittedWithItsCursor() {
        start(Limits.DEFAULT, new SettleProcessor.FanOutPace(3, Duration.ZERO));
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 8; i++) people.add(String.format("P%02d", i));
        for (String p : people) {
            timeline(p, grant(p, "jiujiang", "marginal_low_income", "2023-01-01"));
            hospital.pipeInput(p, json(claim("c-" + p, p, "jiujiang", "inpatient", "2023-03-01", "5000.00")));
        }
        assertTrue(settlements.readValuesToList().stream().allMatch(s -> s.getStatus().name().equals("parked")));
        parameters.pipeInput("jiujiang|2023|per_capita_disposable_income", (Parameter) EventJson.read(
                "{\"type\":\"parameter\",\"region\":\"jiujiang\",\"year\":2023,\"name\":\"per_capita_disposable_income\",\"value\":\"30000.00\"}"));
        KeyValueStore<String, String> cursors = driver.getKeyValueStore(SettleProcessor.FAN_OUTS);
        List<Settlement> all = new ArrayList<>();
        List<Integer> chunks = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            driver.advanceWallClockTime(Duration.ofMillis(250));
            List<Settlement> chunk = settlements.readValuesToList();
            chunks.add(chunk.size());
            all.addAll(chunk);
            try (var it = cursors.all()) {
                stored.add(it.hasNext() ? it.next().value : "done");
            }
        }
        assertEquals(List.of(3, 3, 2, 0), chunks, "three persons per step, one step per punctuation; a short step ends it");
        assertEquals(List.of("P02", "P05", "done", "done"), stored, "the cursor stored with each chunk: where a restart resumes");
        for (String p : people) assertEquals(Money.parseYuan("1300.00"), paid(all, "c-" + p), p + " settled exactly once");
    }

    /** Two persons of jiujiang 2023 with parked claims and, between them, one whose stored ledger cannot be read. */
    void fanOutOverACorruptedPerson() {
        start(Limits.DEFAULT, new SettleProcessor.FanOutPace(1, Duration.ZERO));
        for (String p : List.of("P00", "P02")) {
            timeline(p, grant(p, "jiujiang", "marginal_low_income", "2023-01-01"));
            hospital.pipeInput(p, json(claim("c-" + p, p, "jiujiang", "inpatient", "2023-03-01", "5000.00")));
        }
        settlements.readValuesToList();
        // as a corrupted record would be: a person of the region-year whose header has an unknown format
        driver.<String, byte[]>getKeyValueStore(SettleProcessor.INDEX).put(StoreKeys.index("jiujiang", 2023, "P01"), new byte[0]);
        driver.<String, byte[]>getKeyValueStore(SettleProcessor.HEADERS).put("P01", new byte[] {42, 42, 42});
        parameters.pipeInput("jiujiang|2023|per_capita_disposable_income", (Parameter) EventJson.read(
                "{\"type\":\"parameter\",\"region\":\"jiujiang\",\"year\":2023,\"name\":\"per_capita_disposable_income\",\"value\":\"30000.00\"}"));
    }

    @Test
    void aPersonWhoseLedgerCannotBeReadIsRetriedThenSetAsideFromAFanOutWhichGoesOn() {
        fanOutOverACorruptedPerson();
        driver.advanceWallClockTime(Duration.ofMillis(250)); // P00
        assertEquals(Money.parseYuan("1300.00"), paid(settlements.readValuesToList(), "c-P00"));
        // P01: the failure is rethrown, so the service's transaction aborts and a new stream thread retries the chunk
        assertThrows(RuntimeException.class, () -> driver.advanceWallClockTime(Duration.ofMillis(250)));
        assertEquals(1, poison.size(), "the failed attempt is counted");
        assertTrue(deadLetters.isEmpty(), "not set aside on a first failure");

        // the threads that replace it fail the same way until the count is reached (the test driver does not
        // re-create a task, so a new one stands for them, sharing the count as the service's threads do)
        stop();
        for (int i = 1; i < PoisonRecords.MAX_ATTEMPTS; i++) {
            fanOutOverACorruptedPerson();
            driver.advanceWallClockTime(Duration.ofMillis(250));
            assertThrows(RuntimeException.class, () -> driver.advanceWallClockTime(Duration.ofMillis(250)));
            stop();
        }
        fanOutOverACorruptedPerson();
        List<Settlement> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            driver.advanceWallClockTime(Duration.ofMillis(250));
            all.addAll(settlements.readValuesToList());
        }
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertEquals(1, letters.size(), "the person set aside, once");
        assertEquals(SettleProcessor.FAN_OUTS, letters.get(0).getSourceTopic());
        assertTrue(letters.get(0).getReason().startsWith("the fan-out recompute|jiujiang|2023"), letters.get(0).getReason());
        assertTrue(letters.get(0).getReason().contains("set aside after " + PoisonRecords.MAX_ATTEMPTS), letters.get(0).getReason());
        for (String p : List.of("P00", "P02")) assertEquals(Money.parseYuan("1300.00"), paid(all, "c-" + p), p + " settled by the fan-out");
        try (var it = driver.<String, String>getKeyValueStore(SettleProcessor.FAN_OUTS).all()) {
            assertTrue(!it.hasNext(), "the fan-out finished");
        }
        assertEquals(0, poison.size(), "nothing left to retry");
    }

    @Test
    void aPersonNotYetReachedByAFanOutCatchesUpBeforeTheirNextClaim() {
        start(Limits.DEFAULT, new SettleProcessor.FanOutPace(1, Duration.ZERO));
        for (String p : List.of("A", "B")) {
            timeline(p, grant(p, "jiujiang", "marginal_low_income", "2023-01-01"));
            hospital.pipeInput(p, json(claim("c-" + p, p, "jiujiang", "inpatient", "2023-03-01", "5000.00")));
        }
        settlements.readValuesToList();
        parameters.pipeInput("jiujiang|2023|per_capita_disposable_income", (Parameter) EventJson.read(
                "{\"type\":\"parameter\",\"region\":\"jiujiang\",\"year\":2023,\"name\":\"per_capita_disposable_income\",\"value\":\"30000.00\"}"));
        driver.advanceWallClockTime(Duration.ofMillis(250)); // reaches A only
        assertEquals(List.of("c-A"), settlements.readValuesToList().stream().map(Settlement::getClaimId).toList());
        hospital.pipeInput("B", json(claim("d-B", "B", "jiujiang", "inpatient", "2023-04-01", "1000.00")));
        List<Settlement> out = settlements.readValuesToList();
        assertEquals(List.of("c-B", "d-B"), out.stream().map(Settlement::getClaimId).toList(), "B's parked claim settles first");
        driver.advanceWallClockTime(Duration.ofMillis(250));
        assertTrue(settlements.isEmpty(), "reaching B later changes nothing more");
    }

    @Test
    void aYearCloseKeyedByAnythingButItsRegionYearIsADeadLetter() {
        start();
        TestInputTopic<String, byte[]> closes = driver.createInputTopic(Topics.YEAR_CLOSES.name(), new StringSerializer(),
                new ByteArraySerializer());
        closes.pipeInput("P", json("{\"type\":\"year_close\",\"region\":\"jiangyin\",\"year\":2023}"));
        DeadLetter l = deadLetters.readValue();
        assertTrue(l.getReason().contains("region|year"), l.getReason());
        assertEquals("P", StandardCharsets.UTF_8.decode(l.getKey()).toString());
    }

    @Test
    void anEventOnTheWrongTopicIsADeadLetter() {
        start();
        hospital.pipeInput("P", json("{\"type\":\"application\",\"applicationId\":\"A-1\",\"personId\":\"P\",\"region\":\"jiujiang\","
                + "\"year\":2023,\"kind\":\"tilt\",\"filedDate\":\"2023-11-01\",\"decision\":{}}"));
        DeadLetter l = deadLetters.readValue();
        assertEquals("a application belongs on applications, not on hospital-events", l.getReason());
    }

    static Parameter income(String region, int year, String yuan) {
        return (Parameter) EventJson.read("{\"type\":\"parameter\",\"region\":\"" + region + "\",\"year\":" + year
                + ",\"name\":\"per_capita_disposable_income\",\"value\":\"" + yuan + "\"}");
    }

    @Test
    void everyParameterRecordIsAnsweredOnceAndOnlyAGoodOneApplies() {
        start();
        timeline("P", grant("P", "jiujiang", "marginal_low_income", "2023-01-01"));
        hospital.pipeInput("P", json(claim("c1", "P", "jiujiang", "inpatient", "2023-03-01", "5000.00")));
        assertEquals("parked", settlements.readValue().getStatus().name());
        // under another key: a dead letter, not applied
        parameters.pipeInput("jiujiang|2024|per_capita_disposable_income", income("jiujiang", 2023, "30000.00"));
        // breaks the contract (a year out of range): a rejected settlement, not applied
        Parameter far = income("jiujiang", 2023, "30000.00");
        far.setYear(3000);
        parameters.pipeInput("jiujiang|3000|per_capita_disposable_income", far);
        driver.advanceWallClockTime(Duration.ofMillis(300));
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertEquals(1, letters.size());
        assertTrue(letters.get(0).getReason().startsWith("the record key is not region|year|name"), letters.get(0).getReason());
        assertEquals(0, letters.get(0).getOffset(), "named by its source offset");
        List<Settlement> out = settlements.readValuesToList();
        assertEquals(1, out.size());
        assertEquals("rejected", out.get(0).getStatus().name());
        assertEquals("parameter:jiujiang:3000:per_capita_disposable_income", out.get(0).getReference());
        // a good value applies once: the parked claim settles
        parameters.pipeInput("jiujiang|2023|per_capita_disposable_income", income("jiujiang", 2023, "30000.00"));
        driver.advanceWallClockTime(Duration.ofMillis(300));
        driver.advanceWallClockTime(Duration.ofMillis(300));
        assertEquals(List.of("settled"), settlements.readValuesToList().stream().map(x -> x.getStatus().name()).toList());
        assertTrue(deadLetters.isEmpty(), "answered once");
        // a tombstone is answered and changes nothing: the value in force stays
        parameters.pipeInput("jiujiang|2023|per_capita_disposable_income", (Parameter) null);
        driver.advanceWallClockTime(Duration.ofMillis(300));
        DeadLetter tombstone = deadLetters.readValue();
        assertTrue(tombstone.getReason().startsWith("a deletion (tombstone) is not a parameter event"), tombstone.getReason());
        hospital.pipeInput("P", json(claim("c2", "P", "jiujiang", "inpatient", "2023-04-01", "1000.00")));
        assertEquals("settled", settlements.readValue().getStatus().name(), "the income of 2023 is still known");
    }

    @Test
    void aYearCloseOnOnePartitionOnlyIsAnsweredThere() {
        start();
        TestInputTopic<String, byte[]> closes = driver.createInputTopic(Topics.YEAR_CLOSES.name(), new StringSerializer(),
                new ByteArraySerializer());
        closes.pipeInput("atlantis|2023", json("{\"type\":\"year_close\",\"region\":\"atlantis\",\"year\":2023}"));
        Settlement refused = settlements.readValue();
        assertEquals("rejected", refused.getStatus().name());
        assertEquals("year_close:atlantis:2023", refused.getReference());
        var broken = (org.medassist.events.YearClose) EventJson.read("{\"type\":\"year_close\",\"region\":\"jiangyin\",\"year\":2023}");
        broken.setYear(1800);
        closes.pipeInput("jiangyin|1800", TaggedAvroSerdes.encode(broken));
        Settlement invalid = settlements.readValue();
        assertEquals("year_close:jiangyin:1800", invalid.getReference(), "named by what it is about, not year_close:?");
    }
}
