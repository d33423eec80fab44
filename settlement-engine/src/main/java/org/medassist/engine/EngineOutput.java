package org.medassist.engine;

import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.SettlementResult;

/** Where the engine publishes what it decides. */
public interface EngineOutput {
    void settlement(SettlementResult settlement);

    void alert(MonitoringAlert alert);
}
