package org.medassist.kit.kafka;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Creates the topics at start-up ({@code Topics.ensure}, explicit partition counts), before the HTTP server and the
 * Streams application start. A failure stops the start-up with the broker's message.
 */
@Singleton
public class TopicSetup {
    private final KafkaClients clients;

    public TopicSetup(KafkaClients clients) {
        this.clients = clients;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        clients.ensureTopics();
    }
}
