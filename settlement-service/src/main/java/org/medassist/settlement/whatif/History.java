package org.medassist.settlement.whatif;

import java.io.IOException;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * The recorded history a what-if replays: a JSON Lines event file ({@link JsonLinesHistory}) or the input topics read
 * from the beginning ({@link KafkaHistory}). Either hands every input event, in its order, to the sink.
 */
public interface History {
    /** What is read, for the report: the file, or the cluster and topics. */
    String describe();

    /** Reads the whole history into {@code sink}; returns what was read. */
    Counts read(Scope scope, Consumer<SpecificRecord> sink, Progress progress) throws IOException;

    /**
     * @param events  input events handed to the sink
     * @param skipped    lines or records not handed on: malformed or unreadable, or not an input event
     * @param outOfScope valid input events of another region or year than the scope's
     */
    record Counts(long events, long skipped, long outOfScope) {}
}
