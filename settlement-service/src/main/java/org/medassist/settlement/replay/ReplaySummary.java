package org.medassist.settlement.replay;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.model.ResultStatus;
import org.medassist.engine.money.Money;

/** Counts what a replay published, for the summary on stderr: events by status, money by region and year. */
final class ReplaySummary implements EngineOutput {
    private final EngineOutput next;
    private final Map<ResultStatus, Long> byStatus = new EnumMap<>(ResultStatus.class);
    private final Map<String, long[]> moneyByRegionYear = new TreeMap<>();
    private long alerts;

    ReplaySummary(EngineOutput next) { this.next = next; }

    @Override
    public void settlement(SettlementResult s) {
        byStatus.merge(s.status(), 1L, Long::sum);
        if (s.status() != ResultStatus.REJECTED && s.status() != ResultStatus.PARKED) {
            long[] m = moneyByRegionYear.computeIfAbsent(s.region() + " " + s.year(), k -> new long[2]);
            m[0] += s.assistance();
            m[1] += s.tilt();
        }
        next.settlement(s);
    }

    @Override
    public void alert(MonitoringAlert a) {
        alerts++;
        next.alert(a);
    }

    String render(long lines, long malformed, long failed, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("settle replay: %,d lines in %.1f s; %,d malformed or invalid", lines, seconds, malformed));
        if (failed > 0) sb.append(String.format(", %,d FAILED (see messages above)", failed));
        sb.append("\n  settlement events:");
        for (ResultStatus st : ResultStatus.values()) {
            sb.append(' ').append(st.symbol()).append(' ').append(String.format("%,d", byStatus.getOrDefault(st, 0L)));
        }
        sb.append(String.format("%n  alerts: %,d%n", alerts));
        sb.append("  paid by region and year (assistance | tilt | total):\n");
        if (moneyByRegionYear.isEmpty()) sb.append("    (nothing paid)\n");
        for (Map.Entry<String, long[]> e : moneyByRegionYear.entrySet()) {
            long[] m = e.getValue();
            sb.append(String.format("    %-20s %16s | %14s | %16s%n", e.getKey(), Money.format(m[0]), Money.format(m[1]),
                    Money.format(m[0] + m[1])));
        }
        return sb.toString();
    }

    long count(ResultStatus status) { return byStatus.getOrDefault(status, 0L); }
}
