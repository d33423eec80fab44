package org.medassist.kit.streams;

import java.util.Map;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a person's records must be: the partition Kafka's Java default partitioner gives the personId (murmur2 of its
 * UTF-8 bytes), which is where the services' own producers and Streams put every record of that person. A record on
 * another partition would be read by another task with another copy of the person's state (a second ledger), so it
 * is refused whole, before anything changes (docs/reliability.md, "What each fault does"). Clients built on librdkafka
 * must set {@code partitioner=murmur2_random} (docs/clients.md).
 *
 * <p>The count comes from the Streams configuration ({@link #CONFIG}, set by {@link ManagedStreams} from
 * {@code medassist.kafka.person-partitions}); without it (a topology test) every partition is accepted.
 */
public final class PersonPartitions {
    /** The Streams configuration key that carries the person-keyed topics' partition count to the processors. */
    public static final String CONFIG = "medassist.person-partitions";

    private final int count;

    private PersonPartitions(int count) { this.count = count; }

    /** From a processor's {@code context.appConfigs()}. */
    public static PersonPartitions of(Map<String, Object> appConfigs) {
        Object v = appConfigs.get(CONFIG);
        return new PersonPartitions(v == null ? 0 : Integer.parseInt(v.toString()));
    }

    /** The partition of a person-keyed record with this key. */
    public static int of(byte[] key, int count) { return Utils.toPositive(Utils.murmur2(key)) % count; }

    /** Why a record with this key does not belong on this partition, or null. */
    public String problem(byte[] key, int partition) {
        if (count <= 0 || key == null) return null;
        int expected = of(key, count);
        if (expected == partition) return null;
        return "the record is on partition " + partition + " but its key belongs on partition " + expected
                + " (Kafka's default partitioner, murmur2 of the key's bytes): on another partition it would open a"
                + " second ledger; librdkafka-based clients must set partitioner=murmur2_random (docs/clients.md)";
    }
}
