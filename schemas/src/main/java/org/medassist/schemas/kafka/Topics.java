package org.medassist.schemas.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Every topic of the system. Person-keyed topics share one partition count so that the settlement topology's
 * inputs are co-partitioned by personId; claims and their reversals share {@link #HOSPITAL_EVENTS} so their order
 * is kept.
 */
public enum Topics {
    IDENTITY_EVENTS("identity-events", Kind.PERSON, false),
    PERSON_ELIGIBILITY("person-eligibility", Kind.PERSON, true),
    HOSPITAL_EVENTS("hospital-events", Kind.PERSON, false),
    APPLICATIONS("applications", Kind.PERSON, false),
    /** Region-wide: every year_close is written to every partition, so each settlement task sees it. */
    YEAR_CLOSES("year-closes", Kind.PERSON, false),
    /** Read as a GlobalKTable, keyed by region|year|name. */
    POLICY_PARAMETERS("policy-parameters", Kind.GLOBAL, true),
    SETTLEMENTS("settlements", Kind.PERSON, false),
    ALERTS("alerts", Kind.PERSON, false),
    DEAD_LETTERS("dead-letters", Kind.PERSON, false);

    enum Kind { PERSON, GLOBAL }

    public static final int DEFAULT_PARTITIONS = 6;

    private final String topicName;
    private final Kind kind;
    private final boolean compacted;

    Topics(String topicName, Kind kind, boolean compacted) {
        this.topicName = topicName;
        this.kind = kind;
        this.compacted = compacted;
    }

    public String topic() { return topicName; }

    public boolean compacted() { return compacted; }

    public int partitions(int personPartitions) { return kind == Kind.GLOBAL ? 1 : personPartitions; }

    /**
     * Creates the missing topics with explicit partition counts and checks that existing person-keyed topics
     * have the expected count (co-partitioning would silently break otherwise).
     */
    public static void ensure(Admin admin, int personPartitions, short replication) {
        List<NewTopic> wanted = new ArrayList<>();
        for (Topics t : values()) {
            NewTopic nt = new NewTopic(t.topicName, t.partitions(personPartitions), replication);
            if (t.compacted) nt.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            wanted.add(nt);
        }
        for (NewTopic nt : wanted) {
            try {
                admin.createTopics(List.of(nt)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw new IllegalStateException("cannot create topic " + nt.name() + ": " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            }
        }
        var described = describeWhenVisible(admin, wanted.stream().map(NewTopic::name).toList());
        for (Topics t : values()) {
            int actual = described.get(t.topicName).partitions().size();
            if (actual != t.partitions(personPartitions)) {
                throw new IllegalStateException("topic " + t.topicName + " has " + actual + " partitions, expected "
                        + t.partitions(personPartitions) + ": person-keyed topics must be co-partitioned");
            }
        }
    }

    /** New topics take a moment to reach every broker's metadata: retry the description for up to 15 s. */
    private static Map<String, org.apache.kafka.clients.admin.TopicDescription> describeWhenVisible(Admin admin, List<String> names) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get();
            } catch (ExecutionException e) {
                boolean retriable = e.getCause() instanceof org.apache.kafka.common.errors.RetriableException;
                if (!retriable || System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot describe topics: " + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing topics", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing topics", e);
            }
        }
    }
}
