package org.medassist.eligibility.topology;

import org.apache.kafka.common.serialization.Serde;
import org.medassist.events.DeadLetter;
import org.medassist.events.IdentityEvent;
import org.medassist.events.OwnershipAnswer;
import org.medassist.events.OwnershipRequest;
import org.medassist.events.PersonEligibility;
import org.medassist.kit.kafka.PlainAvroSerde;
import org.medassist.schemas.kafka.AvroSerdes;

/**
 * The value serdes of the eligibility topology: identity events read, timelines stored and published, dead letters,
 * and the ownership questions and answers about eventIds (E14.16). In service: the registry's ({@link #registry}),
 * and input values must then be in the Confluent wire format (magic byte 0, 4-byte schema id); in
 * {@code TopologyTestDriver} tests: plain Avro binary ({@link #plain}).
 */
public record TopologySerdes(Serde<IdentityEvent> identityEvents, Serde<PersonEligibility> personEligibility,
                             Serde<DeadLetter> deadLetters, Serde<OwnershipRequest> ownershipRequests,
                             Serde<OwnershipAnswer> ownershipAnswers, boolean confluentWireFormat) {

    public static TopologySerdes registry(AvroSerdes avro) {
        return new TopologySerdes(avro.value(IdentityEvent.class), avro.value(PersonEligibility.class),
                avro.value(DeadLetter.class), avro.value(OwnershipRequest.class), avro.value(OwnershipAnswer.class), true);
    }

    public static TopologySerdes plain(Serde<IdentityEvent> identityEvents, Serde<PersonEligibility> personEligibility,
                                       Serde<DeadLetter> deadLetters) {
        return new TopologySerdes(identityEvents, personEligibility, deadLetters, PlainAvroSerde.of(OwnershipRequest.class),
                PlainAvroSerde.of(OwnershipAnswer.class), false);
    }
}
