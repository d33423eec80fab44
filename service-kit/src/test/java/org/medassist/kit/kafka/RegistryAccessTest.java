package org.medassist.kit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.embeddedkafka.TlsMaterial;
import org.medassist.events.Claim;
import org.medassist.events.DeadLetter;
import org.medassist.events.IdentityEvent;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.kit.deadletter.DeadLetters;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.kafka.AvroSerdes;
import org.medassist.schemas.kafka.ContractSubjects;
import org.medassist.schemas.kafka.RegistryAccess;
import org.medassist.schemas.kafka.SchemaRegistration;
import org.medassist.schemas.kafka.Topics;

/**
 * The registry as production uses it (docs/security.md "Schema registry", "Auto-registration"), against the real
 * registry: schemas registered beforehand by an operator, producers that only look them up (auto-registration off)
 * and still write the content ids Confluent clients see, a clear error for a schema nobody registered, and the
 * registry behind TLS and basic authentication with the services allowed to read only.
 */
@ExtendWith(KafkaTestEnvironment.class)
class RegistryAccessTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "schema-admin";
    static final String ADMIN_PASSWORD = "admin-" + System.nanoTime();
    static final String SERVICE = "settlement-service";
    static final String SERVICE_PASSWORD = "service-" + System.nanoTime();

    static TlsMaterial tls;
    static AuthenticatingRegistryProxy proxy;
    static List<SchemaRegistration.Registered> registered;

    @BeforeAll
    static void registerAndStartTheProxy(KafkaTestEnvironment.Environment env) throws Exception {
        registered = new SchemaRegistration(RegistryAccess.open(env.registryUrl())).registerAll();
        tls = TlsMaterial.create();
        proxy = new AuthenticatingRegistryProxy(tls, env.registryUrl().replace("/apis/registry/v2", ""),
                Map.of(SERVICE, SERVICE_PASSWORD), Map.of(ADMIN, ADMIN_PASSWORD));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) proxy.close();
        if (tls != null) tls.close();
    }

    static final DeadLetter LETTER =
            new DeadLetters("registry-test").letter("hospital-events", 0, 7, new byte[] {1}, new byte[] {2}, "test");

    static DeadLetter letter() {
        return LETTER;
    }

    static Claim claim() {
        return (Claim) EventJson.read("{\"type\":\"claim\",\"claimId\":\"R-1\",\"personId\":\"JIANGYIN-9-P\",\"region\":\"jiangyin\","
                + "\"hospitalId\":\"H01\",\"hospitalLevel\":\"tertiary\",\"kind\":\"outpatient\",\"dischargeDate\":\"2023-02-01\","
                + "\"location\":\"in_city\",\"amounts\":{\"total\":\"600.00\",\"outOfScope\":\"0.00\",\"policyScope\":\"600.00\","
                + "\"basicInsurance\":\"0.00\",\"criticalIllness\":\"0.00\",\"otherInsurance\":\"0.00\"}}");
    }

    static int idOf(byte[] wire) {
        assertEquals(0, wire[0], "magic byte");
        return ByteBuffer.wrap(wire, 1, 4).getInt();
    }

    @SuppressWarnings("unchecked")
    static <T> byte[] write(AvroSerdes serdes, String topic, T value) {
        try (Serializer<T> s = (Serializer<T>) serdes.<SpecificRecord>value(SpecificRecord.class).serializer()) {
            return s.serialize(topic, value);
        }
    }

    /** The id the registry's Confluent API gives for {@code schema} under {@code subject} (a look-up, not a registration). */
    static int ccompatId(KafkaTestEnvironment.Environment env, String subject, Schema schema) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(env.ccompatUrl() + "/subjects/" + subject))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema.toString()))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), subject + ": " + r.body());
        return JSON.readTree(r.body()).get("id").asInt();
    }

    @Test
    void everySubjectIsRegisteredAndFoundAgain(KafkaTestEnvironment.Environment env) {
        assertEquals(ContractSubjects.all().size(), registered.size());
        List<SchemaRegistration.Registered> found = new SchemaRegistration(RegistryAccess.open(env.registryUrl())).checkAll();
        assertEquals(registered.stream().map(r -> r.use().subject() + "=" + r.contentId()).toList(),
                found.stream().map(r -> r.use().subject() + "=" + r.contentId()).toList());
    }

    @Test
    void withAutoRegistrationOffProducersWriteTheContentIdsConfluentClientsSee(KafkaTestEnvironment.Environment env) throws Exception {
        AvroSerdes serdes = new AvroSerdes(RegistryAccess.open(env.registryUrl()).withAutoRegister(false));
        Map<String, Long> ids = registered.stream().collect(Collectors.toMap(r -> r.use().subject().toString(),
                SchemaRegistration.Registered::contentId, (a, b) -> a));

        byte[] letter = write(serdes, Topics.DEAD_LETTERS.name(), letter());
        assertEquals(ids.get("default/dead-letters-value").intValue(), idOf(letter));
        assertEquals(ccompatId(env, "dead-letters-value", DeadLetter.getClassSchema()), idOf(letter),
                "the id a Confluent client finds for dead-letters-value");
        assertEquals(letter(), serdes.value(DeadLetter.class).deserializer().deserialize(Topics.DEAD_LETTERS.name(), letter));

        // claims: the mixed topic's subject hospital-events-org.medassist.events.Claim
        byte[] claim = write(serdes, Topics.HOSPITAL_EVENTS.name(), claim());
        assertEquals(ids.get("default/hospital-events-org.medassist.events.Claim").intValue(), idOf(claim));
        assertEquals(ccompatId(env, "hospital-events-org.medassist.events.Claim", Claim.getClassSchema()), idOf(claim),
                "the id a Confluent client finds for hospital-events-org.medassist.events.Claim");
        assertEquals(claim(), serdes.mixedValue().deserializer().deserialize(Topics.HOSPITAL_EVENTS.name(), claim));

        // a Streams changelog, named after an application id nobody registered schemas for: the record's own subject
        byte[] internal = write(serdes, "medassist-eligibility-person-timelines-changelog", letter());
        assertEquals(ids.get("org.medassist.events/DeadLetter").intValue(), idOf(internal));
    }

    @Test
    void aSchemaNobodyRegisteredIsAClearError(KafkaTestEnvironment.Environment env) {
        // a producer ahead of the registry: the dead letter with a field the registered schema does not have
        Schema newer = SchemaBuilder.record("DeadLetter").namespace("org.medassist.events").fields()
                .requiredString("sourceTopic").requiredString("reason").requiredString("addedField" + System.nanoTime())
                .endRecord();
        GenericRecord r = new GenericData.Record(newer);
        newer.getFields().forEach(f -> r.put(f.name(), "x"));
        AvroSerdes serdes = new AvroSerdes(RegistryAccess.open(env.registryUrl()).withAutoRegister(false));
        SerializationException e = assertThrows(SerializationException.class, () -> write(serdes, Topics.DEAD_LETTERS.name(), r));
        assertTrue(e.getMessage().contains("the schema of org.medassist.events.DeadLetter is not registered under subject"
                + " default/dead-letters-value, and auto-registration is off"), e.getMessage());
        // and nothing was registered by trying
        assertThrows(SerializationException.class, () -> write(serdes, Topics.DEAD_LETTERS.name(), r));
    }

    @Test
    void throughTheAuthenticatingTlsFrontAServiceOnlyReads() {
        proxy.forwarded.clear();
        RegistryAccess service = RegistryAccess.open(proxy.registryUrl()).withBasicAuth(SERVICE, SERVICE_PASSWORD)
                .withTrustStore(tls.trustStore().toString(), tls.password(), "PKCS12").withAutoRegister(false);
        AvroSerdes serdes = new AvroSerdes(service);
        byte[] claim = write(serdes, Topics.HOSPITAL_EVENTS.name(), claim());
        assertEquals(claim(), serdes.mixedValue().deserializer().deserialize(Topics.HOSPITAL_EVENTS.name(), claim));
        assertTrue(proxy.forwarded.stream().allMatch(f -> f.startsWith(SERVICE + " GET ")
                || AuthenticatingRegistryProxy.READ_ONLY_POSTS.stream().anyMatch(p -> p.matcher(f.substring(f.lastIndexOf(' ') + 1)).matches())),
                "only reads: " + proxy.forwarded);
        assertTrue(!proxy.forwarded.isEmpty());
        // the same user may not register: SchemaRegistration with its credentials is refused
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new SchemaRegistration(service).registerAll());
        assertTrue(refused.getMessage().contains("403") || refused.getMessage().contains("may not"), refused.getMessage());
    }

    @Test
    void theSchemaAdministratorRegistersThroughTheFront() {
        RegistryAccess admin = RegistryAccess.open(proxy.registryUrl()).withBasicAuth(ADMIN, ADMIN_PASSWORD)
                .withTrustStore(tls.trustStore().toString(), tls.password(), "PKCS12");
        assertEquals(registered.stream().map(SchemaRegistration.Registered::contentId).toList(),
                new SchemaRegistration(admin).registerAll().stream().map(SchemaRegistration.Registered::contentId).toList());
    }

    @Test
    void withoutCredentialsOrWithoutTheTrustStoreNothingIsRead() {
        AvroSerdes anonymous = new AvroSerdes(RegistryAccess.open(proxy.registryUrl())
                .withTrustStore(tls.trustStore().toString(), tls.password(), "PKCS12").withAutoRegister(false));
        SerializationException e = assertThrows(SerializationException.class,
                () -> write(anonymous, Topics.SETTLEMENTS.name() + "-unused", letter()));
        assertTrue(e.getMessage().contains("cannot look up the schema"), e.getMessage());
        assertTrue(e.getMessage().contains("401"), e.getMessage());

        AvroSerdes untrusting = new AvroSerdes(RegistryAccess.open(proxy.registryUrl()).withBasicAuth(SERVICE, SERVICE_PASSWORD)
                .withAutoRegister(false));
        SerializationException tlsRefused = assertThrows(SerializationException.class,
                () -> write(untrusting, Topics.DEAD_LETTERS.name(), letter()));
        assertTrue(tlsRefused.getMessage().contains("cannot look up the schema"), tlsRefused.getMessage());
    }

    @Test
    void theEligibilityServicesTopicUsesTheTopicSubject() {
        Schema s = IdentityEvent.getClassSchema();
        assertEquals("default/identity-events-value", ContractSubjects.subjectFor(Topics.IDENTITY_EVENTS.name(), false, s).toString());
        assertEquals("default/hospital-events-org.medassist.events.Claim",
                ContractSubjects.subjectFor(Topics.HOSPITAL_EVENTS.name(), false, Claim.getClassSchema()).toString());
        assertEquals("org.medassist.events/IdentityEvent", ContractSubjects.subjectFor("app-store-changelog", false, s).toString());
    }
}
