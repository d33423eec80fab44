package org.medassist.streambench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.medassist.kit.streams.ManagedStreams;
import org.medassist.settlement.SettlementApplication;

/**
 * The settlement service in a worker JVM, started as bin/run starts it ({@link SettlementApplication#start}) with the
 * properties of the file named by its argument. Answers {@code @running} once every local store can be queried
 * (restoration done), then takes the commands {@code stats} (memory and the stores' bytes) and {@code stop}.
 */
public final class ServiceWorker {
    /** The settlement topology's local stores (SettlementTopology). */
    static final List<String> STORES = List.of("person-ledgers", "person-years", "region-persons", "pending-inputs",
            "fan-outs", "applied-parameters", "closed-years", "claim-owners");

    private ServiceWorker() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Memory memory = new Memory();
        Properties file = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            file.load(r);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        file.forEach((k, v) -> props.put(k.toString(), v));
        long t0 = System.nanoTime();
        ApplicationContext ctx;
        try {
            ctx = SettlementApplication.start(props);
        } catch (RuntimeException e) {
            System.out.println("@error " + json.writeValueAsString(Map.of("error", String.valueOf(e))));
            e.printStackTrace(System.out);
            System.exit(1);
            return;
        }
        long started = System.nanoTime();
        ManagedStreams managed = ctx.getBean(ManagedStreams.class);
        while (!queryable(managed.streams())) Thread.sleep(20);
        long running = System.nanoTime();
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("contextStartMs", (started - t0) / 1e6);
        a.put("storesReadyMs", (running - started) / 1e6);
        a.put("totalMs", (running - t0) / 1e6);
        System.out.println("@running " + json.writeValueAsString(a));

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "stats" -> {
                    Map<String, Object> m = new LinkedHashMap<>(memory.figures(true));
                    m.put("stores", storeBytes(managed.streams()));
                    System.out.println("@stats " + json.writeValueAsString(m));
                }
                case "stop" -> {
                    ctx.close();
                    System.out.println("@stopped {}");
                    System.exit(0);
                }
                default -> System.out.println("@error " + json.writeValueAsString(Map.of("error", "unknown command " + line)));
            }
        }
        ctx.close();
        System.exit(0);
    }

    /** Whether every local store answers (no task is restoring). */
    static boolean queryable(KafkaStreams ks) {
        if (ks == null || ks.state() != KafkaStreams.State.RUNNING) return false;
        try {
            for (String s : STORES) store(ks, s).approximateNumEntries();
            return true;
        } catch (InvalidStateStoreException e) {
            return false;
        }
    }

    private static ReadOnlyKeyValueStore<Object, Object> store(KafkaStreams ks, String name) {
        return ks.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }

    /** Per store: entries, and the bytes of their keys and values as stored (UTF-8 keys, raw values). */
    static Map<String, Object> storeBytes(KafkaStreams ks) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String s : STORES) {
            long n = 0;
            long keys = 0;
            long values = 0;
            try (KeyValueIterator<Object, Object> it = store(ks, s).all()) {
                while (it.hasNext()) {
                    var kv = it.next();
                    n++;
                    keys += size(kv.key);
                    values += size(kv.value);
                }
            } catch (InvalidStateStoreException e) {
                out.put(s, Map.of("error", String.valueOf(e)));
                continue;
            }
            out.put(s, Map.of("entries", n, "keyBytes", keys, "valueBytes", values));
        }
        return out;
    }

    private static long size(Object o) {
        if (o == null) return 0;
        if (o instanceof byte[] b) return b.length;
        if (o instanceof String s) return s.getBytes(StandardCharsets.UTF_8).length;
        if (o instanceof Long) return 8;
        return String.valueOf(o).length();
    }
}
