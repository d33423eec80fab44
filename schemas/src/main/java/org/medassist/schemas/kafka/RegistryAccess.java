package org.medassist.schemas.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the serdes reach the schema registry ({@code medassist.kafka.registry-url} and {@code medassist.kafka.registry.*},
 * see docs/security.md "Schema registry"): its URL, credentials (HTTP basic, or OAuth 2 client credentials against a
 * token endpoint), the trust store for its TLS certificate, and whether producers may register schemas.
 *
 * <p>With {@code auto-register=false} (production) a producer never writes to the registry: it looks its schema up
 * by content under the subject its strategy names ({@link ContractSubjects}) and writes that version's content id,
 * the id Confluent clients see; a schema nobody registered is a clear error ({@link AvroSerdes}). Schemas are then
 * registered by an operator with {@link SchemaRegistration}. {@link #toString()} never shows a secret.
 *
 * @param url                Apicurio's API: {@code …/apis/registry/v2} (2.x) or {@code …/apis/registry/v3} (3.x)
 * @param username           HTTP basic user
 * @param password           its password
 * @param tokenEndpoint      OAuth 2 token endpoint (client-credentials grant); takes precedence over basic
 * @param clientId           OAuth client id
 * @param clientSecret       OAuth client secret
 * @param clientScope        OAuth scope (optional)
 * @param trustStore         trust store for the registry's certificate; unset: the JVM's
 * @param trustStorePassword its password
 * @param trustStoreType     {@code PKCS12} (default), {@code JKS} or {@code PEM}
 * @param autoRegister       producers register missing schemas (true: development and tests; false: production)
 */
public record RegistryAccess(String url, String username, String password, String tokenEndpoint, String clientId,
                             String clientSecret, String clientScope, String trustStore, String trustStorePassword,
                             String trustStoreType, boolean autoRegister) {

    public static final String PREFIX = "medassist.kafka.registry.";

    /** A registry without authentication, producers registering their schemas (the local run and the tests). */
    public static RegistryAccess open(String url) {
        return new RegistryAccess(url, null, null, null, null, null, null, null, null, null, true);
    }

    public RegistryAccess withAutoRegister(boolean autoRegister) {
        return new RegistryAccess(url, username, password, tokenEndpoint, clientId, clientSecret, clientScope,
                trustStore, trustStorePassword, trustStoreType, autoRegister);
    }

    public RegistryAccess withBasicAuth(String username, String password) {
        return new RegistryAccess(url, username, password, tokenEndpoint, clientId, clientSecret, clientScope,
                trustStore, trustStorePassword, trustStoreType, autoRegister);
    }

    public RegistryAccess withTrustStore(String trustStore, String trustStorePassword, String trustStoreType) {
        return new RegistryAccess(url, username, password, tokenEndpoint, clientId, clientSecret, clientScope,
                trustStore, trustStorePassword, trustStoreType, autoRegister);
    }

    /**
     * Apicurio's serde (and schema resolver) properties for the connection: URL, authentication, TLS and
     * {@code apicurio.registry.auto-register}.
     *
     * @throws IllegalArgumentException when the settings do not fit together; the message names the key
     */
    public Map<String, Object> serdeProperties() {
        if (KafkaSecurity.blank(url)) throw new IllegalArgumentException("medassist.kafka.registry-url is required");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("apicurio.registry.url", url.trim());
        c.put("apicurio.registry.auto-register", Boolean.toString(autoRegister));
        if (!KafkaSecurity.blank(tokenEndpoint)) {
            if (KafkaSecurity.blank(clientId) || KafkaSecurity.blank(clientSecret)) {
                throw new IllegalArgumentException(PREFIX + "token-endpoint needs " + PREFIX + "client-id and " + PREFIX
                        + "client-secret");
            }
            c.put("apicurio.registry.auth.service.token.endpoint", tokenEndpoint.trim());
            c.put("apicurio.registry.auth.client.id", clientId.trim());
            c.put("apicurio.registry.auth.client.secret", clientSecret);
            if (!KafkaSecurity.blank(clientScope)) c.put("apicurio.registry.auth.client.scope", clientScope.trim());
        } else if (!KafkaSecurity.blank(username)) {
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException(PREFIX + "password is required with " + PREFIX + "username");
            }
            c.put("apicurio.registry.auth.username", username.trim());
            c.put("apicurio.registry.auth.password", password);
        } else if (password != null && !password.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "password is set without " + PREFIX + "username");
        }
        if (!KafkaSecurity.blank(trustStore)) {
            if (!url.trim().toLowerCase(Locale.ROOT).startsWith("https://")) {
                throw new IllegalArgumentException(PREFIX + "trust-store is set but medassist.kafka.registry-url is not https: "
                        + url);
            }
            c.put("apicurio.registry.tls.truststore.location", trustStore.trim());
            c.put("apicurio.registry.tls.truststore.type",
                    KafkaSecurity.blank(trustStoreType) ? "PKCS12" : trustStoreType.trim().toUpperCase(Locale.ROOT));
            if (trustStorePassword != null && !trustStorePassword.isEmpty()) {
                c.put("apicurio.registry.tls.truststore.password", trustStorePassword);
            }
        }
        return c;
    }

    /** Whether credentials go to the registry (basic or OAuth). */
    public boolean authenticated() {
        return !KafkaSecurity.blank(tokenEndpoint) || !KafkaSecurity.blank(username);
    }

    @Override
    public String toString() {
        return "RegistryAccess[url=" + url + (KafkaSecurity.blank(tokenEndpoint) ? "" : ", oauth client=" + clientId)
                + (KafkaSecurity.blank(username) ? "" : ", user=" + username)
                + (KafkaSecurity.blank(trustStore) ? "" : ", trustStore=" + trustStore) + ", autoRegister=" + autoRegister + "]";
    }
}
