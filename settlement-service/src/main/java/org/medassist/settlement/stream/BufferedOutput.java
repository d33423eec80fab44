package org.medassist.settlement.stream;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.model.Alert;
import org.medassist.engine.model.Settlement;
import org.medassist.settlement.wire.EngineEvents;

/** Collects one input record's outputs, so nothing is forwarded when processing that record fails halfway. */
final class BufferedOutput implements EngineOutput {
    final List<String> keys = new ArrayList<>();
    final List<SpecificRecord> values = new ArrayList<>();

    @Override
    public void settlement(Settlement s) {
        keys.add(s.personId());
        values.add(EngineEvents.toAvro(s));
    }

    @Override
    public void alert(Alert a) {
        keys.add(a.personId());
        values.add(EngineEvents.toAvro(a));
    }

    void clear() {
        keys.clear();
        values.clear();
    }
}
