package org.medassist.settlement.stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.medassist.events.Alert;
import org.medassist.events.DeadLetter;
import org.medassist.events.Parameter;
import org.medassist.events.Settlement;
import org.medassist.schemas.kafka.AvroSerdes;

/** Avro in the Confluent wire format through the schema registry (Apicurio's serdes). */
public final class RegistrySerdes implements SettlementSerdes {
    private final AvroSerdes serdes;

    public RegistrySerdes(String registryUrl) { this.serdes = new AvroSerdes(registryUrl); }

    @Override public Deserializer<SpecificRecord> input() { return serdes.mixedValue().deserializer(); }

    @Override public Serde<Parameter> parameters() { return serdes.value(Parameter.class); }

    @Override public Serde<Settlement> settlements() { return serdes.value(Settlement.class); }

    @Override public Serde<Alert> alerts() { return serdes.value(Alert.class); }

    @Override public Serde<DeadLetter> deadLetters() { return serdes.value(DeadLetter.class); }
}
