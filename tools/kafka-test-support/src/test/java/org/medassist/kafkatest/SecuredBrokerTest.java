package org.medassist.kafkatest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medassist.embeddedkafka.EmbeddedKafkaBroker;
import org.medassist.embeddedkafka.TlsMaterial;

/**
 * The secured in-process broker itself (docs/security.md "Kafka: authentication and TLS"): SCRAM users created
 * through the Admin API log in over SASL_SSL, a wrong password or no SASL at all is refused, ACLs decide who may
 * write, and a client certificate signed by the CA authenticates by mutual TLS as its common name.
 */
class SecuredBrokerTest {
    static TlsMaterial tls;
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        tls = TlsMaterial.create();
        broker = EmbeddedKafkaBroker.builder().secured(tls).start();
        broker.createScramUser("alice", "pa\"ss\\word");
        broker.createScramUser("bob", "bob-password");
        try (Admin admin = Admin.create(broker.superUserConfig())) {
            admin.createTopics(List.of(new NewTopic("letters", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(List.of(
                    allow("User:alice", AclOperation.WRITE), allow("User:carol", AclOperation.DESCRIBE)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
        if (tls != null) tls.close();
    }

    static AclBinding allow(String principal, AclOperation op) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, "letters", PatternType.LITERAL),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }

    static void send(Map<String, Object> config) throws Exception {
        Map<String, Object> c = new HashMap<>(config);
        c.put("max.block.ms", 5_000);
        c.put("delivery.timeout.ms", 5_000);
        c.put("request.timeout.ms", 4_000);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(c, new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>("letters", "k", "v")).get(10, TimeUnit.SECONDS);
        }
    }

    static Throwable failure(Map<String, Object> config) {
        Exception e = assertThrows(Exception.class, () -> send(config));
        return e instanceof ExecutionException ? e.getCause() : e;
    }

    @Test
    void aScramUserWithAnAclWrites() throws Exception {
        send(broker.scramClientConfig("alice", "pa\"ss\\word"));
    }

    @Test
    void aScramUserWithoutAnAclIsRefused() {
        assertInstanceOf(TopicAuthorizationException.class, failure(broker.scramClientConfig("bob", "bob-password")));
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertInstanceOf(SaslAuthenticationException.class, failure(broker.scramClientConfig("alice", "guess")));
    }

    @Test
    void aClientWithoutSaslGetsNothing() {
        Map<String, Object> c = new HashMap<>(broker.scramClientConfig("alice", "unused"));
        c.put("security.protocol", "SSL"); // TLS, but no SASL handshake: the broker closes the connection
        c.remove("sasl.jaas.config");
        c.remove("sasl.mechanism");
        Throwable t = failure(c);
        assertTrue(t instanceof org.apache.kafka.common.errors.TimeoutException, t.toString());
    }

    @Test
    void aClientCertificateAuthenticatesAsItsCommonName() throws Exception {
        Map<String, Object> carol = new HashMap<>(broker.superUserConfig()); // the mutual-TLS listener
        carol.put("ssl.keystore.location", tls.keyStore("carol", List.of(), List.of()).toString());
        try (Admin admin = Admin.create(carol)) {
            // DESCRIBE is allowed to User:carol, so the topic is visible to her...
            assertEquals(1, admin.describeTopics(List.of("letters")).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get("letters").partitions().size());
        }
        // ...and writing is not (refused as she has no WRITE anywhere, even for an idempotent producer id); depending on
        // where the producer meets the refusal, it arrives as the exception itself or as the cause of its error state
        Throwable t = failure(carol);
        Throwable refusal = t;
        while (refusal != null && !(refusal instanceof AuthorizationException)) refusal = refusal.getCause();
        assertInstanceOf(AuthorizationException.class, refusal, t.toString());
    }
}
