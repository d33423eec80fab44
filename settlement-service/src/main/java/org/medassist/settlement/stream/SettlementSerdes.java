package org.medassist.settlement.stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.medassist.events.Alert;
import org.medassist.events.DeadLetter;
import org.medassist.events.Parameter;
import org.medassist.events.Settlement;

/**
 * The value serdes of the settlement topology: the registry's in production, a registry-free one in topology tests.
 * Inputs are read as raw bytes and deserialized inside the processor, so an unreadable record becomes a dead letter
 * instead of stopping the stream.
 */
public interface SettlementSerdes {
    /** Reads any input event (claims, reversals, applications, year closes, timelines) by its schema. */
    Deserializer<SpecificRecord> input();

    Serde<Parameter> parameters();

    Serde<Settlement> settlements();

    Serde<Alert> alerts();

    Serde<DeadLetter> deadLetters();
}
