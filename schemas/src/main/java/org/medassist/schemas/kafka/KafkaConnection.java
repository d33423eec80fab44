package org.medassist.schemas.kafka;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one client configuration: where Kafka is, how to authenticate to it, extra raw client settings, and how to
 * reach the schema registry. Both services build every Kafka client from it (service-kit's {@code KafkaSettings}
 * binds it from {@code medassist.kafka.*}); {@code bin/run} reads the same keys from a properties file
 * ({@link #fromProperties}). docs/operations.md lists the keys; docs/security.md says how to use them.
 *
 * @param bootstrapServers {@code medassist.kafka.bootstrap-servers}
 * @param security         {@code medassist.kafka.security.*}
 * @param client           {@code medassist.kafka.client.*}: raw Kafka client settings, applied last (they win)
 * @param registry         {@code medassist.kafka.registry-url} and {@code medassist.kafka.registry.*}
 */
public record KafkaConnection(String bootstrapServers, KafkaSecurity security, Map<String, String> client,
                              RegistryAccess registry) {

    public static final String PREFIX = "medassist.kafka.";

    public KafkaConnection {
        security = security == null ? KafkaSecurity.NONE : security;
        client = client == null ? Map.of() : Map.copyOf(client);
    }

    /** A PLAINTEXT cluster and an open registry with auto-registration: the local run and the tests. */
    public static KafkaConnection plain(String bootstrapServers, String registryUrl) {
        return new KafkaConnection(bootstrapServers, KafkaSecurity.NONE, Map.of(), RegistryAccess.open(registryUrl));
    }

    /**
     * The settings every Kafka client shares: {@code bootstrap.servers}, the security settings, then
     * {@code medassist.kafka.client.*}.
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> c = new LinkedHashMap<>(security.clientProperties());
        c.putAll(client);
        c.put("bootstrap.servers", bootstrapServers);
        return c;
    }

    /** The serde factory for this registry. */
    public AvroSerdes avroSerdes() { return new AvroSerdes(registry); }

    /**
     * Reads the {@code medassist.kafka.*} keys of a flat map (a properties file), as the services bind them: {@code
     * bootstrap-servers}, {@code registry-url}, {@code security.*}, {@code registry.*} and {@code client.*}. Other keys
     * are ignored. Missing keys take the services' defaults.
     */
    public static KafkaConnection fromProperties(Map<String, String> p) {
        String s = PREFIX + "security.";
        KafkaSecurity security = new KafkaSecurity(p.get(s + "protocol"), p.get(s + "sasl-mechanism"), p.get(s + "username"),
                p.get(s + "password"), p.get(s + "trust-store"), p.get(s + "trust-store-password"),
                p.get(s + "trust-store-type"), p.get(s + "key-store"), p.get(s + "key-store-password"),
                p.get(s + "key-store-type"), p.get(s + "key-password"));
        String r = RegistryAccess.PREFIX;
        String autoRegister = p.get(r + "auto-register");
        RegistryAccess registry = new RegistryAccess(p.getOrDefault(PREFIX + "registry-url", DEFAULT_REGISTRY_URL),
                p.get(r + "username"), p.get(r + "password"), p.get(r + "token-endpoint"), p.get(r + "client-id"),
                p.get(r + "client-secret"), p.get(r + "client-scope"), p.get(r + "trust-store"),
                p.get(r + "trust-store-password"), p.get(r + "trust-store-type"),
                autoRegister == null || autoRegister.isBlank() || Boolean.parseBoolean(autoRegister.trim()));
        Map<String, String> client = new HashMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith(PREFIX + "client.")) client.put(k.substring((PREFIX + "client.").length()), v);
        });
        return new KafkaConnection(p.getOrDefault(PREFIX + "bootstrap-servers", DEFAULT_BOOTSTRAP_SERVERS), security,
                client, registry);
    }

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final String DEFAULT_REGISTRY_URL = "http://127.0.0.1:18081/apis/registry/v2";

    @Override
    public String toString() {
        return "KafkaConnection[" + bootstrapServers + ", " + security + ", client keys " + client.keySet() + ", " + registry + "]";
    }
}
