package org.medassist.kit.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.medassist.schemas.EventClasses;

/**
 * Plain Avro binary of one record type, with no registry and no schema id: for {@code TopologyTestDriver} tests,
 * which cannot reach a registry (Apicurio has no mock client). Never use it on a real topic: the topics carry the
 * Confluent wire format ({@link org.medassist.schemas.kafka.AvroSerdes}).
 */
public final class PlainAvroSerde {
    private PlainAvroSerde() {}

    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        EventClasses.trust();
        Schema schema = SpecificData.get().getSchema(type);
        Serializer<T> ser = (topic, data) -> {
            if (data == null) return null;
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            try {
                new SpecificDatumWriter<T>(schema).write(data, enc);
                enc.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        };
        Deserializer<T> de = (topic, bytes) -> {
            if (bytes == null) return null;
            try {
                BinaryDecoder dec = DecoderFactory.get().binaryDecoder(bytes, null);
                T value = new SpecificDatumReader<T>(schema).read(null, dec);
                if (!dec.isEnd()) throw new SerializationException("trailing bytes after a " + schema.getName());
                return value;
            } catch (IOException | RuntimeException e) {
                if (e instanceof SerializationException se) throw se;
                throw new SerializationException("not a " + schema.getName() + " in plain Avro binary: " + e, e);
            }
        };
        return Serdes.serdeFrom(ser, de);
    }
}
