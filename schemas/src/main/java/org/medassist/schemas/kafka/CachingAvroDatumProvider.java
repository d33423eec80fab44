package org.medassist.schemas.kafka;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;

/**
 * Apicurio's datum provider, with its readers and writers cached by schema rather than by the schema's parsing
 * fingerprint: the 3.1 provider computes {@code SchemaNormalization.parsingFingerprint64} of the whole schema on every
 * record it reads or writes, which was the largest single cost of the settlement stream (docs/performance.md, "End to
 * end (stream)"). A schema's hash code is cached by Avro and the same schema instance comes back for every record
 * (the generated class's for writers, the registry client's parsed one for readers), so a look-up here is a hash
 * probe and an identity check. Readers and writers are the ones the provider makes, shared as it shares them.
 */
public final class CachingAvroDatumProvider<T> extends DefaultAvroDatumProvider<T> {
    private final ConcurrentHashMap<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Schema, DatumWriter<T>> specificWriters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Schema, DatumWriter<T>> genericWriters = new ConcurrentHashMap<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        ConcurrentHashMap<Schema, DatumWriter<T>> cache = data instanceof SpecificRecord ? specificWriters : genericWriters;
        DatumWriter<T> w = cache.get(schema);
        if (w == null) {
            w = super.createDatumWriter(data, schema);
            cache.putIfAbsent(schema, w);
        }
        return w;
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        DatumReader<T> r = readers.get(schema);
        if (r == null) {
            r = super.createDatumReader(schema);
            readers.putIfAbsent(schema, r);
        }
        return r;
    }
}
