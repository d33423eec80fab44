package org.medassist.eligibility.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medassist.eligibility.Events.grant;
import static org.medassist.eligibility.Events.identity;
import static org.medassist.eligibility.Events.revoke;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medassist.events.DeadLetter;
import org.medassist.events.Department;
import org.medassist.events.IdentityAction;
import org.medassist.events.IdentityAttributes;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentitySpell;
import org.medassist.events.IdentityType;
import org.medassist.events.PersonEligibility;
import org.medassist.kit.deadletter.DeadLetters;
import org.medassist.kit.kafka.PlainAvroSerde;
import org.medassist.schemas.PersonIdHash;
import org.medassist.schemas.kafka.Topics;

/** The fold through TopologyTestDriver: plain Avro serdes injected in place of the registry's. */
class FoldTopologyTest {
    private static final Instant NOW = Instant.parse("2024-01-02T03:04:05Z");

    private final Serde<IdentityEvent> events = PlainAvroSerde.of(IdentityEvent.class);
    private final Serde<PersonEligibility> eligibility = PlainAvroSerde.of(PersonEligibility.class);
    private final Serde<DeadLetter> deadLetters = PlainAvroSerde.of(DeadLetter.class);
    private final AtomicInteger folded = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger dead = new AtomicInteger();
    /** The fold tasks' counts of persons waiting for an identity-ownership answer, while they run. */
    private final org.medassist.kit.ownership.WaitingPersons waiting = new org.medassist.kit.ownership.WaitingPersons(null);
    private final AtomicInteger counting = new AtomicInteger();

    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, PersonEligibility> output;
    private TestOutputTopic<byte[], DeadLetter> letters;

    @BeforeEach
    void start() throws Exception {
        stateDir = Files.createTempDirectory("fold-test-");
        FoldObserver observer = new FoldObserver() {
            @Override public void folded() { folded.incrementAndGet(); }
            @Override public void duplicate() { duplicates.incrementAndGet(); }
            @Override public void deadLettered() { dead.incrementAndGet(); }
            @Override public Runnable waiting(java.util.function.IntSupplier persons) {
                counting.incrementAndGet();
                Runnable stop = waiting.count(persons);
                return () -> { counting.decrementAndGet(); stop.run(); };
            }
        };
        // the service's own regions, as EligibilityStreams passes them
        Topology topology = EligibilityTopology.build(TopologySerdes.plain(events, eligibility, deadLetters),
                new DeadLetters("eligibility-service", Clock.fixed(NOW, ZoneOffset.UTC)), PersonIdHash.withKey("k"), observer,
                new org.medassist.kit.streams.PoisonRecords(),
                org.medassist.kit.auth.PolicyRegions.catalog(null));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "fold-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put("processing.exception.handler.global.enabled", "true");
        driver = new TopologyTestDriver(topology, p);
        input = driver.createInputTopic(Topics.IDENTITY_EVENTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        output = driver.createOutputTopic(Topics.PERSON_ELIGIBILITY.name(), new StringDeserializer(), eligibility.deserializer());
        letters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new ByteArrayDeserializer(), deadLetters.deserializer());
    }

    @AfterEach
    void stop() throws Exception {
        if (driver != null) driver.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private void send(IdentityEvent e) {
        input.pipeInput(bytes(e.getPersonId()), events.serializer().serialize("t", e));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> ids(PersonEligibility pe) {
        return pe.getEvents().stream().map(IdentityEvent::getEventId).toList();
    }

    @Test
    void everyNodeAndTheStoreAreNamed() {
        Topology t = EligibilityTopology.build(TopologySerdes.plain(events, eligibility, deadLetters),
                new DeadLetters("x"), PersonIdHash.withKey("k"), FoldObserver.NONE);
        TopologyDescription d = t.describe();
        var names = d.subtopologies().stream().flatMap(s -> s.nodes().stream()).map(TopologyDescription.Node::name).toList();
        assertEquals(List.of(EligibilityTopology.SOURCE, EligibilityTopology.PROCESSOR, EligibilityTopology.DEAD_LETTER_SINK,
                        EligibilityTopology.OUTPUT_SINK, EligibilityTopology.OWNERSHIP_SINK, "identity-ownership-requests-source",
                        "register-identity-events", "identity-ownership-answers-sink").stream().sorted().toList(),
                names.stream().sorted().toList());
        var processor = (TopologyDescription.Processor) d.subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(n -> n.name().equals(EligibilityTopology.PROCESSOR)).findFirst().orElseThrow();
        assertEquals(java.util.Set.of("person-timelines", "pending-identities"), processor.stores());
    }

    @Test
    void theFoldTaskCountsItsWaitingPersonsWhileItRunsAndStopsAtClose() {
        assertEquals(1, counting.get(), "the fold task counts from its start");
        send(grant("mz-1", "P-9", "2023-04-20"));
        assertEquals(0, waiting.sum(), "the test driver answers within the same call: nobody waits");
        driver.close();
        driver = null;
        assertEquals(0, counting.get(), "a closed task is no longer counted");
    }

    @Test
    void grantThenRevokeMakesAClosedSpell() {
        send(grant("mz-1", "P-1", "2023-04-20"));
        send(revoke("mz-2", "P-1", "2023-09-01"));

        List<TestRecord<String, PersonEligibility>> out = output.readRecordsToList();
        assertEquals(2, out.size());
        assertEquals("P-1", out.get(1).key());
        PersonEligibility last = out.get(1).value();
        assertEquals(List.of("mz-1", "mz-2"), ids(last));
        assertEquals(1, last.getSpells().size());
        IdentitySpell s = last.getSpells().get(0);
        assertEquals("minimum_living", s.getIdentity());
        assertEquals("civil_affairs", s.getDepartment());
        assertEquals(LocalDate.parse("2023-04-20"), s.getRecognized());
        assertEquals(LocalDate.parse("2023-09-01"), s.getExit());
        assertEquals(2, folded.get());
    }

    @Test
    void aLateEventLandsInEffectiveDateOrder() {
        send(revoke("mz-2", "P-2", "2023-09-01"));
        send(grant("mz-1", "P-2", "2023-04-20")); // sent later, effective earlier

        List<PersonEligibility> out = output.readValuesToList();
        assertEquals(2, out.size());
        assertEquals(List.of(), out.get(0).getSpells(), "a revoke alone opens nothing");
        assertEquals(List.of("mz-1", "mz-2"), ids(out.get(1)), "events in effective-date order");
        IdentitySpell s = out.get(1).getSpells().get(0);
        assertEquals(LocalDate.parse("2023-04-20"), s.getRecognized());
        assertEquals(LocalDate.parse("2023-09-01"), s.getExit());
    }

    @Test
    void aRepeatedEventIdOfTheSameDepartmentChangesNothing_withOtherContentItIsDeadLettered() {
        IdentityEvent e = grant("mz-1", "P-3", "2023-04-20");
        send(e);
        send(e);
        assertEquals(1, output.readValuesToList().size(), "only the first one is published");
        assertEquals(1, duplicates.get());

        // the same eventId with different content is refused with a reason naming it (E14.16), even when only a
        // field the fold does not use differs
        send(revoke("mz-1", "P-3", "2023-05-01"));
        send(IdentityEvent.newBuilder(e).setAttributes(IdentityAttributes.newBuilder()
                .setBirthDate(LocalDate.parse("1950-01-01")).build()).build());
        List<DeadLetter> refused = letters.readValuesToList();
        assertEquals(2, refused.size());
        for (DeadLetter d : refused) {
            assertTrue(d.getReason().contains("identity event mz-1 of civil_affairs was already received with different content"),
                    d.getReason());
        }
        assertTrue(output.isEmpty(), "nothing changed");
        assertEquals(2, dead.get());
        assertEquals(1, duplicates.get());

        // the same eventId from another department is another event
        send(identity("mz-1", "P-3", Department.rural_revitalization, IdentityType.monitored_unstable,
                IdentityAction.grant, "2023-06-01"));
        PersonEligibility pe = output.readValue();
        assertEquals(2, pe.getEvents().size());
        assertEquals(2, pe.getSpells().size());
        assertTrue(output.isEmpty());

        KeyValueStore<String, PersonEligibility> store = driver.getKeyValueStore(EligibilityTopology.STORE);
        assertEquals(pe, store.get("P-3"));
    }

    @Test
    void badBytesGoToDeadLettersAndTheStreamGoesOn() {
        byte[] garbage = {0, 0, 0, 0, 7, 42, (byte) 0xff, 3};
        input.pipeInput(bytes("P-4"), garbage);
        send(grant("mz-1", "P-4", "2023-04-20"));

        TestRecord<byte[], DeadLetter> letter = letters.readRecord();
        assertArrayEquals(bytes("P-4"), letter.key());
        DeadLetter d = letter.value();
        assertEquals("identity-events", d.getSourceTopic());
        assertEquals(0, d.getPartition());
        assertEquals(0L, d.getOffset());
        assertEquals(ByteBuffer.wrap(garbage), d.getValue());
        assertEquals(ByteBuffer.wrap(bytes("P-4")), d.getKey());
        assertEquals("eligibility-service", d.getService());
        assertEquals(NOW, d.getFailedAt());
        assertTrue(d.getReason().startsWith("cannot deserialize an IdentityEvent"), d.getReason());
        assertTrue(letters.isEmpty());

        PersonEligibility pe = output.readValue();
        assertEquals(List.of("mz-1"), ids(pe), "the next record is folded");
        assertEquals(1, dead.get());
        assertEquals(1, folded.get());
    }

    @Test
    void aNullValueAWrongKeyAndABrokenContractAreDeadLettered() {
        input.pipeInput(bytes("P-5"), (byte[]) null);
        IdentityEvent e = grant("mz-1", "P-5", "2023-04-20");
        input.pipeInput(bytes("P-other"), events.serializer().serialize("t", e));
        input.pipeInput((byte[]) null, events.serializer().serialize("t", e));
        // produced straight to Kafka, bypassing HTTP: civil affairs cannot grant a disability
        send(identity("mz-2", "P-5", Department.civil_affairs, IdentityType.severe_disability, IdentityAction.grant,
                "2023-04-20"));

        List<DeadLetter> out = letters.readValuesToList();
        assertEquals(4, out.size());
        assertTrue(out.get(0).getReason().startsWith("null value"), out.get(0).getReason());
        assertNull(out.get(0).getValue());
        assertTrue(out.get(1).getReason().contains("record key is not the event's personId"), out.get(1).getReason());
        assertTrue(out.get(2).getReason().contains("record key is not the event's personId"), out.get(2).getReason());
        assertNull(out.get(2).getKey());
        assertTrue(out.get(3).getReason().contains("\"severe_disability\" is not certified by department \"civil_affairs\""),
                out.get(3).getReason());
        assertEquals(List.of(0L, 1L, 2L, 3L), out.stream().map(DeadLetter::getOffset).toList());
        assertTrue(output.isEmpty());
        assertNull(driver.<String, PersonEligibility>getKeyValueStore(EligibilityTopology.STORE).get("P-5"));
    }

    /** Straight to Kafka, past HTTP: an identity of a region no policy has is a dead letter naming the known ones. */
    @Test
    void anEventOfARegionWithoutPolicyIsDeadLettered() {
        IdentityEvent e = grant("mz-9", "P-9", "2023-04-20");
        e.setRegion("Nanjing");
        send(e);
        DeadLetter d = letters.readValue();
        assertEquals("region \"Nanjing\" has no policy; known regions: fangchenggang, jiangyin, jiujiang, jiyuan, nanjing",
                d.getReason().substring(d.getReason().indexOf("region \"")));
        assertTrue(output.isEmpty(), "nothing folded");
        send(grant("mz-10", "P-9", "2023-04-20"));
        assertEquals(List.of("mz-10"), ids(output.readValue()), "the stream goes on");
    }

    @Test
    void personsAreFoldedIndependently() {
        for (int i = 0; i < 50; i++) {
            send(grant("mz-" + i, "P-" + (i % 5), "2023-01-" + String.format("%02d", 1 + i % 28)));
        }
        KeyValueStore<String, PersonEligibility> store = driver.getKeyValueStore(EligibilityTopology.STORE);
        for (int p = 0; p < 5; p++) {
            PersonEligibility pe = store.get("P-" + p);
            assertEquals(10, pe.getEvents().size());
            assertEquals(1, pe.getSpells().size(), "repeated grants with the same attributes keep one spell");
            var dates = pe.getEvents().stream().map(IdentityEvent::getEffectiveDate).toList();
            assertEquals(dates.stream().sorted().toList(), dates);
        }
        assertEquals(50, output.getQueueSize());
    }

    @Test
    void aDepartmentsEventIdUnderAnotherPersonIsRefusedAndThatPersonsLaterEventsWaitBehindIt() {
        send(grant("mz-1", "P-1", "2023-04-20"));
        send(grant("mz-1", "P-2", "2023-04-20")); // the same eventId, another person (E14.16)
        send(grant("mz-7", "P-2", "2023-05-01"));
        List<TestRecord<String, PersonEligibility>> out = output.readRecordsToList();
        assertEquals(List.of("P-1", "P-2"), out.stream().map(TestRecord::key).toList());
        assertEquals(List.of("mz-7"), ids(out.get(1).value()), "P-2's timeline never holds P-1's event");
        DeadLetter refused = letters.readValue();
        assertTrue(refused.getReason().startsWith("identity event mz-1 of civil_affairs was already received for another person"),
                refused.getReason());
        assertEquals("P-2", new String(refused.getKey().array(), StandardCharsets.UTF_8));
        send(grant("mz-1", "P-1", "2023-04-20"));
        assertTrue(output.isEmpty(), "the owner's repeat is still just a duplicate");
    }
}
