package org.medassist.schemas.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a client authenticates to Kafka and encrypts its connections ({@code medassist.kafka.security.*}, see
 * docs/security.md "Kafka: authentication and TLS"): SASL_SSL with SCRAM (a user name and password per service),
 * mutual TLS (a key store per service), or PLAINTEXT for a local broker. Every Kafka client of a service (producers,
 * Streams and its internal clients, the admin client, consumers) is configured from these, through
 * {@link KafkaConnection#clientConfig()}.
 *
 * <p>Settings that do not fit together (credentials with PLAINTEXT, SASL without a password, an unknown protocol)
 * are refused at start-up by {@link #clientProperties()}, naming the key, instead of failing later inside Kafka or,
 * worse, sending nothing when the operator meant to authenticate. {@link #toString()} never shows a password.
 *
 * @param protocol           {@code PLAINTEXT} (default), {@code SSL}, {@code SASL_SSL} or {@code SASL_PLAINTEXT}
 * @param saslMechanism      {@code SCRAM-SHA-512} (default) or {@code SCRAM-SHA-256}
 * @param username           the SCRAM user, for the SASL protocols
 * @param password           its password
 * @param trustStore         the trust store holding the CA that signed the brokers' certificates; unset: the JVM's
 * @param trustStorePassword its password
 * @param trustStoreType     {@code PKCS12} (default), {@code JKS} or {@code PEM}
 * @param keyStore           this client's certificate and key, for mutual TLS (SSL, or SASL_SSL with client auth)
 * @param keyStorePassword   its password
 * @param keyStoreType       {@code PKCS12} (default), {@code JKS} or {@code PEM}
 * @param keyPassword        the key's password, when it differs from the store's
 */
public record KafkaSecurity(String protocol, String saslMechanism, String username, String password,
                            String trustStore, String trustStorePassword, String trustStoreType,
                            String keyStore, String keyStorePassword, String keyStoreType, String keyPassword) {

    /** The configuration prefix, for messages. */
    public static final String PREFIX = "medassist.kafka.security.";
    public static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_SSL", "SASL_PLAINTEXT");
    public static final List<String> SASL_MECHANISMS = List.of("SCRAM-SHA-512", "SCRAM-SHA-256");

    /** PLAINTEXT: no authentication, no encryption (a local broker only). */
    public static final KafkaSecurity NONE = new KafkaSecurity(null, null, null, null, null, null, null, null, null, null, null);

    /** SASL_SSL with SCRAM-SHA-512: the production setting for the services. */
    public static KafkaSecurity scram(String username, String password, String trustStore, String trustStorePassword) {
        return new KafkaSecurity("SASL_SSL", "SCRAM-SHA-512", username, password, trustStore, trustStorePassword, null,
                null, null, null, null);
    }

    /** SSL with a client certificate: mutual TLS, the principal being the certificate's subject. */
    public static KafkaSecurity mutualTls(String keyStore, String keyStorePassword, String trustStore,
                                          String trustStorePassword) {
        return new KafkaSecurity("SSL", null, null, null, trustStore, trustStorePassword, null, keyStore,
                keyStorePassword, null, null);
    }

    /** The protocol, upper case; PLAINTEXT when unset. */
    public String effectiveProtocol() {
        return blank(protocol) ? "PLAINTEXT" : protocol.trim().toUpperCase(Locale.ROOT);
    }

    public boolean sasl() { return effectiveProtocol().startsWith("SASL_"); }

    public boolean tls() { return effectiveProtocol().endsWith("SSL"); }

    /**
     * The Kafka client properties: {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}
     * (SCRAM login module with the user and password), {@code ssl.truststore.*} and {@code ssl.keystore.*}.
     *
     * @throws IllegalArgumentException when the settings do not fit together; the message names the key
     */
    public Map<String, Object> clientProperties() {
        String p = effectiveProtocol();
        if (!PROTOCOLS.contains(p)) {
            throw new IllegalArgumentException(PREFIX + "protocol is " + protocol + "; expected one of " + PROTOCOLS);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("security.protocol", p);
        if (sasl()) {
            String mechanism = blank(saslMechanism) ? "SCRAM-SHA-512" : saslMechanism.trim().toUpperCase(Locale.ROOT);
            if (!SASL_MECHANISMS.contains(mechanism)) {
                throw new IllegalArgumentException(PREFIX + "sasl-mechanism is " + saslMechanism + "; expected one of "
                        + SASL_MECHANISMS + " (other mechanisms: set sasl.* under medassist.kafka.client.*)");
            }
            if (blank(username)) throw new IllegalArgumentException(PREFIX + "username is required with " + p);
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException(PREFIX + "password is required with " + p + " (user " + username + ")");
            }
            c.put("sasl.mechanism", mechanism);
            c.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + jaasEscape(username.trim()) + "\" password=\"" + jaasEscape(password) + "\";");
        } else if (!blank(username) || (password != null && !password.isEmpty())) {
            throw new IllegalArgumentException(PREFIX + "username/password are set but " + PREFIX + "protocol is " + p
                    + ", which sends no credentials: use SASL_SSL");
        }
        if (!tls()) {
            if (!blank(trustStore) || !blank(keyStore)) {
                throw new IllegalArgumentException(PREFIX + "trust-store/key-store are set but " + PREFIX + "protocol is "
                        + p + ", which does not use TLS: use SSL or SASL_SSL");
            }
            return c;
        }
        if (!blank(trustStore)) {
            c.put("ssl.truststore.location", trustStore.trim());
            c.put("ssl.truststore.type", storeType(trustStoreType));
            if (trustStorePassword != null && !trustStorePassword.isEmpty()) c.put("ssl.truststore.password", trustStorePassword);
        }
        if (!blank(keyStore)) {
            c.put("ssl.keystore.location", keyStore.trim());
            c.put("ssl.keystore.type", storeType(keyStoreType));
            if (keyStorePassword != null && !keyStorePassword.isEmpty()) c.put("ssl.keystore.password", keyStorePassword);
            if (keyPassword != null && !keyPassword.isEmpty()) c.put("ssl.key.password", keyPassword);
        } else if (!blank(keyPassword) || !blank(keyStorePassword)) {
            throw new IllegalArgumentException(PREFIX + "key-store-password/key-password are set without " + PREFIX + "key-store");
        }
        return c;
    }

    private static String storeType(String type) {
        return blank(type) ? "PKCS12" : type.trim().toUpperCase(Locale.ROOT);
    }

    /** JAAS option values are double-quoted; a quote or backslash in a password is escaped with a backslash. */
    static String jaasEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static boolean blank(String s) { return s == null || s.isBlank(); }

    @Override
    public String toString() {
        return "KafkaSecurity[protocol=" + effectiveProtocol() + (sasl() ? ", user=" + username : "")
                + (blank(trustStore) ? "" : ", trustStore=" + trustStore) + (blank(keyStore) ? "" : ", keyStore=" + keyStore) + "]";
    }
}
