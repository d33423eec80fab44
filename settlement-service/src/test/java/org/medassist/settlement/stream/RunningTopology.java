package org.medassist.settlement.stream;

import java.nio.file.Files;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.schemas.kafka.Topics;

/** The settlement topology running exactly-once on the test broker and registry, from empty topics. */
final class RunningTopology {
    private RunningTopology() {}

    static KafkaStreams start(KafkaTestEnvironment.Environment env, int partitions, String name) throws Exception {
        return start(env, partitions, name, PolicyLoader.bundled());
    }

    /** The topology settling with {@code catalog}, such as one with an operator's directory of policies. */
    static KafkaStreams start(KafkaTestEnvironment.Environment env, int partitions, String name, PolicyCatalog catalog) throws Exception {
        env.deleteAllTopics(); // the broker is shared by this JVM's tests: start from empty topics
        try (Admin admin = Admin.create(env.clientProperties())) {
            Topics.ensure(admin, partitions, (short) 1);
        }
        Properties props = new Properties();
        props.putAll(env.clientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, name + "-" + System.nanoTime());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(name).toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        KafkaStreams streams = new KafkaStreams(SettlementTopology.build(catalog, org.medassist.schemas.kafka.TopicSerdes.registry(new org.medassist.schemas.kafka.AvroSerdes(env.registryUrl()))), props);
        streams.start();
        return streams;
    }
}
