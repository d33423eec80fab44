package org.medassist.embeddedkafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a broker and the registry until Ctrl-C (or SIGTERM):
 * {@code java -cp ... org.medassist.embeddedkafka.LocalKafkaMain [dataDir] [kafkaPort] [registryPort|none] [controllerPort]}.
 * With a data directory, the broker's log ({@code dataDir/kafka}) and the registry's H2 file
 * ({@code dataDir/registry}) survive restarts. {@code none} as the registry port runs the broker alone, for a caller
 * that runs the registry as a process of its own (the fault harness restarts the broker but not the registry). Ports
 * left out or 0 are free ports the system picks.
 */
public final class LocalKafkaMain {

    private LocalKafkaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = args.length > 0 ? Path.of(args[0]) : null;
        int kafkaPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        boolean withRegistry = args.length <= 2 || !args[2].equals("none");
        int registryPort = withRegistry && args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int controllerPort = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        EmbeddedKafkaBroker.Builder kb = EmbeddedKafkaBroker.builder().port(kafkaPort).controllerPort(controllerPort);
        EmbeddedRegistry.Builder rb = EmbeddedRegistry.builder().port(registryPort);
        if (dataDir != null) {
            kb.dataDir(dataDir.resolve("kafka"));
            rb.dataDir(dataDir.resolve("registry")).logFile(dataDir.resolve("registry.log"));
        }
        if (!withRegistry) {
            try (EmbeddedKafkaBroker broker = kb.start()) {
                System.out.println("bootstrap.servers=" + broker.bootstrapServers());
                awaitShutdown();
            }
            return;
        }
        try (EmbeddedKafkaBroker broker = kb.start(); EmbeddedRegistry registry = rb.start()) {
            System.out.println("bootstrap.servers=" + broker.bootstrapServers());
            System.out.println("apicurio.registry.url=" + registry.registryUrl());
            System.out.println("schema.registry.url=" + registry.ccompatUrl());
            awaitShutdown();
        }
    }

    private static void awaitShutdown() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
    }
}
