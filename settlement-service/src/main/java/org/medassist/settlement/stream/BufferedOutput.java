package org.medassist.settlement.stream;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.SettlementResult;
import org.medassist.settlement.avro.AvroMapping;

/** Collects one input record's outputs, so nothing is forwarded when processing that record fails halfway. */
final class BufferedOutput implements EngineOutput {
    final List<String> keys = new ArrayList<>();
    final List<SpecificRecord> values = new ArrayList<>();

    @Override
    public void settlement(SettlementResult s) {
        keys.add(s.personId());
        values.add(AvroMapping.toAvro(s));
    }

    @Override
    public void alert(MonitoringAlert a) {
        keys.add(a.personId());
        values.add(AvroMapping.toAvro(a));
    }

    void clear() {
        keys.clear();
        values.clear();
    }
}
