package org.medassist.launcher.services;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.medassist.launcher.Tokens;
import java.util.List;
import org.medassist.simulator.City;

/**
 * The configuration the launcher gives each service: the one place that names the services' properties
 * (service-kit's {@code KafkaSettings}, {@code TokenEntry} and {@code PersonIdHashFactory}, and Micronaut's server).
 */
public final class ServiceProperties {
    private ServiceProperties() {}

    public static final String BOOTSTRAP_SERVERS = "medassist.kafka.bootstrap-servers";
    public static final String REGISTRY_URL = "medassist.kafka.registry-url";
    public static final String PERSON_PARTITIONS = "medassist.kafka.person-partitions";
    public static final String REPLICATION_FACTOR = "medassist.kafka.replication-factor";
    public static final String STATE_DIR = "medassist.kafka.state-dir";
    public static final String SERVER_HOST = "micronaut.server.host";
    public static final String SERVER_PORT = "micronaut.server.port";
    /**
     * The services' Micronaut environments: {@code dev}, the only one in which they take the plain-text tokens of
     * the local run (docs/security.md).
     */
    public static final String ENVIRONMENTS = "micronaut.environments";
    /** {@code medassist.auth.principals.<label>.kind|name|regions|token} */
    public static final String PRINCIPALS = "medassist.auth.principals";
    public static final String PERSON_ID_KEY = "medassist.log.person-id-key";
    /** Raw Kafka Streams settings, {@code medassist.kafka.streams.<kafka name>} (service-kit's KafkaSettings). */
    public static final String STREAMS = "medassist.kafka.streams.";
    /** An operator's policy directory (settlement-service's {@code SettlementBeans}, dashboard-service's too). */
    public static final String POLICIES_DIR = "medassist.policies.dir";
    /** Where dashboard-service sends the person search (docs/dashboard-service.md). */
    public static final String DASHBOARD_SETTLEMENT_URL = "medassist.dashboard.settlement-url";

    /**
     * Where and how a service reaches Kafka and the registry, the key of its person hashes, and the operator's
     * policy directory (null: the shipped policies only).
     */
    public record Infrastructure(String bootstrapServers, String registryUrl, int partitions, int replicationFactor,
                                 String personIdKey, Path policiesDir) {}

    /**
     * The properties of one service.
     *
     * @param serviceName e.g. {@code settlement-service}
     * @param stateDir the service's Kafka Streams state, under the data directory so that a restart resumes it
     * @param cities   the cities whose hospitals and agencies get tokens
     */
    public static Map<String, Object> of(String serviceName, Infrastructure infra, int port, Path stateDir, Tokens tokens,
                                         List<City> cities) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(BOOTSTRAP_SERVERS, infra.bootstrapServers());
        p.put(REGISTRY_URL, infra.registryUrl());
        p.put(PERSON_PARTITIONS, infra.partitions());
        p.put(REPLICATION_FACTOR, infra.replicationFactor());
        p.put(STATE_DIR, stateDir.toAbsolutePath().toString());
        p.put(SERVER_HOST, "127.0.0.1");
        p.put(SERVER_PORT, port);
        p.put(PERSON_ID_KEY, infra.personIdKey());
        if (infra.policiesDir() != null) p.put(POLICIES_DIR, infra.policiesDir().toAbsolutePath().toString());
        p.put(ENVIRONMENTS, "dev");
        localRestarts(serviceName, p);
        principals(tokens, cities, p);
        return p;
    }

    /**
     * One instance per service, restarted often: Kafka Streams does not leave its group on close, so a restarted
     * instance would wait in REBALANCING (and report unhealthy) until the previous one's session expired, 45 s by
     * default. With a stable {@code group.instance.id} (static membership) the restarted instance takes its
     * partitions back at once; the shorter session bounds the wait when the previous one is gone for good.
     */
    static void localRestarts(String serviceName, Map<String, Object> p) {
        p.put(STREAMS + "group.instance.id", serviceName + "-local");
        p.put(STREAMS + "session.timeout.ms", "10000");
    }

    /**
     * Every token of {@link Tokens}, for every service (each uses the kinds its endpoints accept): the five
     * departments, the administrator and the dashboard's reader for every city, every hospital for its own city (a
     * hospital added with a {@code hospital.<id>} line, for every city), and every city's agency for its city.
     */
    static void principals(Tokens tokens, List<City> cities, Map<String, Object> p) {
        String all = String.join(",", cities.stream().map(City::region).toList());
        tokens.departments().forEach((department, token) -> principal(p, department, "department", department, all, token));
        List<String> hospitals = cities.stream().flatMap(c -> c.hospitalIds().stream()).toList();
        tokens.hospitals(hospitals).forEach((hospital, token) ->
                principal(p, "hospital-" + hospital, "hospital", hospital, regionOf(hospital, cities), token));
        for (City c : cities) principal(p, "agency-" + c.region(), "agency", c.region(), c.region(), tokens.agency(c.region()));
        principal(p, "admin", "admin", "launcher", all, tokens.admin());
        // the dashboard's viewer: reads alerts and reports on dashboard-service, persons through it on settlement-service
        principal(p, "reader", "reader", "dashboard", all, tokens.reader());
    }

    /** The city of one of the stream's hospitals; {@code *} for another (added by hand). */
    static String regionOf(String hospitalId, List<City> cities) {
        for (City c : cities) if (c.hospitalIds().contains(hospitalId)) return c.region();
        return "*";
    }

    private static void principal(Map<String, Object> p, String label, String kind, String name, String regions, String token) {
        // labels are lower-case kebab: Micronaut normalises property names
        String prefix = PRINCIPALS + "." + label.toLowerCase(Locale.ROOT).replace('_', '-') + ".";
        p.put(prefix + "kind", kind);
        p.put(prefix + "name", name);
        p.put(prefix + "regions", regions);
        p.put(prefix + "token", token);
    }
}
