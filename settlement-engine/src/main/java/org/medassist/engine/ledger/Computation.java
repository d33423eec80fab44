package org.medassist.engine.ledger;

import java.util.ArrayList;
import java.util.List;
import org.medassist.engine.model.Explanation;
import org.medassist.engine.model.MonitoringAlert;

/**
 * What the fold computed for one entry: its current amounts, or why it is parked. A claim's explanation is kept as
 * an {@link Explanation.Source} (the numbers and rule references its lines need) and rendered only when read; other
 * entries add their lines as text.
 */
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
    /** The claim's benefit class as the fold classified it (an index into the region's classes), -1 when not known. */
    public int claimClass = -1;
    private final List<String> lines;
    /** The deferred explanation; null once {@link #published} let it go (see {@link #keepSource}). */
    private Explanation.Source source;
    /**
     * Whether the explanation's figures stay after publication. A replay keeps no ledger to be queried and publishes a
     * computation's explanation once at most, so it lets them go (docs/performance.md, retained memory per claim).
     */
    private final boolean keepSource;
    private List<String> kpiFlags = List.of();
    private List<MonitoringAlert> alerts = List.of();
    private boolean alertsPublished;

    /** A computation whose explanation lines are added as text with {@link #line}. */
    public Computation() {
        this.lines = new ArrayList<>(4);
        this.source = null;
        this.keepSource = true;
    }

    /** A computation whose explanation is rendered from {@code source} when read. */
    public Computation(Explanation.Source source) { this(source, true); }

    /**
     * A computation whose explanation is rendered from {@code source} when read; unless {@code keepSource}, only until
     * it is {@link #published}, after which reading it is an error.
     */
    public Computation(Explanation.Source source, boolean keepSource) {
        this.lines = null;
        this.source = source;
        this.keepSource = keepSource;
    }

    public static Computation parked(String reason) {
        Computation c = new Computation();
        c.parkedReason = reason;
        c.lines.add("parked: " + reason);
        return c;
    }

    public boolean isParked() { return parkedReason != null; }

    public Computation line(String text) {
        lines.add(text);
        return this;
    }

    /** The explanation lines, as an unmodifiable list (a deferred one renders when read). */
    public List<String> explanation() {
        if (source != null) return new Explanation(source);
        if (lines == null) throw new IllegalStateException("the explanation was not kept after it was published");
        return List.copyOf(lines);
    }

    /**
     * Called once the publisher has published what this computation pays (or found nothing new to publish): a
     * computation made not to keep its explanation's figures lets them go here. Its amounts stay.
     */
    public void published() {
        if (!keepSource) source = null;
    }

    /** Whether the explanation can still be read (false only after {@link #published} let it go). */
    public boolean explanationKept() { return source != null || lines != null; }

    public List<String> kpiFlags() { return kpiFlags; }

    public void kpiFlag(String flag) {
        if (kpiFlags.isEmpty()) {
            kpiFlags = List.of(flag);
        } else {
            List<String> more = new ArrayList<>(kpiFlags);
            more.add(flag);
            kpiFlags = List.copyOf(more);
        }
    }

    /** Alerts this computation fired, in rule order (kept: a deferred explanation renders their lines). */
    public List<MonitoringAlert> alerts() { return alerts; }

    public void alert(MonitoringAlert alert) {
        if (alerts.isEmpty()) alerts = new ArrayList<>(2);
        alerts.add(alert);
    }

    /** The alerts to publish now: those fired and not yet published (an alert is published once). */
    public List<MonitoringAlert> takeAlertsToPublish() {
        if (alertsPublished || alerts.isEmpty()) return List.of();
        alertsPublished = true;
        return alerts;
    }
}
