package org.medassist.faults;

import java.util.List;

/**
 * What hands the event file to the services, in file order, while the faults strike: straight to Kafka
 * ({@link Publisher}, as a producer writing to the input topics would) or over the services' HTTP API
 * ({@link HttpPublisher}, as hospitals and departments do). Selected by {@code bin/faults --via}.
 */
interface Feed extends Runnable {

    /** A line the services refused at the door (HTTP 4xx): nothing of it reached Kafka. */
    record Refusal(int line, int status, String reason) {}

    /** Once, before any fault. */
    void warmUp();

    /** The number of the last line handled (0 before the first); a fault strikes once its line is handled. */
    int position();

    boolean done();

    /** Why feeding stopped before the end, or null. */
    Throwable fatal();

    /** Records acknowledged by Kafka, or events accepted over HTTP. */
    long accepted();

    /** The line a record of an input topic came from, or null when it is not known. */
    Integer origin(String topic, int partition, long offset);

    /** Lines refused at the door. */
    List<Refusal> refusals();

    /** What the verdict's notes should say about the feeding: lines sent twice, retries. */
    List<String> notes();

    /** How the lines went in, for the progress output: "handed to Kafka", "accepted over HTTP". */
    String how();
}
