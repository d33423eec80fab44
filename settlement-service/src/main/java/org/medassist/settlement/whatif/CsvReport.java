package org.medassist.settlement.whatif;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medassist.engine.money.Money;
import org.medassist.settlement.whatif.WhatIfReport.AlertChange;
import org.medassist.settlement.whatif.WhatIfReport.AlertRow;
import org.medassist.settlement.whatif.WhatIfReport.BurdenGroup;
import org.medassist.settlement.whatif.WhatIfReport.PersonRow;
import org.medassist.settlement.whatif.WhatIfReport.Row;

/**
 * One CSV file per table of the report (RFC 4180, UTF-8, money in yuan with two decimals as the contract writes it),
 * for a spreadsheet. The file names are listed in docs/whatif.md.
 */
public final class CsvReport {
    private CsvReport() {}

    /** Writes every table into {@code dir}; returns the files written. */
    public static List<Path> write(WhatIfReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        out.add(file(dir, "policy_changes.csv", policyChanges(r)));
        out.add(file(dir, "fund.csv", fund(r)));
        out.add(file(dir, "by_city.csv", rows(r.byCity())));
        out.add(file(dir, "by_tier.csv", rows(r.byTier())));
        out.add(file(dir, "by_class.csv", rows(r.byClass())));
        out.add(file(dir, "by_month.csv", rows(r.byMonth())));
        out.add(file(dir, "persons.csv", persons(r)));
        out.add(file(dir, "burden_percentiles.csv", percentiles(r)));
        out.add(file(dir, "burden_tenths.csv", tenths(r)));
        out.add(file(dir, "alerts.csv", alerts(r)));
        out.add(file(dir, "alerts_changed.csv", alertChanges(r)));
        return out;
    }

    private static Path file(Path dir, String name, List<List<String>> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) sb.append(',');
                sb.append(cell(row.get(i)));
            }
            sb.append("\r\n");
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb, StandardCharsets.UTF_8);
        return p;
    }

    static String cell(String v) {
        if (v == null) return "";
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) return v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    private static String y(long fen) { return Money.format(fen); }

    static List<List<String>> policyChanges(WhatIfReport r) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("region", "rule", "clause", "quote", "baseline_rule", "changed_rule", "path", "before", "after"));
        for (PolicyDiff.RuleChange c : r.policyChanges()) {
            for (PolicyDiff.Change ch : c.changes()) {
                out.add(List.of(c.region(), c.rule(), c.clause(), c.quote(), String.valueOf(c.baseRule()), String.valueOf(c.changedRule()),
                        ch.path(), ch.before(), ch.after()));
            }
        }
        return out;
    }

    static List<List<String>> fund(WhatIfReport r) {
        var t = r.totals();
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("measure", "baseline", "changed", "difference"));
        out.add(List.of("assistance", y(t.baseAssistance()), y(t.changedAssistance()), y(t.changedAssistance() - t.baseAssistance())));
        out.add(List.of("tilt", y(t.baseTilt()), y(t.changedTilt()), y(t.changedTilt() - t.baseTilt())));
        out.add(List.of("total", y(t.basePaid()), y(t.changedPaid()), y(t.difference())));
        out.add(List.of("person_years", String.valueOf(t.personYears()), String.valueOf(t.personYears()), "0"));
        out.add(List.of("person_years_paid", String.valueOf(t.basePaidPersonYears()), String.valueOf(t.changedPaidPersonYears()),
                String.valueOf(t.changedPaidPersonYears() - t.basePaidPersonYears())));
        return out;
    }

    static List<List<String>> rows(List<Row> rows) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("key", "region", "label", "baseline_assistance", "baseline_tilt", "baseline_total", "changed_assistance",
                "changed_tilt", "changed_total", "difference", "baseline_claims_settled", "changed_claims_settled"));
        for (Row row : rows) {
            out.add(List.of(row.key(), row.region(), row.label(), y(row.baseAssistance()), y(row.baseTilt()), y(row.basePaid()),
                    y(row.changedAssistance()), y(row.changedTilt()), y(row.changedPaid()), y(row.difference()),
                    String.valueOf(row.baseClaims()), String.valueOf(row.changedClaims())));
        }
        return out;
    }

    static List<List<String>> persons(WhatIfReport r) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("direction", "person", "region", "year", "baseline_tier", "changed_tier", "baseline_paid", "changed_paid",
                "difference", "baseline_burden", "changed_burden"));
        for (PersonRow p : r.persons().topGains()) out.add(person("gain", p));
        for (PersonRow p : r.persons().topLosses()) out.add(person("loss", p));
        return out;
    }

    private static List<String> person(String direction, PersonRow p) {
        return List.of(direction, p.person(), p.region(), String.valueOf(p.year()), p.baseTier(), p.changedTier(), y(p.basePaid()),
                y(p.changedPaid()), y(p.difference()), y(p.baseBurden()), y(p.changedBurden()));
    }

    static List<List<String>> percentiles(WhatIfReport r) {
        var b = r.burden();
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("percentile", "baseline", "changed", "difference"));
        for (int d = 0; d < 9; d++) {
            out.add(List.of("p" + (d + 1) * 10, y(b.baseQuantiles()[d]), y(b.changedQuantiles()[d]), y(b.changedQuantiles()[d] - b.baseQuantiles()[d])));
        }
        out.add(List.of("max", y(b.baseQuantiles()[9]), y(b.changedQuantiles()[9]), y(b.changedQuantiles()[9] - b.baseQuantiles()[9])));
        out.add(List.of("mean", y(b.baseMean()), y(b.changedMean()), y(b.changedMean() - b.baseMean())));
        return out;
    }

    static List<List<String>> tenths(WhatIfReport r) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("tenth_of_baseline_burden", "person_years", "burden_from", "burden_to", "baseline_mean", "changed_mean",
                "burden_lowered_total", "person_years_lowered"));
        for (BurdenGroup g : r.burden().groups()) {
            out.add(List.of(String.valueOf(g.decile()), String.valueOf(g.personYears()), y(g.fromBurden()), y(g.toBurden()),
                    y(g.baseMean()), y(g.changedMean()), y(g.gained()), String.valueOf(g.gainers())));
        }
        return out;
    }

    static List<List<String>> alerts(WhatIfReport r) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("region", "rule", "measure", "clause", "baseline_fired", "changed_fired", "no_longer_fire", "new"));
        for (AlertRow a : r.alerts()) {
            out.add(List.of(a.region(), a.rule(), a.measure(), a.clause(), String.valueOf(a.baseFired()), String.valueOf(a.changedFired()),
                    String.valueOf(a.stopped()), String.valueOf(a.started())));
        }
        return out;
    }

    static List<List<String>> alertChanges(WhatIfReport r) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("person", "region", "year", "rule", "change"));
        for (AlertChange a : r.alertChanges()) {
            out.add(List.of(a.person(), a.region(), String.valueOf(a.year()), a.rule(), a.stopped() ? "no_longer_fires" : "new"));
        }
        return out;
    }
}
