package org.medassist.dashboard.report;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.medassist.engine.money.Money;
import org.medassist.events.Settlement;
import org.medassist.events.SettlementStatus;

/**
 * The fund's money by region and assistance year, summed from the {@code settlements} topic: assistance and tilt
 * by the claim's month, tier and claim class, net of adjustments and reversals (their amounts are deltas, so the sum
 * of every event is what was finally paid: docs/contract.md), with counts, and the events by status. A delta is
 * counted where its own event puts it: a claim whose tier changes shows its adjustment under the new tier.
 * Thread-safe. docs/dashboard-service.md, "Fund report".
 */
@Requires(property = "medassist.dashboard.enabled", notEquals = "false")
@Singleton
public class FundBook {

    /** Money and counts of one cell. */
    public static final class Bucket {
        long assistance;
        long tilt;
        long settled;
        long adjustments;
        long reversed;

        void add(Settlement s) {
            assistance += s.getAssistance();
            tilt += s.getTilt();
            switch (s.getStatus()) {
                case settled -> settled++;
                case adjustment -> adjustments++;
                case reversed -> reversed++;
                default -> { }
            }
        }

        void add(Bucket b) {
            assistance += b.assistance;
            tilt += b.tilt;
            settled += b.settled;
            adjustments += b.adjustments;
            reversed += b.reversed;
        }

        public long assistance() { return assistance; }

        public long tilt() { return tilt; }

        Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("assistance", Money.format(assistance));
            m.put("tilt", Money.format(tilt));
            m.put("paid", Money.format(assistance + tilt));
            m.put("settled", settled);
            m.put("adjustments", adjustments);
            m.put("reversed", reversed);
            return m;
        }
    }

    /** A cell of the cross table: the claim's month ({@code YYYY-MM}), tier and class; each null when there is none. */
    record Row(String month, String tier, String claimClass) {}

    private static final Comparator<String> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());
    private static final Comparator<Row> ROWS = Comparator.comparing(Row::month, NULLS_LAST)
            .thenComparing(Row::tier, NULLS_LAST).thenComparing(Row::claimClass, NULLS_LAST);

    static final class RegionYear {
        final Bucket total = new Bucket();
        final EnumMap<SettlementStatus, Long> statuses = new EnumMap<>(SettlementStatus.class);
        final Map<Row, Bucket> rows = new HashMap<>();

        RegionYear() {
            for (SettlementStatus s : SettlementStatus.values()) statuses.put(s, 0L);
        }
    }

    private final Map<String, Map<Integer, RegionYear>> regions = new TreeMap<>();
    private long events;

    /** One settlement event read from the topic. */
    public synchronized void add(Settlement s) {
        events++;
        if (s.getRegion() == null || s.getRegion().isEmpty() || s.getYear() == 0) return; // a rejection naming neither
        RegionYear ry = regions.computeIfAbsent(s.getRegion(), r -> new TreeMap<>()).computeIfAbsent(s.getYear(), y -> new RegionYear());
        ry.statuses.merge(s.getStatus(), 1L, Long::sum);
        SettlementStatus st = s.getStatus();
        if (st != SettlementStatus.settled && st != SettlementStatus.adjustment && st != SettlementStatus.reversed) return;
        Row row = new Row(s.getClaimDate() == null ? null : YearMonth.from(s.getClaimDate()).toString(), s.getTier(), s.getClaimClass());
        ry.rows.computeIfAbsent(row, r -> new Bucket()).add(s);
        ry.total.add(s);
    }

    /** Settlement events read so far. */
    public synchronized long events() { return events; }

    /** The regions with figures. */
    public synchronized List<String> regions() { return List.copyOf(regions.keySet()); }

    /** The years with figures in any of {@code regions}, latest first. */
    public synchronized List<Integer> years(java.util.function.Predicate<String> regionShown) {
        TreeSet<Integer> years = new TreeSet<>(Comparator.reverseOrder());
        regions.forEach((r, ys) -> { if (regionShown.test(r)) years.addAll(ys.keySet()); });
        return List.copyOf(years);
    }

    /** The fund report of one region-year (docs/dashboard-service.md); empty figures when nothing was read. */
    public synchronized Map<String, Object> report(String region, int year) {
        RegionYear ry = regions.getOrDefault(region, Map.of()).getOrDefault(year, new RegionYear());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("region", region);
        out.put("year", year);
        out.put("total", ry.total.view());
        out.put("statuses", statuses(ry));
        out.put("byMonth", group(ry, Row::month, "month"));
        out.put("byTier", group(ry, Row::tier, "tier"));
        out.put("byClass", group(ry, Row::claimClass, "claimClass"));
        List<Map<String, Object>> rows = new ArrayList<>();
        ry.rows.entrySet().stream().sorted(Map.Entry.comparingByKey(ROWS)).forEach(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("month", e.getKey().month());
            m.put("tier", e.getKey().tier());
            m.put("claimClass", e.getKey().claimClass());
            m.putAll(e.getValue().view());
            rows.add(m);
        });
        out.put("rows", rows);
        return out;
    }

    /** A region-year's totals and statuses, and its months (for the overview). */
    public synchronized Map<String, Object> summary(String region, int year) {
        RegionYear ry = regions.getOrDefault(region, Map.of()).getOrDefault(year, new RegionYear());
        Map<String, Object> out = new LinkedHashMap<>();
        out.putAll(ry.total.view());
        out.put("statuses", statuses(ry));
        out.put("byMonth", group(ry, Row::month, "month"));
        return out;
    }

    private static Map<String, Long> statuses(RegionYear ry) {
        Map<String, Long> m = new LinkedHashMap<>();
        ry.statuses.forEach((k, v) -> m.put(k.name(), v));
        return m;
    }

    private static List<Map<String, Object>> group(RegionYear ry, Function<Row, String> key, String name) {
        TreeMap<String, Bucket> groups = new TreeMap<>(NULLS_LAST);
        ry.rows.forEach((row, b) -> groups.computeIfAbsent(key.apply(row), k -> new Bucket()).add(b));
        List<Map<String, Object>> out = new ArrayList<>();
        groups.forEach((k, b) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(name, k);
            m.putAll(b.view());
            out.add(m);
        });
        return out;
    }

    /** For tests: the net assistance of a region-year. */
    synchronized long assistance(String region, int year) {
        RegionYear ry = regions.getOrDefault(region, Map.of()).get(year);
        return ry == null ? 0 : ry.total.assistance;
    }

    @Override
    public String toString() { return "FundBook[" + Objects.toString(regions.keySet()) + "]"; }
}
