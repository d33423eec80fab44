package org.medassist.settlement.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.eligibility.EligibilityApplication;
import org.medassist.embeddedkafka.EmbeddedKafkaBroker;
import org.medassist.embeddedkafka.TlsMaterial;
import org.medassist.events.Settlement;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.kit.kafka.AccessPlan;
import org.medassist.schemas.kafka.AvroSerdes;
import org.medassist.schemas.kafka.KafkaConnection;
import org.medassist.schemas.kafka.KafkaSecurity;
import org.medassist.schemas.kafka.RegistryAccess;
import org.medassist.schemas.kafka.SchemaRegistration;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.SettlementApplication;

/**
 * Issue 8 §2 on a broker laid out as production's (docs/security.md "Kafka: authentication and TLS", "ACLs"):
 * SASL_SSL with SCRAM-SHA-512, {@code StandardAuthorizer}, nothing allowed without an ACL, one SCRAM user per service
 * created through the Admin API with exactly {@link AccessPlan}'s ACLs, schemas registered beforehand and producers
 * that may not register (auto-registration off).
 *
 * <ol>
 *   <li>Both services, started as in production but in this JVM, each with its own credentials, create their topics,
 *       ingest an identity event and a claim over HTTP, fold and settle them exactly-once, and the operator's
 *       principal reads the settlement; the claim is then queried over HTTPS, as instances forward queries.</li>
 *   <li>A client without credentials, or with a wrong password, is refused.</li>
 *   <li>A service's credentials cannot forge another service's input, join another service's Streams group (and
 *       so advertise a fake {@code application.server}), use its transactional ids, or read dead letters.</li>
 * </ol>
 */
@ExtendWith(KafkaTestEnvironment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredKafkaTest {
    static final String ELIGIBILITY_APP = "medassist-eligibility";
    static final String SETTLEMENT_APP = "medassist-settlement";
    static final Map<String, String> PASSWORDS = Map.of(
            AccessPlan.ELIGIBILITY_USER, "e-" + UUID.randomUUID(),
            AccessPlan.SETTLEMENT_USER, "s-" + UUID.randomUUID(),
            AccessPlan.DASHBOARD_USER, "d-" + UUID.randomUUID(),
            AccessPlan.OPERATOR_USER, "o-" + UUID.randomUUID());

    static TlsMaterial tls;
    static EmbeddedKafkaBroker broker;
    static long t0;

    @BeforeAll
    static void startSecuredBroker(KafkaTestEnvironment.Environment env) throws Exception {
        t0 = System.nanoTime();
        tls = TlsMaterial.create();
        broker = EmbeddedKafkaBroker.builder().secured(tls).start();
        for (AccessPlan.Account a : AccessPlan.defaults()) broker.createScramUser(a.user(), PASSWORDS.get(a.user()));
        try (Admin admin = Admin.create(broker.superUserConfig())) {
            admin.createAcls(AccessPlan.bindings(AccessPlan.defaults())).all().get(30, TimeUnit.SECONDS);
        }
        // the operator registers the contract's schemas; the services may only look them up
        new SchemaRegistration(RegistryAccess.open(env.registryUrl())).registerAll();
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
        if (tls != null) tls.close();
        System.out.printf("SecuredKafkaTest: %d ms in all%n", (System.nanoTime() - t0) / 1_000_000);
    }

    /** The one client configuration of a principal, as the services and bin/run build it. */
    static Map<String, Object> client(String user, String password) {
        return new KafkaConnection(broker.bootstrapServers(),
                KafkaSecurity.scram(user, password, tls.trustStore().toString(), tls.password()), Map.of(),
                RegistryAccess.open("http://unused")).clientConfig();
    }

    static Map<String, Object> client(String user) {
        return client(user, PASSWORDS.get(user));
    }

    static Map<String, Object> service(KafkaTestEnvironment.Environment env, String name, String appId, String user)
            throws IOException {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.application.name", name);
        p.put("micronaut.server.port", -1);
        p.put("micronaut.server.host", "localhost");
        p.put("medassist.kafka.bootstrap-servers", broker.bootstrapServers());
        p.put("medassist.kafka.security.protocol", "SASL_SSL");
        p.put("medassist.kafka.security.username", user);
        p.put("medassist.kafka.security.password", PASSWORDS.get(user));
        p.put("medassist.kafka.security.trust-store", tls.trustStore().toString());
        p.put("medassist.kafka.security.trust-store-password", tls.password());
        p.put("medassist.kafka.registry-url", env.registryUrl());
        p.put("medassist.kafka.registry.auto-register", false);
        p.put("medassist.kafka.person-partitions", 2);
        p.put("medassist.kafka.application-id", appId);
        p.put("medassist.kafka.state-dir", Files.createTempDirectory(name + "-state").toString());
        p.put("medassist.kafka.streams.commit.interval.ms", "100");
        p.put("medassist.log.person-id-key", "secured-kafka-test-person-id-hash-key");
        principal(p, "civil", "department", "civil_affairs");
        principal(p, "h01", "hospital", "H01");
        principal(p, "agency", "agency", "office");
        principal(p, "reader", "reader", "monitoring-office");
        return p;
    }

    static void principal(Map<String, Object> p, String label, String kind, String name) {
        p.put("medassist.auth.principals.t-" + label + ".kind", kind);
        p.put("medassist.auth.principals.t-" + label + ".name", name);
        p.put("medassist.auth.principals.t-" + label + ".regions", "*");
        // outside dev, tokens are configured as their hashes only (docs/security.md)
        p.put("medassist.auth.principals.t-" + label + ".token-sha256", org.medassist.kit.auth.TokenAuthenticator.sha256("token-" + label));
    }

    static final String PERSON = "JIANGYIN-77-P";
    static final String CLAIM = "JIANGYIN-77-c1";

    @Test
    @Order(1)
    void bothServicesSettleAClaimEachWithItsOwnCredentials(KafkaTestEnvironment.Environment env) throws Exception {
        Map<String, Object> ep = service(env, "eligibility-service", ELIGIBILITY_APP, AccessPlan.ELIGIBILITY_USER);
        ep.put("medassist.settlement.enabled", false);
        Map<String, Object> sp = service(env, "settlement-service", SETTLEMENT_APP, AccessPlan.SETTLEMENT_USER);
        sp.put("medassist.eligibility.enabled", false);
        // this instance serves HTTPS, as instances do for the queries they forward to each other
        Path keyStore = tls.localhostKeyStore("settlement-1");
        sp.put("micronaut.server.ssl.enabled", true);
        sp.put("micronaut.server.ssl.port", -1);
        sp.put("micronaut.server.ssl.key-store.path", "file:" + keyStore);
        sp.put("micronaut.server.ssl.key-store.password", tls.password());
        sp.put("micronaut.server.ssl.key-store.type", "PKCS12");
        sp.put("medassist.query.trust-store", tls.trustStore().toString());
        sp.put("medassist.query.trust-store-password", tls.password());
        HttpClient https = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(sslContext()).build();
        long started = System.nanoTime();
        try (ApplicationContext eligibility = EligibilityApplication.start(ep);
             ApplicationContext settlement = SettlementApplication.start(sp)) {
            String e = "http://localhost:" + eligibility.getBean(EmbeddedServer.class).getPort();
            String s = "https://localhost:" + settlement.getBean(EmbeddedServer.class).getPort();
            awaitHealthy(https, e);
            awaitHealthy(https, s);
            System.out.printf("SecuredKafkaTest: both services healthy in %d ms%n", (System.nanoTime() - started) / 1_000_000);

            assertEquals(202, post(https, e + "/v1/identity-events", "token-civil", "[{\"type\":\"identity\",\"eventId\":\"JIANGYIN-77-e1\","
                    + "\"personId\":\"" + PERSON + "\",\"region\":\"jiangyin\",\"department\":\"civil_affairs\",\"identity\":\"minimum_living\","
                    + "\"action\":\"grant\",\"effectiveDate\":\"2023-01-01\",\"attributes\":{}}]").statusCode());
            // folded by eligibility-service (its store answers), so the claim finds the person eligible
            HttpResponse<String> folded = getUntil(https, e + "/v1/persons/" + PERSON + "/eligibility", "token-reader",
                    Duration.ofSeconds(60));
            assertEquals(200, folded.statusCode(), folded.body());
            HttpResponse<String> claim = post(https, s + "/v1/claims", "token-h01", "[{\"type\":\"claim\",\"claimId\":\"" + CLAIM
                    + "\",\"personId\":\"" + PERSON + "\",\"region\":\"jiangyin\",\"hospitalId\":\"H01\",\"hospitalLevel\":\"secondary\","
                    + "\"kind\":\"inpatient\",\"admissionDate\":\"2023-03-01\",\"dischargeDate\":\"2023-03-05\",\"location\":\"in_city\","
                    + "\"amounts\":{\"total\":\"1000.00\",\"outOfScope\":\"0.00\",\"policyScope\":\"1000.00\",\"basicInsurance\":\"0.00\","
                    + "\"criticalIllness\":\"0.00\",\"otherInsurance\":\"0.00\"}}]");
            assertEquals(202, claim.statusCode(), claim.body());

            // the operator's principal reads what was settled, read committed
            long paid = settledAssistance(env, Duration.ofSeconds(90));
            assertEquals(70000, paid, "70% of 1,000.00 for a Jiangyin 低保 inpatient stay");
            System.out.printf("SecuredKafkaTest: settled %d ms after start%n", (System.nanoTime() - started) / 1_000_000);

            // the claim's settlements from the store, over HTTPS
            HttpResponse<String> q = getUntil(https, s + "/v1/hospitals/H01/claims/" + CLAIM, "token-agency", Duration.ofSeconds(30));
            assertEquals(200, q.statusCode(), q.body());
            assertTrue(q.body().contains("\"personId\":\"" + PERSON + "\""), q.body());
        }
    }

    static long settledAssistance(KafkaTestEnvironment.Environment env, Duration timeout) {
        Map<String, Object> c = client(AccessPlan.OPERATOR_USER);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, AccessPlan.OPERATOR_USER + "-check");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroSerdes serdes = new AvroSerdes(RegistryAccess.open(env.registryUrl()).withAutoRegister(false));
        long paid = 0;
        try (KafkaConsumer<String, Settlement> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                serdes.value(Settlement.class).deserializer())) {
            consumer.subscribe(List.of(Topics.SETTLEMENTS.name()));
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean seen = false;
            while (System.nanoTime() < deadline && paid != 70000) {
                for (ConsumerRecord<String, Settlement> r : consumer.poll(Duration.ofMillis(500))) {
                    if (CLAIM.equals(r.value().getClaimId())) {
                        seen = true;
                        paid += r.value().getAssistance();
                    }
                }
            }
            assertTrue(seen, "the claim was settled");
        }
        return paid;
    }

    // ------------------------------------------------------------------------------------ who is refused what

    @Test
    @Order(2)
    void aClientWithoutCredentialsIsRefused() {
        Map<String, Object> noSasl = client(AccessPlan.OPERATOR_USER);
        noSasl.put("security.protocol", "SSL"); // TLS without SASL: the broker waits for a handshake that never comes
        noSasl.remove("sasl.jaas.config");
        noSasl.remove("sasl.mechanism");
        assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, writeFailure(noSasl, Topics.HOSPITAL_EVENTS.name()));
        Map<String, Object> plaintext = new HashMap<>(Map.of("bootstrap.servers", broker.bootstrapServers()));
        assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, writeFailure(plaintext, Topics.HOSPITAL_EVENTS.name()));
        assertInstanceOf(SaslAuthenticationException.class,
                writeFailure(client(AccessPlan.SETTLEMENT_USER, "a guess"), Topics.HOSPITAL_EVENTS.name()));
    }

    @Test
    @Order(2)
    void aServiceCannotForgeAnotherServicesInput() {
        // eligibility-service may not write claims, nor settlement-service identity events
        assertInstanceOf(TopicAuthorizationException.class, writeFailure(client(AccessPlan.ELIGIBILITY_USER), Topics.HOSPITAL_EVENTS.name()));
        assertInstanceOf(TopicAuthorizationException.class, writeFailure(client(AccessPlan.SETTLEMENT_USER), Topics.IDENTITY_EVENTS.name()));
        assertInstanceOf(TopicAuthorizationException.class, writeFailure(client(AccessPlan.ELIGIBILITY_USER), Topics.SETTLEMENTS.name()));
        // nor the operator anything
        assertInstanceOf(org.apache.kafka.common.errors.AuthorizationException.class,
                writeFailure(client(AccessPlan.OPERATOR_USER), Topics.HOSPITAL_EVENTS.name()));
    }

    @Test
    @Order(2)
    void aServiceCannotJoinAnotherServicesStreamsGroup() {
        Map<String, Object> c = client(AccessPlan.ELIGIBILITY_USER);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, SETTLEMENT_APP);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.IDENTITY_EVENTS.name()));
            assertThrows(GroupAuthorizationException.class, () -> consumer.poll(Duration.ofSeconds(10)));
        }
    }

    @Test
    @Order(2)
    void aServiceCannotUseAnotherServicesTransactionalIds() {
        Map<String, Object> c = client(AccessPlan.ELIGIBILITY_USER);
        c.put("transactional.id", "settlement-service-" + AccessPlan.SETTLEMENT_INGEST_POOL + "-forged-1");
        c.put("max.block.ms", 10_000);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(c, new StringSerializer(), new StringSerializer())) {
            assertThrows(TransactionalIdAuthorizationException.class, p::initTransactions);
        }
    }

    @Test
    @Order(2)
    void onlyOperatorsReadDeadLetters() {
        TopicPartition p0 = new TopicPartition(Topics.DEAD_LETTERS.name(), 0);
        for (String user : List.of(AccessPlan.ELIGIBILITY_USER, AccessPlan.SETTLEMENT_USER)) {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(client(user), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.assign(List.of(p0));
                consumer.seekToBeginning(List.of(p0));
                assertThrows(TopicAuthorizationException.class, () -> consumer.poll(Duration.ofSeconds(10)), user);
            }
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(client(AccessPlan.OPERATOR_USER),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(p0));
            consumer.seekToBeginning(List.of(p0));
            consumer.poll(Duration.ofSeconds(1)); // no authorization error
            assertEquals(0L, consumer.position(p0, Duration.ofSeconds(10)));
        }
    }

    /** Why writing one record to {@code topic} fails. */
    static Throwable writeFailure(Map<String, Object> config, String topic) {
        Map<String, Object> c = new HashMap<>(config);
        c.put("max.block.ms", 3_000);
        c.put("delivery.timeout.ms", 3_000);
        c.put("request.timeout.ms", 2_500);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(c, new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, "JIANGYIN-66-P", "forged")).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("writing to " + topic + " was allowed");
    }

    // ------------------------------------------------------------------------------------ HTTP(S)

    static javax.net.ssl.SSLContext sslContext() throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(tls.trustStore())) {
            ks.load(in, tls.password().toCharArray());
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static void awaitHealthy(HttpClient http, String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        List<String> last = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
                last.add(r.body());
            } catch (IOException e) {
                last.add(e.toString());
            }
            Thread.sleep(200);
        }
        throw new AssertionError(base + " did not become healthy: " + (last.isEmpty() ? "" : last.get(last.size() - 1)));
    }

    static HttpResponse<String> post(HttpClient http, String url, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> getUntil(HttpClient http, String url, String token, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> r;
        do {
            r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) return r;
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return r;
    }
}
