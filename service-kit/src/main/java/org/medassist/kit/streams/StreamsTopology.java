package org.medassist.kit.streams;

import java.util.Map;
import org.apache.kafka.streams.Topology;

/**
 * A service's Kafka Streams topology. Declare one bean of this type and {@link ManagedStreams} runs it: exactly-once,
 * started when the HTTP server is up, closed with the context, with health and metrics.
 */
public interface StreamsTopology {
    /** Builds the topology; called once, at start. Name every processor and store. */
    Topology topology();

    /** Streams properties this topology needs beyond the kit's and the configuration's (rarely any). */
    default Map<String, Object> properties() { return Map.of(); }
}
