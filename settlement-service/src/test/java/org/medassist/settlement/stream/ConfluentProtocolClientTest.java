package org.medassist.settlement.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.events.Claim;
import org.medassist.events.PersonEligibility;
import org.medassist.events.Settlement;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.kafka.AvroSerdes;
import org.medassist.schemas.kafka.Topics;

/**
 * A third-party client that knows only Confluent's protocol: it registers the claim schema through the registry's
 * Confluent API (/apis/ccompat/v7) under the subject the contract names for claims on the mixed topic,
 * hospital-events-org.medassist.events.Claim (TopicRecordNameStrategy, docs/schema-registry.md), encodes the record
 * itself (magic byte, 4-byte id, Avro binary) and produces raw bytes. The settlement topology settles the claim.
 */
@ExtendWith(KafkaTestEnvironment.class)
class ConfluentProtocolClientTest {

    @Test
    void aClaimFromAConfluentProtocolProducerIsSettled(KafkaTestEnvironment.Environment env) throws Exception {
        // the schema text the third party holds: the contract's, written out as JSON by any tool
        String schema = Claim.getClassSchema().toString();
        HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(env.ccompatUrl() + "/subjects/hospital-events-org.medassist.events.Claim/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(Map.of("schema", schema))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, registered.statusCode(), registered.body());
        int id = new ObjectMapper().readTree(registered.body()).get("id").asInt();

        Claim claim = (Claim) EventJson.read("{\"type\":\"claim\",\"claimId\":\"PY-1\",\"personId\":\"PY\",\"region\":\"jiangyin\","
                + "\"hospitalId\":\"H1\",\"hospitalLevel\":\"secondary\",\"kind\":\"inpatient\",\"admissionDate\":\"2023-03-01\","
                + "\"dischargeDate\":\"2023-03-05\",\"location\":\"in_city\",\"amounts\":{\"total\":\"1000.00\",\"outOfScope\":\"0.00\","
                + "\"policyScope\":\"1000.00\",\"basicInsurance\":\"0.00\",\"criticalIllness\":\"0.00\",\"otherInsurance\":\"0.00\"}}");
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(0);
        wire.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(wire, null);
        new org.apache.avro.specific.SpecificDatumWriter<Claim>(Claim.class).write(claim, encoder); // plain Avro binary, as any Avro library writes it
        encoder.flush();

        AvroSerdes serdes = new AvroSerdes(env.registryUrl());
        try (KafkaStreams streams = RunningTopology.start(env, 3, "confluent-client-it")) {
            Map<String, Object> pc = new HashMap<>();
            env.clientProperties().forEach((k, v) -> pc.put(k.toString(), v));
            try (var timelines = new KafkaProducer<String, PersonEligibility>(new HashMap<>(merge(pc, serdes.config())),
                    new StringSerializer(), serdes.value(PersonEligibility.class).serializer())) {
                timelines.send(new ProducerRecord<>(Topics.PERSON_ELIGIBILITY.name(), "PY", PersonEligibility.newBuilder()
                        .setPersonId("PY").setEvents(List.of((org.medassist.events.IdentityEvent) EventJson.read(
                                "{\"type\":\"identity\",\"eventId\":\"m1\",\"personId\":\"PY\",\"region\":\"jiangyin\",\"department\":\"civil_affairs\","
                                        + "\"identity\":\"minimum_living\",\"action\":\"grant\",\"effectiveDate\":\"2023-01-01\"}"))).build())).get();
            }
            try (var raw = new KafkaProducer<String, byte[]>(pc, new StringSerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(Topics.HOSPITAL_EVENTS.name(), "PY", wire.toByteArray())).get();
            }
            Map<String, Object> cc = merge(pc, serdes.config());
            cc.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + System.nanoTime());
            cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            long paid = 0;
            boolean seen = false;
            try (var consumer = new KafkaConsumer<String, Settlement>(cc, new StringDeserializer(), serdes.value(Settlement.class).deserializer())) {
                consumer.subscribe(List.of(Topics.SETTLEMENTS.name()));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline && paid != 70000) {
                    for (ConsumerRecord<String, Settlement> r : consumer.poll(Duration.ofMillis(500))) {
                        if ("PY-1".equals(r.value().getClaimId())) {
                            seen = true;
                            paid += r.value().getAssistance();
                        }
                    }
                }
            }
            assertTrue(seen, "the claim was settled");
            assertEquals(70000, paid, "70% of 1,000.00 for a Jiangyin 低保 inpatient stay");
        }
    }

    static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> m = new HashMap<>(a);
        m.putAll(b);
        return m;
    }
}
