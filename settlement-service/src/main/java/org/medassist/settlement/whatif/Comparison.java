package org.medassist.settlement.whatif;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Function;
import org.medassist.engine.policy.AlertRule;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.Tier;
import org.medassist.settlement.whatif.PolicyRun.Item;
import org.medassist.settlement.whatif.PolicyRun.YearFacts;
import org.medassist.settlement.whatif.WhatIfReport.AlertChange;
import org.medassist.settlement.whatif.WhatIfReport.AlertRow;
import org.medassist.settlement.whatif.WhatIfReport.Burden;
import org.medassist.settlement.whatif.WhatIfReport.BurdenGroup;
import org.medassist.settlement.whatif.WhatIfReport.PersonRow;
import org.medassist.settlement.whatif.WhatIfReport.Persons;
import org.medassist.settlement.whatif.WhatIfReport.Row;
import org.medassist.settlement.whatif.WhatIfReport.Totals;

/**
 * Person-year by person-year, the two sides' final amounts, folded into what the report shows (docs/whatif.md). Only
 * aggregates are kept: sums per table row, the top gains and losses, one pair of burdens per person-year (for the
 * deciles), and a bounded list of changed alerts.
 */
final class Comparison {
    private final PolicyCatalog base;
    private final PolicyCatalog changed;
    private final int top;
    private final int maxAlertChanges;
    private final Function<String, String> name;

    private final Map<String, long[]> city = new TreeMap<>();
    private final Map<String, long[]> tier = new TreeMap<>();
    private final Map<String, long[]> cls = new TreeMap<>();
    private final Map<String, long[]> month = new TreeMap<>();
    private final Map<String, long[]> alerts = new TreeMap<>();
    private final long[] totals = new long[4];
    private long personYears;
    private long basePaidPersonYears;
    private long changedPaidPersonYears;
    private long affected;
    private long gainers;
    private long gained;
    private long losers;
    private long lost;
    private final PriorityQueue<PersonRow> topGains = new PriorityQueue<>(Comparator.comparingLong(PersonRow::difference));
    private final PriorityQueue<PersonRow> topLosses = new PriorityQueue<>(Comparator.comparingLong(PersonRow::difference).reversed());
    private long[] baseBurden = new long[1 << 12];
    private long[] changedBurden = new long[1 << 12];
    private final List<AlertChange> alertChanges = new ArrayList<>();
    private long alertChangesTotal;

    // the columns of a table row
    private static final int BASE_A = 0, BASE_T = 1, CHG_A = 2, CHG_T = 3, BASE_N = 4, CHG_N = 5;

    Comparison(PolicyCatalog base, PolicyCatalog changed, int top, int maxAlertChanges, Function<String, String> name) {
        this.base = base;
        this.changed = changed;
        this.top = top;
        this.maxAlertChanges = maxAlertChanges;
        this.name = name;
    }

    /** One person-year: its facts on each side (null when the side has no such person-year). */
    void add(String personId, YearFacts b, YearFacts c) {
        YearFacts any = b != null ? b : c;
        String region = any.region();
        int year = any.year();
        long bPaid = b == null ? 0 : b.paid();
        long cPaid = c == null ? 0 : c.paid();
        if (personYears == baseBurden.length) {
            baseBurden = Arrays.copyOf(baseBurden, personYears * 2 > Integer.MAX_VALUE - 8 ? Integer.MAX_VALUE - 8 : (int) personYears * 2);
            changedBurden = Arrays.copyOf(changedBurden, baseBurden.length);
        }
        baseBurden[(int) personYears] = b == null ? 0 : b.burden();
        changedBurden[(int) personYears] = c == null ? 0 : c.burden();
        personYears++;
        if (bPaid != 0) basePaidPersonYears++;
        if (cPaid != 0) changedPaidPersonYears++;

        long[] t = row(city, region);
        if (b != null) {
            totals[BASE_A] += b.assistance();
            totals[BASE_T] += b.tilt();
            items(b.items(), region, BASE_A);
        }
        if (c != null) {
            totals[CHG_A] += c.assistance();
            totals[CHG_T] += c.tilt();
            items(c.items(), region, CHG_A);
        }
        if (b != null) { t[BASE_A] += b.assistance(); t[BASE_T] += b.tilt(); }
        if (c != null) { t[CHG_A] += c.assistance(); t[CHG_T] += c.tilt(); }
        countClaims(t, b, BASE_N);
        countClaims(t, c, CHG_N);

        long diff = cPaid - bPaid;
        if (diff != 0) {
            affected++;
            if (diff > 0) {
                gainers++;
                gained += diff;
            } else {
                losers++;
                lost -= diff;
            }
            PersonRow row = new PersonRow(name.apply(personId), region, year, b == null ? PolicyRun.NO_TIER : b.tier(),
                    c == null ? PolicyRun.NO_TIER : c.tier(), bPaid, cPaid, b == null ? 0 : b.burden(), c == null ? 0 : c.burden());
            keep(diff > 0 ? topGains : topLosses, row);
        }
        alerts(personId, region, year, b == null ? 0 : b.alertsFired(), c == null ? 0 : c.alertsFired());
    }

    private static void countClaims(long[] row, YearFacts f, int column) {
        if (f == null) return;
        for (Item i : f.items()) if (i.claim()) row[column]++;
    }

    private void items(List<Item> items, String region, int side) {
        for (Item i : items) {
            add(row(tier, region + "\u0000" + i.tier()), side, i);
            add(row(cls, region + "\u0000" + i.claimClass()), side, i);
            add(row(month, i.month()), side, i);
        }
    }

    private static void add(long[] row, int side, Item i) {
        row[side] += i.assistance();
        row[side + 1] += i.tilt();
        if (i.claim()) row[side == BASE_A ? BASE_N : CHG_N]++;
    }

    private static long[] row(Map<String, long[]> table, String key) { return table.computeIfAbsent(key, k -> new long[6]); }

    private void keep(PriorityQueue<PersonRow> q, PersonRow row) {
        if (top <= 0) return;
        q.add(row);
        if (q.size() > top) q.poll();
    }

    private void alerts(String personId, String region, int year, long baseFired, long changedFired) {
        List<AlertRule> b = rules(base, region);
        List<AlertRule> c = rules(changed, region);
        Map<String, Boolean> bf = new TreeMap<>();
        Map<String, Boolean> cf = new TreeMap<>();
        for (int i = 0; i < b.size(); i++) bf.put(b.get(i).key(), (baseFired & (1L << i)) != 0);
        for (int i = 0; i < c.size(); i++) cf.put(c.get(i).key(), (changedFired & (1L << i)) != 0);
        for (String rule : union(bf, cf)) {
            boolean was = bf.getOrDefault(rule, false);
            boolean is = cf.getOrDefault(rule, false);
            long[] a = row(alerts, region + "\u0000" + rule);
            if (was) a[0]++;
            if (is) a[1]++;
            if (was != is) {
                a[was ? 2 : 3]++;
                alertChangesTotal++;
                if (alertChanges.size() < maxAlertChanges) alertChanges.add(new AlertChange(name.apply(personId), region, year, rule, was));
            }
        }
    }

    private static List<String> union(Map<String, Boolean> a, Map<String, Boolean> b) {
        TreeMap<String, Boolean> m = new TreeMap<>(a);
        m.putAll(b);
        return new ArrayList<>(m.keySet());
    }

    private static List<AlertRule> rules(PolicyCatalog catalog, String region) {
        RegionPolicy p = catalog.get(region);
        return p == null ? List.of() : p.alerts();
    }

    // ------------------------------------------------------------------------------------------------------- results

    Totals totals() {
        return new Totals(totals[BASE_A], totals[BASE_T], totals[CHG_A], totals[CHG_T], personYears, basePaidPersonYears,
                changedPaidPersonYears);
    }

    List<Row> byCity() {
        List<Row> out = new ArrayList<>();
        for (var e : city.entrySet()) out.add(row(e.getKey(), e.getKey(), cityName(e.getKey()), e.getValue()));
        return out;
    }

    List<Row> byTier() {
        List<Row> out = new ArrayList<>();
        for (var e : tier.entrySet()) {
            String[] k = e.getKey().split("\u0000", 2);
            out.add(row(k[0] + " " + k[1], k[0], tierLabel(k[0], k[1]), e.getValue()));
        }
        return out;
    }

    List<Row> byClass() {
        List<Row> out = new ArrayList<>();
        for (var e : cls.entrySet()) {
            String[] k = e.getKey().split("\u0000", 2);
            out.add(row(k[0] + " " + k[1], k[0], k[1], e.getValue()));
        }
        return out;
    }

    List<Row> byMonth() {
        List<Row> out = new ArrayList<>();
        for (var e : month.entrySet()) out.add(row(e.getKey(), "", e.getKey(), e.getValue()));
        return out;
    }

    private static Row row(String key, String region, String label, long[] v) {
        return new Row(key, region, label, v[BASE_A], v[BASE_T], v[CHG_A], v[CHG_T], v[BASE_N], v[CHG_N]);
    }

    private String cityName(String region) {
        RegionPolicy p = base.get(region) != null ? base.get(region) : changed.get(region);
        return p == null ? region : p.name();
    }

    private String tierLabel(String region, String key) {
        for (PolicyCatalog catalog : List.of(changed, base)) {
            RegionPolicy p = catalog.get(region);
            if (p == null) continue;
            for (Tier t : p.tiers()) if (t.key().equals(key)) return t.label() == null ? key : key + " " + t.label();
        }
        return key;
    }

    Persons persons() {
        List<PersonRow> gains = new ArrayList<>(topGains);
        gains.sort(Comparator.comparingLong(PersonRow::difference).reversed().thenComparing(PersonRow::person));
        List<PersonRow> losses = new ArrayList<>(topLosses);
        losses.sort(Comparator.comparingLong(PersonRow::difference).thenComparing(PersonRow::person));
        return new Persons(personYears, affected, gainers, gained, losers, lost, List.copyOf(gains), List.copyOf(losses));
    }

    Burden burden() {
        int n = (int) personYears;
        long[] b = Arrays.copyOf(baseBurden, n);
        long[] c = Arrays.copyOf(changedBurden, n);
        // tenths by baseline burden: sort the person-years by it, keeping each one's changed burden beside it
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingLong(i -> b[i]));
        List<BurdenGroup> groups = new ArrayList<>();
        for (int d = 0; d < 10 && n > 0; d++) {
            int from = (int) ((long) n * d / 10);
            int to = (int) ((long) n * (d + 1) / 10);
            if (to <= from) continue;
            long sumB = 0, sumC = 0, gain = 0, gainersInGroup = 0;
            for (int k = from; k < to; k++) {
                int i = order[k];
                sumB += b[i];
                sumC += c[i];
                long g = b[i] - c[i]; // a lower burden is a gain for the person
                if (g > 0) {
                    gain += g;
                    gainersInGroup++;
                }
            }
            int count = to - from;
            groups.add(new BurdenGroup(d + 1, count, b[order[from]], b[order[to - 1]], Math.round(sumB / (double) count),
                    Math.round(sumC / (double) count), gain, gainersInGroup));
        }
        long[] sortedB = b.clone();
        long[] sortedC = c.clone();
        Arrays.sort(sortedB);
        Arrays.sort(sortedC);
        return new Burden(quantiles(sortedB), quantiles(sortedC), mean(sortedB), mean(sortedC), List.copyOf(groups));
    }

    /** The 10th…90th percentiles (nearest rank) and the maximum. */
    static long[] quantiles(long[] sorted) {
        long[] q = new long[10];
        if (sorted.length == 0) return q;
        for (int d = 1; d <= 9; d++) {
            int rank = (int) Math.ceil(d / 10.0 * sorted.length); // nearest-rank, 1-based
            q[d - 1] = sorted[Math.max(0, rank - 1)];
        }
        q[9] = sorted[sorted.length - 1];
        return q;
    }

    private static long mean(long[] v) {
        if (v.length == 0) return 0;
        double s = 0;
        for (long x : v) s += x;
        return Math.round(s / v.length);
    }

    List<AlertRow> alerts() {
        List<AlertRow> out = new ArrayList<>();
        for (var e : alerts.entrySet()) {
            String[] k = e.getKey().split("\u0000", 2);
            AlertRule rule = find(changed, k[0], k[1]);
            if (rule == null) rule = find(base, k[0], k[1]);
            long[] v = e.getValue();
            out.add(new AlertRow(k[0], k[1], rule == null ? "" : rule.measure().symbol(), rule == null ? "" : rule.source().clause(),
                    v[0], v[1], v[2], v[3]));
        }
        return out;
    }

    private static AlertRule find(PolicyCatalog catalog, String region, String key) {
        for (AlertRule r : rules(catalog, region)) if (r.key().equals(key)) return r;
        return null;
    }

    List<AlertChange> alertChanges() { return List.copyOf(alertChanges); }

    long alertChangesTotal() { return alertChangesTotal; }
}
