package org.medassist.engine;

import org.medassist.engine.model.Alert;
import org.medassist.engine.model.Settlement;

/** Where the engine publishes what it decides. */
public interface EngineOutput {
    void settlement(Settlement settlement);

    void alert(Alert alert);
}
