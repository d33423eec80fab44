package org.medassist.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.medassist.schemas.kafka.RegistryAccess;

/**
 * {@code --kafka-config FILE}: the services' {@code medassist.kafka.*} keys in a properties file, for an external
 * cluster and registry that ask for credentials and TLS (docs/security.md). The same keys go to both services and
 * make this run's own clients (topic set-up, the output reader) through {@code KafkaConnection}: the one client
 * configuration. On a secured cluster the reader needs an operator's principal (it reads {@code dead-letters}).
 */
final class KafkaConfigFile {
    private KafkaConfigFile() {}

    static Map<String, String> load(Path file, boolean embeddedKafka, boolean embeddedRegistry) {
        if (file == null) return Map.of();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new LaunchException("--kafka-config " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (!k.startsWith("medassist.kafka.")) {
                throw new LaunchException("--kafka-config " + file + ": " + k + " is not a medassist.kafka.* key");
            }
            m.put(k, p.getProperty(k).trim());
        }
        if (embeddedKafka && m.keySet().stream().anyMatch(k -> k.startsWith("medassist.kafka.security.") || k.startsWith("medassist.kafka.client."))) {
            throw new LaunchException("--kafka-config " + file + " sets medassist.kafka.security.* or client.*, which only an"
                    + " external cluster takes: add --bootstrap-servers (the embedded broker is PLAINTEXT on 127.0.0.1)");
        }
        if (embeddedRegistry && m.keySet().stream().anyMatch(k -> k.startsWith("medassist.kafka.registry."))) {
            throw new LaunchException("--kafka-config " + file + " sets medassist.kafka.registry.*, which only an external"
                    + " registry takes: add --registry-url");
        }
        return m;
    }

    /**
     * An HTTP client for a look at the registry with its credentials and trust store, the basic credentials added to
     * {@code request}; null when the registry takes OAuth tokens (the services' serdes fetch those).
     */
    static HttpClient registryHttpClient(RegistryAccess access, HttpRequest.Builder request) {
        var serde = access.serdeProperties(); // validates
        if (serde.containsKey("apicurio.registry.auth.service.token.endpoint")) return null;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
        Object trustStore = serde.get("apicurio.registry.tls.truststore.location");
        if (trustStore != null) {
            String type = String.valueOf(serde.get("apicurio.registry.tls.truststore.type"));
            Object password = serde.get("apicurio.registry.tls.truststore.password");
            if (type.equals("PEM")) return null;
            try (InputStream in = Files.newInputStream(Path.of(trustStore.toString()))) {
                KeyStore ks = KeyStore.getInstance(type);
                ks.load(in, password == null ? null : password.toString().toCharArray());
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), null);
                b.sslContext(ctx);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot read the registry trust store " + trustStore + ": " + e.getMessage(), e);
            }
        }
        Object user = serde.get("apicurio.registry.auth.username");
        if (user != null) {
            String basic = user + ":" + serde.get("apicurio.registry.auth.password");
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return b.build();
    }
}
