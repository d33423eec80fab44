package org.medassist.schemas.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.medassist.events.Alert;
import org.medassist.events.Application;
import org.medassist.events.DeadLetter;
import org.medassist.events.IdentityEvent;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipRequest;
import org.medassist.events.Parameter;
import org.medassist.events.PersonEligibility;
import org.medassist.events.Settlement;
import org.medassist.events.YearClose;
import org.medassist.schemas.kafka.Topic.Keying;

/**
 * Every topic of the system. Person-keyed topics share one partition count so that the settlement topology's
 * inputs are co-partitioned by personId; claims and their reversals share {@link #HOSPITAL_EVENTS} so their order
 * is kept. docs/architecture.md's topic table is {@link #markdownTable()} (a test keeps it so).
 */
public final class Topics {
    private Topics() {}

    public static final int DEFAULT_PARTITIONS = 6;

    /**
     * The record size the dead-letters topic takes (its {@code max.message.bytes}): a dead letter carries a whole input
     * record (at most the broker's default 1 MiB) with its reason and origin, so the topic takes twice that. Producers
     * that write dead letters set {@code max.request.size} to it (docs/reliability.md, limits).
     */
    public static final int DEAD_LETTER_MAX_BYTES = 2 * 1024 * 1024;

    public static final Topic<IdentityEvent> IDENTITY_EVENTS =
            new Topic<>("identity-events", Keying.PERSON, false, IdentityEvent.class, false, "`IdentityEvent`");
    /** The whole identity timeline per person, as eligibility-service folded it. */
    public static final Topic<PersonEligibility> PERSON_ELIGIBILITY =
            new Topic<>("person-eligibility", Keying.PERSON, true, PersonEligibility.class, false, "`PersonEligibility`");
    /** Claims and reversals on one topic, so a reversal never overtakes its claim. */
    public static final Topic<SpecificRecord> HOSPITAL_EVENTS =
            new Topic<>("hospital-events", Keying.PERSON, false, SpecificRecord.class, true, "`Claim` or `ClaimReversal`");
    public static final Topic<Application> APPLICATIONS =
            new Topic<>("applications", Keying.PERSON, false, Application.class, false, "`Application`");
    public static final Topic<YearClose> YEAR_CLOSES =
            new Topic<>("year-closes", Keying.BROADCAST, false, YearClose.class, false, "`YearClose`");
    public static final Topic<Parameter> POLICY_PARAMETERS =
            new Topic<>("policy-parameters", Keying.GLOBAL, true, Parameter.class, false, "`Parameter`");
    public static final Topic<Settlement> SETTLEMENTS =
            new Topic<>("settlements", Keying.PERSON, false, Settlement.class, false, "`Settlement`");
    public static final Topic<Alert> ALERTS = new Topic<>("alerts", Keying.PERSON, false, Alert.class, false, "`Alert`");
    public static final Topic<DeadLetter> DEAD_LETTERS =
            new Topic<>("dead-letters", Keying.SOURCE_KEY, false, DeadLetter.class, false, "`DeadLetter`");

    /** Internal: settlement-service asks who owns a claim (hospitalId + claimId) before settling it. */
    public static final Topic<OwnershipRequest> CLAIM_OWNERSHIP_REQUESTS = new Topic<>("claim-ownership-requests",
            Keying.OWNED_ID, false, OwnershipRequest.class, false, "`OwnershipRequest` (internal)");
    public static final Topic<OwnershipAnswer> CLAIM_OWNERSHIP_ANSWERS = new Topic<>("claim-ownership-answers",
            Keying.PERSON, false, OwnershipAnswer.class, false, "`OwnershipAnswer` (internal)");
    /** Internal: eligibility-service asks who owns a department's eventId before folding it. */
    public static final Topic<OwnershipRequest> IDENTITY_OWNERSHIP_REQUESTS = new Topic<>("identity-ownership-requests",
            Keying.OWNED_ID, false, OwnershipRequest.class, false, "`OwnershipRequest` (internal)");
    public static final Topic<OwnershipAnswer> IDENTITY_OWNERSHIP_ANSWERS = new Topic<>("identity-ownership-answers",
            Keying.PERSON, false, OwnershipAnswer.class, false, "`OwnershipAnswer` (internal)");

    private static final List<Topic<?>> ALL = List.of(IDENTITY_EVENTS, PERSON_ELIGIBILITY, HOSPITAL_EVENTS, APPLICATIONS,
            YEAR_CLOSES, POLICY_PARAMETERS, SETTLEMENTS, ALERTS, DEAD_LETTERS, CLAIM_OWNERSHIP_REQUESTS,
            CLAIM_OWNERSHIP_ANSWERS, IDENTITY_OWNERSHIP_REQUESTS, IDENTITY_OWNERSHIP_ANSWERS);

    /** Every topic, in the order of the documentation. */
    public static List<Topic<?>> all() { return ALL; }

    /** The topic table of docs/architecture.md. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| topic | key | value | partitions | compacted |\n|---|---|---|---|---|\n");
        for (Topic<?> t : ALL) {
            sb.append("| `").append(t.name()).append("` | ").append(t.keying().describe().replace("|", "\\|")).append(" | ").append(t.values())
                    .append(" | ").append(t.keying() == Keying.GLOBAL ? "1" : "person partitions").append(" | ")
                    .append(t.compacted() ? "yes" : "no").append(" |\n");
        }
        return sb.toString();
    }

    /**
     * Creates the missing topics with explicit partition counts and checks that existing person-keyed topics
     * have the expected count (co-partitioning would silently break otherwise).
     *
     * <p>Under ACLs (docs/security.md "ACLs") a service may create and see only the topics it uses: a topic it may
     * not create is left to whoever may (the other service, or the platform team), and a topic it may not see is not
     * its to check. A topic it may not create that does not exist is an error naming the topic.
     */
    public static void ensure(Admin admin, int personPartitions, short replication) {
        List<NewTopic> wanted = new ArrayList<>();
        for (Topic<?> t : ALL) {
            NewTopic nt = new NewTopic(t.name(), t.partitions(personPartitions), replication);
            if (t.compacted()) nt.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            if (t == DEAD_LETTERS) nt.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(DEAD_LETTER_MAX_BYTES)));
            wanted.add(nt);
        }
        java.util.Set<String> notOurs = new java.util.HashSet<>();
        for (NewTopic nt : wanted) {
            try {
                admin.createTopics(List.of(nt)).all().get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof TopicExistsException) continue;
                if (c instanceof org.apache.kafka.common.errors.AuthorizationException) {
                    notOurs.add(nt.name());
                    continue;
                }
                throw new IllegalStateException("cannot create topic " + nt.name() + ": " + c.getMessage(), c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            }
        }
        var described = describeWhenVisible(admin, wanted.stream().map(NewTopic::name).toList(), notOurs);
        for (Topic<?> t : ALL) {
            var d = described.get(t.name());
            if (d == null) continue; // not visible to this principal: not one of its topics
            int actual = d.partitions().size();
            if (actual != t.partitions(personPartitions)) {
                throw new IllegalStateException("topic " + t.name() + " has " + actual + " partitions, expected "
                        + t.partitions(personPartitions) + ": person-keyed topics must be co-partitioned");
            }
        }
    }

    /**
     * New topics take a moment to reach every broker's metadata: retry a description for up to 15 s. Topics this
     * principal may not describe are left out.
     */
    private static Map<String, org.apache.kafka.clients.admin.TopicDescription> describeWhenVisible(
            Admin admin, List<String> names, java.util.Set<String> notOurs) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        Map<String, org.apache.kafka.clients.admin.TopicDescription> found = new java.util.HashMap<>();
        List<String> pending = new ArrayList<>(names);
        while (true) {
            var futures = admin.describeTopics(pending).topicNameValues();
            List<String> retry = new ArrayList<>();
            for (String name : pending) {
                try {
                    found.put(name, futures.get(name).get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof org.apache.kafka.common.errors.TopicAuthorizationException) continue;
                    if (!(c instanceof org.apache.kafka.common.errors.RetriableException)) {
                        throw new IllegalStateException("cannot describe topic " + name + ": " + c.getMessage(), c);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(notOurs.contains(name)
                                ? "topic " + name + " does not exist, and this principal may not create it: create it"
                                        + " (docs/security.md \"ACLs\") or grant CREATE on it"
                                : "cannot describe topic " + name + ": " + c.getMessage(), c);
                    }
                    retry.add(name);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while describing topics", e);
                }
            }
            if (retry.isEmpty()) return found;
            pending = retry;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing topics", e);
            }
        }
    }
}
