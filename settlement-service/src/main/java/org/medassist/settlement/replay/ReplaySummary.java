package org.medassist.settlement.replay;

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
    private final long[] byStatus = new long[ResultStatus.values().length];
    /** Assistance and tilt by region, then year: {year, assistance, tilt} triples, found by a scan. */
    private final Map<String, long[][]> moneyByRegion = new java.util.HashMap<>();
    private long alerts;

    ReplaySummary(EngineOutput next) { this.next = next; }

    @Override
    public void settlement(SettlementResult s) {
        byStatus[s.status().ordinal()]++;
        if (s.status() != ResultStatus.REJECTED && s.status() != ResultStatus.PARKED) {
            long[] m = sums(s.region(), s.year());
            m[1] += s.assistance();
            m[2] += s.tilt();
        }
        next.settlement(s);
    }

    private long[] sums(String region, int year) {
        long[][] years = moneyByRegion.get(region);
        if (years != null) {
            for (long[] m : years) if (m[0] == year) return m;
        }
        long[] m = {year, 0, 0};
        long[][] more = years == null ? new long[1][] : java.util.Arrays.copyOf(years, years.length + 1);
        more[more.length - 1] = m;
        moneyByRegion.put(region, more);
        return m;
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
            sb.append(' ').append(st.symbol()).append(' ').append(String.format("%,d", byStatus[st.ordinal()]));
        }
        sb.append(String.format("%n  alerts: %,d%n", alerts));
        sb.append("  paid by region and year (assistance | tilt | total):\n");
        Map<String, long[]> moneyByRegionYear = new TreeMap<>(); // "region year", as the lines are sorted
        moneyByRegion.forEach((region, years) -> {
            for (long[] m : years) moneyByRegionYear.put(region + " " + m[0], new long[] {m[1], m[2]});
        });
        if (moneyByRegionYear.isEmpty()) sb.append("    (nothing paid)\n");
        for (Map.Entry<String, long[]> e : moneyByRegionYear.entrySet()) {
            long[] m = e.getValue();
            sb.append(String.format("    %-20s %16s | %14s | %16s%n", e.getKey(), Money.format(m[0]), Money.format(m[1]),
                    Money.format(m[0] + m[1])));
        }
        return sb.toString();
    }

    long count(ResultStatus status) { return byStatus[status.ordinal()]; }
}
