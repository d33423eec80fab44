package org.medassist.settlement.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.events.DeadLetter;
import org.medassist.events.IdentityEvent;
import org.medassist.events.Parameter;
import org.medassist.events.PersonEligibility;
import org.medassist.events.Settlement;
import org.medassist.engine.money.Money;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.kafka.Topics;

class SettlementTopologyTest {
    final TaggedAvroSerdes serdes = new TaggedAvroSerdes();
    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> hospital;
    TestInputTopic<String, byte[]> eligibility;
    TestInputTopic<String, byte[]> yearCloses;
    TestInputTopic<String, Parameter> parameters;
    TestOutputTopic<String, Settlement> settlements;
    TestOutputTopic<String, DeadLetter> deadLetters;

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path stateDir;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "settlement-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()); // never shared with another build on this machine
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(SettlementTopology.build(PolicyLoader.bundled(), serdes), props);
        hospital = driver.createInputTopic(Topics.HOSPITAL_EVENTS.name(), new StringSerializer(), new ByteArraySerializer());
        eligibility = driver.createInputTopic(Topics.PERSON_ELIGIBILITY.name(), new StringSerializer(), new ByteArraySerializer());
        yearCloses = driver.createInputTopic(Topics.YEAR_CLOSES.name(), new StringSerializer(), new ByteArraySerializer());
        parameters = driver.createInputTopic(Topics.POLICY_PARAMETERS.name(), new StringSerializer(), serdes.value(Topics.POLICY_PARAMETERS).serializer());
        settlements = driver.createOutputTopic(Topics.SETTLEMENTS.name(), new StringDeserializer(), serdes.value(Topics.SETTLEMENTS).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new StringDeserializer(), serdes.value(Topics.DEAD_LETTERS).deserializer());
    }

    @AfterEach
    void stop() { driver.close(); }

    /** A contract JSON line as a direct Avro producer would write it. */
    static byte[] json(String line) { return TaggedAvroSerdes.encode(EventJson.read(line)); }

    void timeline(String person, String... identityLines) {
        List<IdentityEvent> events = new ArrayList<>();
        for (String l : identityLines) events.add((IdentityEvent) EventJson.read(l));
        PersonEligibility t = PersonEligibility.newBuilder().setPersonId(person).setEvents(events).build();
        eligibility.pipeInput(person, TaggedAvroSerdes.encode(t));
    }

    static String grant(String person, String region, String identity, String date) {
        String dept = org.medassist.schemas.Departments.certifierOf(org.medassist.events.IdentityType.valueOf(identity)).name();
        return "{\"type\":\"identity\",\"eventId\":\"e-" + identity + "\",\"personId\":\"" + person + "\",\"region\":\"" + region
                + "\",\"department\":\"" + dept + "\",\"identity\":\"" + identity + "\",\"action\":\"grant\",\"effectiveDate\":\"" + date + "\"}";
    }

    static String claim(String id, String person, String region, String kind, String date, String scope) {
        return "{\"type\":\"claim\",\"claimId\":\"" + id + "\",\"personId\":\"" + person + "\",\"region\":\"" + region
                + "\",\"hospitalId\":\"H1\",\"hospitalLevel\":\"tertiary\",\"kind\":\"" + kind + "\""
                + (kind.equals("inpatient") ? ",\"admissionDate\":\"" + date + "\"" : "") + ",\"dischargeDate\":\"" + date
                + "\",\"location\":\"in_city\",\"referred\":true,\"amounts\":{\"total\":\"" + scope + "\",\"outOfScope\":\"0.00\",\"policyScope\":\""
                + scope + "\",\"basicInsurance\":\"0.00\",\"criticalIllness\":\"0.00\",\"otherInsurance\":\"0.00\"}}";
    }

    @Test
    void settlesClaimsWithTheTimelineFromEligibility() {
        timeline("P", grant("P", "nanjing", "minimum_living", "2023-01-01"));
        hospital.pipeInput("P", json(claim("c1", "P", "nanjing", "outpatient", "2023-01-10", "1500.00")));
        hospital.pipeInput("P", json(claim("c2", "P", "nanjing", "outpatient", "2023-02-10", "1000.00")));
        List<Settlement> out = settlements.readValuesToList();
        assertEquals(2, out.size());
        assertEquals("1275.00", Money.format(out.get(0).getAssistance()));
        assertEquals("825.00", Money.format(out.get(1).getAssistance()));
        assertEquals("H1/c2/1", out.get(1).getSettlementId());
        KeyValueStore<String, String> owners = driver.getKeyValueStore(SettlementTopology.CLAIM_OWNERS_STORE);
        assertEquals("P", org.medassist.kit.ownership.Ownership.owner(owners.get("H1\u001fc2")), "the claim's owner is registered");
    }

    @Test
    void aLateTimelineAdjustsEarlierClaims() {
        hospital.pipeInput("P", json(claim("c1", "P", "nanjing", "inpatient", "2023-03-01", "10000.00")));
        timeline("P", grant("P", "nanjing", "minimum_living", "2023-01-01"));
        List<Settlement> out = settlements.readValuesToList();
        assertEquals(List.of("settled", "adjustment"), out.stream().map(s -> s.getStatus().name()).toList());
        assertEquals("9000.00", Money.format(out.get(1).getAssistance()));
    }

    @Test
    void unreadableRecordsBecomeDeadLettersAndTheStreamGoesOn() {
        hospital.pipeInput("P", "not avro, not json".getBytes(StandardCharsets.UTF_8));
        hospital.pipeInput("P", json(claim("c1", "P", "jiangyin", "inpatient", "2023-03-01", "100.00")));
        DeadLetter letter = deadLetters.readValue();
        assertEquals(Topics.HOSPITAL_EVENTS.name(), letter.getSourceTopic());
        assertEquals(0, letter.getOffset());
        assertTrue(letter.getReason().startsWith("cannot be read"), letter.getReason());
        assertEquals("not avro, not json", StandardCharsets.UTF_8.decode(letter.getValue()).toString());
        assertEquals("P", StandardCharsets.UTF_8.decode(letter.getKey()).toString());
        assertEquals("c1", settlements.readValue().getClaimId());
    }

    @Test
    void contractBreachesFromDirectProducersAreRejectedWithAReason() {
        Settlement bad;
        String line = claim("c9", "P", "jiangyin", "inpatient", "2023-03-01", "100.00").replace("\"basicInsurance\":\"0.00\"", "\"basicInsurance\":\"150.00\"");
        var record = (org.medassist.events.Claim) EventJson.read(line.replace("150.00", "50.00"));
        record.getAmounts().setBasicInsurance(15000L); // bypasses the JSON validation, as a direct Avro producer could
        hospital.pipeInput("P", TaggedAvroSerdes.encode(record));
        bad = settlements.readValue();
        assertEquals("rejected", bad.getStatus().name());
        assertEquals("claim c9: amounts.basicInsurance exceeds amounts.policyScope", bad.getReason());
    }

    /**
     * A one-time decision rate with a seventh decimal passed the contract check and then failed inside the mapping to
     * the engine, killing the stream thread three times before the poison rule set it aside (about 30 s of a
     * partition stalled). It is a contract breach: a rejected settlement with the reason, and the stream goes on.
     */
    @Test
    void aRateWithMoreThanSixDecimalsIsRejectedNotAPoisonRecord() {
        var applications = driver.createInputTopic(Topics.APPLICATIONS.name(), new StringSerializer(), new ByteArraySerializer());
        var app = (org.medassist.events.Application) EventJson.read("{\"type\":\"application\",\"applicationId\":\"A-7\","
                + "\"personId\":\"P\",\"region\":\"fangchenggang\",\"year\":2023,\"kind\":\"one_time\","
                + "\"filedDate\":\"2023-11-01\",\"decision\":{\"rate\":\"0.65\"}}");
        app.getDecision().setRate("0.6500001"); // as a direct Avro producer could write it
        applications.pipeInput("P", TaggedAvroSerdes.encode(app));
        hospital.pipeInput("P", json(claim("c1", "P", "jiangyin", "inpatient", "2023-03-01", "100.00")));
        Settlement rejected = settlements.readValue();
        assertEquals("rejected", rejected.getStatus().name());
        assertEquals("application A-7: decision.rate \"0.6500001\" has more than 6 decimals", rejected.getReason());
        assertEquals("c1", settlements.readValue().getClaimId(), "the next input of the partition is settled");
        assertTrue(deadLetters.isEmpty(), "nothing was set aside");
    }

    /**
     * A direct producer's claim whose claimId holds bytes that are not UTF-8: Avro reads them as U+FFFD, which would
     * keep the claim under another id than the one sent (and make two such ids one). It is rejected with the reason.
     */
    @Test
    void aClaimIdThatIsNotUtf8IsRejected() {
        byte[] value = json(claim("c-XX", "P", "jiangyin", "inpatient", "2023-03-01", "100.00"));
        byte[] marker = "c-XX".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(value, marker);
        value[at + 2] = (byte) 0xff; // same length: the Avro string's length prefix still holds
        value[at + 3] = (byte) 0xfe;
        hospital.pipeInput("P", value);
        Settlement rejected = settlements.readValue();
        assertEquals("rejected", rejected.getStatus().name());
        assertTrue(rejected.getReason().contains("claimId holds U+FFFD, the replacement character, at character 3"), rejected.getReason());
        assertTrue(settlements.isEmpty(), "nothing settled under the replaced id");
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) if (data[i + j] != part[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void parkedClaimsSettleWhenTheParameterArrivesInTheGlobalTable() {
        timeline("P", grant("P", "jiujiang", "marginal_low_income", "2023-01-01"));
        hospital.pipeInput("P", json(claim("c1", "P", "jiujiang", "inpatient", "2023-03-01", "5000.00")));
        assertEquals("parked", settlements.readValue().getStatus().name());
        parameters.pipeInput("jiujiang|2023|per_capita_disposable_income",
                (Parameter) EventJson.read("{\"type\":\"parameter\",\"region\":\"jiujiang\",\"year\":2023,\"name\":\"per_capita_disposable_income\",\"value\":\"30000.00\"}"));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        Settlement s = settlements.readValue();
        assertEquals("settled", s.getStatus().name());
        assertEquals("1300.00", Money.format(s.getAssistance()));
    }

    @Test
    void yearCloseOnEveryPartitionPaysTheTopUp() {
        timeline("P", grant("P", "jiangyin", "registered_low_income", "2023-01-01"));
        hospital.pipeInput("P", json(claim("c1", "P", "jiangyin", "inpatient", "2023-02-01", "20000.00")
                .replace("\"policyScope\":\"20000.00\",\"basicInsurance\":\"0.00\"", "\"policyScope\":\"50000.00\",\"basicInsurance\":\"30000.00\"")
                .replace("\"total\":\"20000.00\"", "\"total\":\"50000.00\"")));
        settlements.readValue();
        yearCloses.pipeInput("jiangyin|2023", json("{\"type\":\"year_close\",\"region\":\"jiangyin\",\"year\":2023}"));
        assertTrue(settlements.isEmpty(), "a year close fans out over its persons in chunks, by punctuation");
        driver.advanceWallClockTime(Duration.ofMillis(500));
        Settlement topUp = settlements.readValue();
        assertEquals("year_close:jiangyin:2023", topUp.getReference());
        assertEquals("1000.00", Money.format(topUp.getTilt()));
    }
}
