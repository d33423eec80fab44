package org.medassist.kit.kafka;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.medassist.schemas.kafka.EventRoute;
import org.medassist.schemas.kafka.EventRoutes;
import org.medassist.schemas.kafka.Topic;
import org.medassist.schemas.kafka.Topics;

/**
 * Who may do what on a cluster with {@code StandardAuthorizer} and {@code allow.everyone.if.no.acl.found=false}: one
 * principal per service with exactly the ACLs it needs, and a read-only operator principal, the only one that reads
 * {@code dead-letters}. The source of docs/security.md's ACL table ({@link #markdownTable()}) and of
 * deploy/production/acls.sh's ACL lines ({@link #shellLines()}), both kept current by a test; the SCRAM/ACL test
 * runs both services on a broker with exactly these ACLs.
 *
 * <p>A service account covers:
 * <ul>
 *   <li>the topics of {@link Topics} it reads (its Streams sources, the global table) and writes (its ingestion
 *       routes, its Streams sinks), and CREATE on each of them: a service creates the topics it uses at start-up
 *       ({@code medassist.kafka.ensure-topics});</li>
 *   <li>Streams' internal topics, {@code <application.id>-…-changelog} and {@code -repartition}: created, read,
 *       written, purged (DELETE, for delete-records) and their configs described;</li>
 *   <li>its consumer group, the application id;</li>
 *   <li>transactional ids: {@code <application.id>-<process>-<thread>} (exactly-once Streams) and
 *       {@code <service name>-<pool>-<instance>-<n>} (the all-or-nothing ingestion producers,
 *       {@link AtomicBatchProducer}).</li>
 * </ul>
 */
public final class AccessPlan {
    private AccessPlan() {}

    public static final String ELIGIBILITY_USER = "medassist-eligibility";
    public static final String SETTLEMENT_USER = "medassist-settlement";
    public static final String OPERATOR_USER = "medassist-operator";
    public static final String DASHBOARD_USER = "medassist-dashboard";

    /**
     * One Kafka principal and what it may do.
     *
     * @param user               the SCRAM user (principal {@code User:<user>})
     * @param reads              topics it consumes
     * @param writes             topics it produces to
     * @param creates            topics it may create
     * @param internalPrefix     prefix of its Streams internal topics ({@code <application.id>-}), or null
     * @param groups             consumer groups it joins (literal)
     * @param groupPrefix        consumer groups it may use by prefix, or null
     * @param transactionalIds   transactional-id prefixes it may use
     */
    public record Account(String user, List<Topic<?>> reads, List<Topic<?>> writes, List<Topic<?>> creates,
                          String internalPrefix, List<String> groups, String groupPrefix, List<String> transactionalIds) {

        public String principal() { return "User:" + user; }

        /** The ACL bindings, in a stable order. */
        public List<AclBinding> bindings() {
            List<AclBinding> out = new ArrayList<>();
            for (Topic<?> t : creates) out.add(allow(ResourceType.TOPIC, t.name(), PatternType.LITERAL, AclOperation.CREATE));
            for (Topic<?> t : reads) out.add(allow(ResourceType.TOPIC, t.name(), PatternType.LITERAL, AclOperation.READ));
            for (Topic<?> t : writes) out.add(allow(ResourceType.TOPIC, t.name(), PatternType.LITERAL, AclOperation.WRITE));
            if (internalPrefix != null) {
                for (AclOperation op : INTERNAL_TOPIC_OPERATIONS) {
                    out.add(allow(ResourceType.TOPIC, internalPrefix, PatternType.PREFIXED, op));
                }
            }
            for (String g : groups) out.add(allow(ResourceType.GROUP, g, PatternType.LITERAL, AclOperation.READ));
            if (groupPrefix != null) out.add(allow(ResourceType.GROUP, groupPrefix, PatternType.PREFIXED, AclOperation.READ));
            for (String id : transactionalIds) {
                out.add(allow(ResourceType.TRANSACTIONAL_ID, id, PatternType.PREFIXED, AclOperation.WRITE));
            }
            return out;
        }

        private AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation op) {
            return new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principal(), "*", op, AclPermissionType.ALLOW));
        }
    }

    /** What Kafka Streams does with its own internal topics. */
    static final List<AclOperation> INTERNAL_TOPIC_OPERATIONS = List.of(AclOperation.CREATE, AclOperation.READ,
            AclOperation.WRITE, AclOperation.DELETE, AclOperation.DESCRIBE_CONFIGS);

    /** The ingestion pools' names (transactional ids {@code <service name>-<pool>-…}). */
    public static final String ELIGIBILITY_INGEST_POOL = "identity-ingest";
    public static final String SETTLEMENT_INGEST_POOL = "ingest";

    /**
     * eligibility-service: ingests identity events, folds them into timelines (Streams), publishes
     * {@code person-eligibility} and dead letters.
     *
     * @param user          its SCRAM user
     * @param applicationId {@code medassist.kafka.application-id}
     * @param serviceName   {@code micronaut.application.name} (prefix of its ingestion transactional ids)
     */
    public static Account eligibility(String user, String applicationId, String serviceName) {
        List<Topic<?>> reads = List.of(Topics.IDENTITY_EVENTS, Topics.IDENTITY_OWNERSHIP_REQUESTS, Topics.IDENTITY_OWNERSHIP_ANSWERS);
        List<Topic<?>> writes = union(ingested(true), List.of(Topics.PERSON_ELIGIBILITY, Topics.DEAD_LETTERS,
                Topics.IDENTITY_OWNERSHIP_REQUESTS, Topics.IDENTITY_OWNERSHIP_ANSWERS));
        return new Account(user, reads, writes, union(reads, writes), applicationId + "-", List.of(applicationId), null,
                List.of(applicationId + "-", serviceName + "-" + ELIGIBILITY_INGEST_POOL + "-"));
    }

    /**
     * settlement-service: ingests claims, reversals, applications, year closes and parameters; settles (Streams)
     * from those and {@code person-eligibility}, with {@code policy-parameters} as a global table and
     * {@code settlements} re-keyed by claim; publishes settlements, alerts and dead letters.
     */
    public static Account settlement(String user, String applicationId, String serviceName) {
        List<Topic<?>> reads = List.of(Topics.HOSPITAL_EVENTS, Topics.APPLICATIONS, Topics.YEAR_CLOSES,
                Topics.PERSON_ELIGIBILITY, Topics.POLICY_PARAMETERS, Topics.CLAIM_OWNERSHIP_REQUESTS,
                Topics.CLAIM_OWNERSHIP_ANSWERS);
        List<Topic<?>> writes = union(ingested(false), List.of(Topics.SETTLEMENTS, Topics.ALERTS, Topics.DEAD_LETTERS,
                Topics.CLAIM_OWNERSHIP_REQUESTS, Topics.CLAIM_OWNERSHIP_ANSWERS));
        return new Account(user, reads, writes, union(reads, writes), applicationId + "-", List.of(applicationId), null,
                List.of(applicationId + "-", serviceName + "-" + SETTLEMENT_INGEST_POOL + "-"));
    }

    /**
     * The operators' read-only principal: dead letters (no service reads them), settlements and alerts, with consumer
     * groups of its own name as prefix. Operators' administration (users, ACLs, topics) is a super user's, in the
     * brokers' {@code super.users}.
     */
    public static Account operator(String user) {
        return new Account(user, List.of(Topics.SETTLEMENTS, Topics.ALERTS, Topics.DEAD_LETTERS), List.of(), List.of(),
                null, List.of(), user, List.of());
    }

    /**
     * dashboard-service: reads {@code alerts}, {@code settlements} and {@code policy-parameters} with partitions
     * assigned by hand and no consumer group (docs/dashboard-service.md), so it needs READ on those topics and nothing
     * else: no group, no writes, no topics of its own, no transactions. It cannot read dead letters.
     */
    public static Account dashboard(String user) {
        return new Account(user, List.of(Topics.POLICY_PARAMETERS, Topics.SETTLEMENTS, Topics.ALERTS), List.of(), List.of(),
                null, List.of(), null, List.of());
    }

    /** The accounts with the default users, application ids and service names (application.yml). */
    public static List<Account> defaults() {
        return List.of(eligibility(ELIGIBILITY_USER, "medassist-eligibility", "eligibility-service"),
                settlement(SETTLEMENT_USER, "medassist-settlement", "settlement-service"),
                dashboard(DASHBOARD_USER),
                operator(OPERATOR_USER));
    }

    /** Every binding of the accounts. */
    public static List<AclBinding> bindings(List<Account> accounts) {
        List<AclBinding> out = new ArrayList<>();
        for (Account a : accounts) out.addAll(a.bindings());
        return out;
    }

    /** The topics the ingestion of one service writes: identity events for eligibility, the other routes for settlement. */
    private static List<Topic<?>> ingested(boolean identity) {
        Set<Topic<?>> out = new LinkedHashSet<>();
        for (EventRoute<?> r : EventRoutes.inputs()) {
            if ((r == EventRoutes.IDENTITY) == identity) out.add(r.topic());
        }
        return List.copyOf(out);
    }

    private static List<Topic<?>> union(List<Topic<?>> a, List<Topic<?>> b) {
        Set<Topic<?>> out = new LinkedHashSet<>();
        for (Topic<?> t : Topics.all()) if (a.contains(t) || b.contains(t)) out.add(t);
        return List.copyOf(out);
    }

    /** docs/security.md's ACL table, for {@link #defaults()}. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| principal | reads | writes | creates | internal topics (prefixed) "
                + "| consumer groups | transactional ids (prefixed) |\n|---|---|---|---|---|---|---|\n");
        for (Account a : defaults()) {
            sb.append("| `").append(a.principal()).append("` | ").append(names(a.reads())).append(" | ")
                    .append(names(a.writes())).append(" | ").append(names(a.creates())).append(" | ")
                    .append(a.internalPrefix() == null ? "—" : "`" + a.internalPrefix() + "`: "
                            + INTERNAL_TOPIC_OPERATIONS.stream().map(o -> o.name()).reduce((x, y) -> x + ", " + y).orElse(""))
                    .append(" | ");
            List<String> groups = new ArrayList<>();
            a.groups().forEach(g -> groups.add("`" + g + "`"));
            if (a.groupPrefix() != null) groups.add("`" + a.groupPrefix() + "*`");
            sb.append(groups.isEmpty() ? "—" : String.join(", ", groups)).append(" | ");
            sb.append(a.transactionalIds().isEmpty() ? "—" : String.join(", ",
                    a.transactionalIds().stream().map(t -> "`" + t + "`").toList())).append(" |\n");
        }
        return sb.toString();
    }

    /** {@code DESCRIBE_CONFIGS} → {@code DescribeConfigs}, as kafka-acls.sh's {@code --operation} reads it. */
    static String cliName(AclOperation op) {
        StringBuilder sb = new StringBuilder();
        for (String part : op.name().split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }

    private static String names(List<Topic<?>> topics) {
        if (topics.isEmpty()) return "—";
        return String.join(", ", topics.stream().map(t -> "`" + t.name() + "`").toList());
    }

    /**
     * The ACL lines of deploy/production/acls.sh: one {@code allow} call (a shell function wrapping
     * {@code kafka-acls.sh --add}) per binding, with the users, application ids and service names as shell variables,
     * operations spelled as kafka-acls.sh takes them ({@code DescribeConfigs}).
     */
    public static String shellLines() {
        Account e = eligibility("$ELIGIBILITY_USER", "$ELIGIBILITY_APP", "$ELIGIBILITY_SERVICE");
        Account s = settlement("$SETTLEMENT_USER", "$SETTLEMENT_APP", "$SETTLEMENT_SERVICE");
        Account d = dashboard("$DASHBOARD_USER");
        Account o = operator("$OPERATOR_USER");
        StringBuilder sb = new StringBuilder();
        for (Account a : List.of(e, s, d, o)) {
            sb.append("# ").append(a.principal()).append('\n');
            for (AclBinding b : a.bindings()) {
                ResourcePattern r = b.pattern();
                sb.append("allow \"").append(a.user()).append("\" ").append(cliName(b.entry().operation())).append(' ')
                        .append(r.resourceType().name()).append(" \"").append(r.name()).append("\" ")
                        .append(r.patternType().name()).append('\n');
            }
        }
        return sb.toString();
    }
}
