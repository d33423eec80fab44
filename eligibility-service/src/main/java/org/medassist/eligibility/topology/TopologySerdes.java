package org.medassist.eligibility.topology;

import org.apache.kafka.common.serialization.Serde;
import org.medassist.events.DeadLetter;
import org.medassist.events.IdentityEvent;
import org.medassist.events.PersonEligibility;
import org.medassist.schemas.kafka.AvroSerdes;

/**
 * The value serdes of the eligibility topology: identity events read, timelines stored and published, dead letters.
 * In service: the registry's ({@link #registry}), and input values must then be in the Confluent wire format (magic
 * byte 0, 4-byte schema id); in {@code TopologyTestDriver} tests: plain Avro binary ({@link #plain}).
 */
public record TopologySerdes(Serde<IdentityEvent> identityEvents, Serde<PersonEligibility> personEligibility,
                             Serde<DeadLetter> deadLetters, boolean confluentWireFormat) {

    public static TopologySerdes registry(AvroSerdes avro) {
        return new TopologySerdes(avro.value(IdentityEvent.class), avro.value(PersonEligibility.class),
                avro.value(DeadLetter.class), true);
    }

    public static TopologySerdes plain(Serde<IdentityEvent> identityEvents, Serde<PersonEligibility> personEligibility,
                                       Serde<DeadLetter> deadLetters) {
        return new TopologySerdes(identityEvents, personEligibility, deadLetters, false);
    }
}
