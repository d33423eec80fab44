package org.medassist.kafkatest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that knows only the Confluent REST API ({@code /apis/ccompat/v7}) and the Confluent wire format (magic 0,
 * 4-byte big-endian schema id, Avro binary), with Avro encoded by hand here (no Avro library), against the Apicurio
 * serde configured as the project configures it. Records travel as bytes: the broker adds nothing to the format.
 */
@ExtendWith(KafkaTestEnvironment.class)
class ConfluentWireFormatInteropTest {

    private static final String SCHEMA_JSON = "{\"type\":\"record\",\"name\":\"Claim\",\"namespace\":\"interop\","
            + "\"fields\":[{\"name\":\"personId\",\"type\":\"string\"},{\"name\":\"amountFen\",\"type\":\"long\"}]}";

    @Test
    void confluentStyleWriterIsReadByApicurioDeserializer(KafkaTestEnvironment.Environment env) throws Exception {
        String topic = "interop-confluent-writes";
        int id = register(env.ccompatUrl(), topic + "-value", SCHEMA_JSON);

        byte[] payload = wire(id, avroClaim("人员-001", 123_45L));

        try (AvroKafkaDeserializer<GenericRecord> d = new AvroKafkaDeserializer<>()) {
            d.configure(env.apicurioSerdeConfig(), false);
            GenericRecord r = d.deserialize(topic, payload);
            assertEquals("人员-001", r.get("personId").toString());
            assertEquals(12_345L, r.get("amountFen"));
        }
    }

    @Test
    void apicurioWriterIsReadByConfluentStyleReader(KafkaTestEnvironment.Environment env) throws Exception {
        String topic = "interop-apicurio-writes";
        byte[] payload;
        try (AvroKafkaSerializer<GenericRecord> s = new AvroKafkaSerializer<>()) {
            s.configure(env.apicurioSerdeConfig(), false);
            payload = s.serialize(topic, claim("p-9", 7L));
        }
        assertEquals(0, payload[0], "magic byte");
        int id = ByteBuffer.wrap(payload, 1, 4).getInt();

        // the subject is <topic>-value (Apicurio's TopicIdStrategy = Confluent's TopicNameStrategy) ...
        String latest = get(env.ccompatUrl() + "/subjects/" + topic + "-value/versions/latest");
        assertEquals(id, intField(latest, "id"));
        // ... and the id resolves through the Confluent API to the writer's schema
        String byId = get(env.ccompatUrl() + "/schemas/ids/" + id);
        assertTrue(byId.contains("\\\"name\\\":\\\"Claim\\\""), byId);

        // hand decoding of the Avro body: string, long
        ByteBuffer body = ByteBuffer.wrap(payload, 5, payload.length - 5);
        int len = (int) readZigZag(body);
        byte[] s = new byte[len];
        body.get(s);
        assertEquals("p-9", new String(s, StandardCharsets.UTF_8));
        assertEquals(7L, readZigZag(body));
        assertEquals(0, body.remaining());
    }

    @Test
    void sameSchemaFromBothSidesGetsOneId(KafkaTestEnvironment.Environment env) throws Exception {
        String topic = "interop-shared-subject";
        int confluentId = register(env.ccompatUrl(), topic + "-value", SCHEMA_JSON);
        try (AvroKafkaSerializer<GenericRecord> s = new AvroKafkaSerializer<>()) {
            s.configure(env.apicurioSerdeConfig(), false);
            byte[] payload = s.serialize(topic, claim("p-1", 1L));
            assertEquals(confluentId, ByteBuffer.wrap(payload, 1, 4).getInt());
        }
        String versions = get(env.ccompatUrl() + "/subjects/" + topic + "-value/versions");
        assertEquals("[1]", versions.replace(" ", ""));
    }

    @Test
    void schemaRegisteredWithOtherFormattingIsFoundNotDuplicated(KafkaTestEnvironment.Environment env)
            throws Exception {
        String topic = "interop-pretty-schema";
        String pretty = "{\n  \"type\": \"record\",\n  \"name\": \"Claim\",\n  \"namespace\": \"interop\",\n"
                + "  \"fields\": [\n    {\"name\": \"personId\", \"type\": \"string\"},\n"
                + "    {\"name\": \"amountFen\", \"type\": \"long\"}\n  ]\n}";
        int confluentId = register(env.ccompatUrl(), topic + "-value", pretty);
        try (AvroKafkaSerializer<GenericRecord> s = new AvroKafkaSerializer<>()) {
            s.configure(env.apicurioSerdeConfig(), false); // canonicalize=true
            byte[] payload = s.serialize(topic, claim("p-2", 2L));
            assertEquals(confluentId, ByteBuffer.wrap(payload, 1, 4).getInt());
        }
        assertEquals("[1]", get(env.ccompatUrl() + "/subjects/" + topic + "-value/versions").replace(" ", ""));
    }

    private static GenericRecord claim(String personId, long amountFen) {
        GenericRecord r = new GenericData.Record(new Schema.Parser().parse(SCHEMA_JSON));
        r.put("personId", personId);
        r.put("amountFen", amountFen);
        return r;
    }

    /** POST /subjects/{subject}/versions, as every Confluent client does; returns the id. */
    static int register(String ccompatUrl, String subject, String schemaJson) throws Exception {
        String body = "{\"schema\":\"" + schemaJson.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n") + "\"}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(ccompatUrl + "/subjects/" + subject + "/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return intField(r.body(), "id");
    }

    static String get(String url) throws Exception {
        return ExactlyOnceRoundTripTest.get(url);
    }

    static int intField(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return Integer.parseInt(m.group(1));
    }

    static byte[] wire(int schemaId, byte[] avroBody) {
        return ByteBuffer.allocate(5 + avroBody.length).put((byte) 0).putInt(schemaId).put(avroBody).array();
    }

    static byte[] avroClaim(String personId, long amountFen) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] utf8 = personId.getBytes(StandardCharsets.UTF_8);
        writeZigZag(out, utf8.length);
        out.writeBytes(utf8);
        writeZigZag(out, amountFen);
        return out.toByteArray();
    }

    static void writeZigZag(ByteArrayOutputStream out, long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
    }

    static long readZigZag(ByteBuffer in) {
        long z = 0;
        int shift = 0;
        byte b;
        do {
            b = in.get();
            z |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return (z >>> 1) ^ -(z & 1);
    }
}
