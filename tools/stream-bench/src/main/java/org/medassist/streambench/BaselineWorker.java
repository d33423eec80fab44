package org.medassist.streambench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.medassist.kit.streams.ManagedStreams;

/**
 * A baseline Streams application in a worker JVM, with the settings every service ships
 * ({@link ManagedStreams#shippedProperties()}: exactly_once_v2, transactional stores):
 *
 * <ul>
 *   <li>{@code pass}: each input record to the output topic, unread;</li>
 *   <li>{@code rmw}: each input record reads and rewrites its key's entry in one persistent, cached RocksDB store
 *       (a count and a running byte total, keyed by personId as the settlement stores are), then goes to the output.</li>
 * </ul>
 *
 * Arguments: mode, bootstrap servers, application id, input topic, output topic, state directory. Answers
 * {@code @running} when RUNNING; {@code stop} closes it.
 */
public final class BaselineWorker {
    private BaselineWorker() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Memory memory = new Memory();
        String mode = args[0];
        Properties p = new Properties();
        p.putAll(ManagedStreams.shippedProperties());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, args[2]);
        p.put(StreamsConfig.STATE_DIR_CONFIG, args[5]);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        Topology t = new Topology();
        t.addSource("in", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), args[3]);
        String parent = "in";
        if (mode.equals("rmw")) {
            t.addProcessor("rmw", ReadModifyWrite::new, "in");
            t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("per-person"), Serdes.String(),
                    Serdes.ByteArray()).withCachingEnabled(), "rmw");
            parent = "rmw";
        } else if (!mode.equals("pass")) {
            throw new IllegalArgumentException("mode is pass or rmw, not " + mode);
        }
        t.addSink("out", args[4], Serdes.String().serializer(), Serdes.ByteArray().serializer(), parent);
        KafkaStreams ks = new KafkaStreams(t, p);
        long t0 = System.nanoTime();
        ks.start();
        while (ks.state() != KafkaStreams.State.RUNNING) Thread.sleep(20);
        System.out.println("@running " + json.writeValueAsString(Map.of("startMs", (System.nanoTime() - t0) / 1e6)));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.trim().equals("stats")) {
                System.out.println("@stats " + json.writeValueAsString(new LinkedHashMap<>(memory.figures(true))));
            } else if (line.trim().equals("stop")) {
                break;
            }
        }
        ks.close(Duration.ofSeconds(30));
        System.out.println("@stopped {}");
        System.exit(0);
    }

    /** Reads the key's entry, adds the record to it, writes it back, forwards the record. */
    static final class ReadModifyWrite implements Processor<String, byte[], String, byte[]> {
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore("per-person");
        }

        @Override
        public void process(Record<String, byte[]> record) {
            byte[] old = store.get(record.key());
            ByteBuffer b = ByteBuffer.allocate(16);
            long count = old == null ? 0 : ByteBuffer.wrap(old).getLong(0);
            long bytes = old == null ? 0 : ByteBuffer.wrap(old).getLong(8);
            b.putLong(count + 1).putLong(bytes + (record.value() == null ? 0 : record.value().length));
            store.put(record.key(), b.array());
            context.forward(record);
        }
    }
}
