package org.medassist.engine.ledger;

import java.util.ArrayList;
import java.util.List;
import org.medassist.engine.model.MonitoringAlert;

/** What the fold computed for one entry: its current amounts, or why it is parked. */
public final class Computation {
    public String tier;
    public String identity;
    public long eligible;
    public long assistance;
    public long tilt;
    public long remaining;
    public long localFinanceRelief;
    public long hospitalBorne;
    public String parkedReason;
    public final List<String> explanation = new ArrayList<>(8);
    public final List<String> kpiFlags = new ArrayList<>(1);
    public final List<MonitoringAlert> alerts = new ArrayList<>(1);

    public static Computation parked(String reason) {
        Computation c = new Computation();
        c.parkedReason = reason;
        c.explanation.add("parked: " + reason);
        return c;
    }

    public boolean isParked() { return parkedReason != null; }

    public Computation line(String text) {
        explanation.add(text);
        return this;
    }
}
