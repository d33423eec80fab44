package org.medassist.settlement.whatif;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.medassist.settlement.whatif.WhatIfReport.AlertChange;
import org.medassist.settlement.whatif.WhatIfReport.AlertRow;
import org.medassist.settlement.whatif.WhatIfReport.BurdenGroup;
import org.medassist.settlement.whatif.WhatIfReport.PersonRow;
import org.medassist.settlement.whatif.WhatIfReport.Row;

/**
 * The what-if report as one self-contained HTML file (docs/whatif.md): headings in Chinese and English, tables, and
 * charts drawn here as inline SVG, so the file needs no script, font or network to be read, printed or mailed.
 */
public final class HtmlReport {
    private static final String BASE_COLOUR = "#8c9bab";
    private static final String CHANGED_COLOUR = "#d9822b";
    private static final String GAIN_COLOUR = "#2e8b57";
    private static final String LOSS_COLOUR = "#c0392b";

    private HtmlReport() {}

    public static String render(WhatIfReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        var m = r.meta();
        var t = r.totals();
        h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n<title>政策模拟报告 What-if report</title>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>").append(CSS).append("</style></head><body>\n");
        h.append("<header><h1>政策模拟报告 <span class=en>What-if report</span></h1>\n<dl class=meta>");
        meta(h, "输入 Input", m.input());
        meta(h, "范围 Scope", m.scope());
        meta(h, "事件 Events", String.format("%,d events, %,d persons%s", m.events(), m.persons(),
                (m.outOfScope() > 0 ? String.format("; %,d outside the scope", m.outOfScope()) : "")
                        + (m.skipped() > 0 ? String.format("; %,d skipped (malformed, unreadable, or not input)", m.skipped()) : "")));
        meta(h, "基线政策 Baseline", m.baseline().policies());
        meta(h, "调整后政策 Changed", m.changed().policies());
        meta(h, "人员标识 Persons", m.personIds());
        meta(h, "用时 Run time", String.format("%.1f s", m.seconds()));
        h.append("</dl>");
        for (WhatIfReport.Side s : List.of(m.baseline(), m.changed())) {
            if (s.failed() > 0) {
                h.append("<p class=warn>").append(esc(String.format("%,d events failed inside the engine on the %s side (first: %s): the figures miss them.",
                        s.failed(), s == m.baseline() ? "baseline" : "changed", s.firstFailure()))).append("</p>");
            }
        }
        h.append("</header>\n");

        // headline numbers
        h.append("<section class=cards>");
        card(h, "基线支出 Baseline fund cost", TextReport.yuan(t.basePaid()) + " 元", "");
        card(h, "调整后支出 Changed fund cost", TextReport.yuan(t.changedPaid()) + " 元", "");
        card(h, "差额 Difference", TextReport.signed(t.difference()) + " 元", TextReport.percent(t.difference(), t.basePaid()),
                t.difference() > 0 ? "up" : t.difference() < 0 ? "down" : "");
        var p = r.persons();
        card(h, "受影响人年 Person-years affected", String.format("%,d", p.affected()), String.format("of %,d; %,d gain, %,d lose", p.personYears(), p.gainers(), p.losers()));
        h.append("</section>\n");

        // the policy change
        h.append("<section><h2>政策变化 <span class=en>The policy change</span></h2>");
        if (r.policyChanges().isEmpty()) {
            h.append("<p>两套政策相同 The two policies are the same: every difference below must be zero.</p>");
        } else {
            h.append("<table><thead><tr><th>城市 Region</th><th>规则 Rule</th><th>条款 Clause</th><th>原文 Quote</th><th>变化 Change</th></tr></thead><tbody>");
            for (PolicyDiff.RuleChange c : r.policyChanges()) {
                h.append("<tr><td>").append(esc(c.region())).append("</td><td><code>").append(esc(c.rule().isEmpty() ? "(policy file)" : c.rule()))
                        .append("</code>");
                if (c.baseRule() != null && c.changedRule() != null && !c.baseRule().equals(c.changedRule())) {
                    h.append("<div class=small>").append(esc(c.baseRule())).append("<br>→ ").append(esc(c.changedRule())).append("</div>");
                }
                h.append("</td><td>").append(esc(c.clause())).append("</td><td class=quote>「").append(esc(c.quote())).append("」</td><td>");
                for (PolicyDiff.Change ch : c.changes()) {
                    h.append("<div><code>").append(esc(ch.path())).append("</code>: <del>").append(esc(ch.before())).append("</del> → <ins>")
                            .append(esc(ch.after())).append("</ins></div>");
                }
                h.append("</td></tr>");
            }
            h.append("</tbody></table>");
        }
        h.append("</section>\n");

        // fund
        h.append("<section><h2>基金支出 <span class=en>Fund cost</span></h2>");
        h.append("<p class=note>救助 = conventional assistance; 倾斜 = tilt, including the end items the contract carries as tilt (Jiangyin's year-end top-up, Fangchenggang's one-time assistance). Other payers (local-finance relief, hospital-borne amounts) are not assistance (E12) and are not counted.</p>");
        h.append("<table class=num><thead><tr><th></th><th>基线 Baseline</th><th>调整后 Changed</th><th>差额 Difference</th><th>%</th></tr></thead><tbody>");
        fundRow(h, "救助 Assistance", t.baseAssistance(), t.changedAssistance());
        fundRow(h, "倾斜 Tilt", t.baseTilt(), t.changedTilt());
        fundRow(h, "合计 Total", t.basePaid(), t.changedPaid());
        h.append("<tr><td>获助人年 Person-years paid</td><td>").append(String.format("%,d", t.basePaidPersonYears())).append("</td><td>")
                .append(String.format("%,d", t.changedPaidPersonYears())).append("</td><td>")
                .append(String.format("%+,d", t.changedPaidPersonYears() - t.basePaidPersonYears())).append("</td><td></td></tr>");
        h.append("</tbody></table></section>\n");

        breakdown(h, "按城市", "By city", r.byCity(), true);
        breakdown(h, "按救助对象类别", "By tier", r.byTier(), false);
        breakdown(h, "按费用类别", "By claim class", r.byClass(), false);
        h.append("<section><h2>按月份 <span class=en>By month</span></h2>");
        h.append("<p class=note>The month of the claim's date (discharge for inpatient care, service date otherwise, E3); applications in the month filed, year-end items in December.</p>");
        List<String> months = new ArrayList<>();
        List<Long> mb = new ArrayList<>();
        List<Long> mc = new ArrayList<>();
        for (Row row : r.byMonth()) {
            months.add(row.label());
            mb.add(row.basePaid());
            mc.add(row.changedPaid());
        }
        h.append(Svg.lines(months, mb, mc, "基线 Baseline", "调整后 Changed"));
        rowsTable(h, r.byMonth());
        h.append("</section>\n");

        // persons
        h.append("<section><h2>受影响人员 <span class=en>Who gains and who loses</span></h2>");
        h.append(String.format("<p>%,d of %,d person-years are paid differently: <b class=gain>%,d gain %s 元</b>, <b class=loss>%,d lose %s 元</b>. Persons are shown as %s.</p>",
                p.affected(), p.personYears(), p.gainers(), TextReport.yuan(p.gained()), p.losers(), TextReport.yuan(p.lost()), esc(m.personIds())));
        personTable(h, "增加最多 Largest gains", p.topGains());
        personTable(h, "减少最多 Largest losses", p.topLosses());
        h.append("</section>\n");

        // burden
        var b = r.burden();
        h.append("<section><h2>个人负担分布 <span class=en>Yearly out-of-pocket burden</span></h2>");
        h.append("<p class=note>Burden = R + out-of-scope costs, per person-year (E13): what the person still pays within the policy scope after insurance and assistance, plus what the catalogue does not cover.</p>");
        List<String> qs = new ArrayList<>();
        List<Long> qb = new ArrayList<>();
        List<Long> qc = new ArrayList<>();
        for (int d = 0; d < 9; d++) {
            qs.add("P" + (d + 1) * 10);
            qb.add(b.baseQuantiles()[d]);
            qc.add(b.changedQuantiles()[d]);
        }
        h.append("<h3>十分位数 <span class=en>Deciles (10th to 90th percentile)</span></h3>");
        h.append(Svg.groupedBars(qs, qb, qc, "基线 Baseline", "调整后 Changed"));
        h.append("<table class=num><thead><tr><th>分位 Percentile</th><th>基线 Baseline</th><th>调整后 Changed</th><th>差额 Difference</th></tr></thead><tbody>");
        for (int d = 0; d < 9; d++) burdenRow(h, "P" + (d + 1) * 10, b.baseQuantiles()[d], b.changedQuantiles()[d]);
        burdenRow(h, "最大 Max", b.baseQuantiles()[9], b.changedQuantiles()[9]);
        burdenRow(h, "平均 Mean", b.baseMean(), b.changedMean());
        h.append("</tbody></table>");
        h.append("<h3>按基线负担十等分 <span class=en>Tenths of the person-years by baseline burden</span></h3>");
        List<String> gl = new ArrayList<>();
        List<Long> gb = new ArrayList<>();
        List<Long> gc = new ArrayList<>();
        for (BurdenGroup g : b.groups()) {
            gl.add(g.decile() + "");
            gb.add(g.baseMean());
            gc.add(g.changedMean());
        }
        h.append(Svg.groupedBars(gl, gb, gc, "平均负担 基线 Mean burden, baseline", "调整后 changed"));
        h.append("<table class=num><thead><tr><th>十分组 Tenth</th><th>人年 Person-years</th><th>基线负担范围 Baseline burden range</th><th>平均 基线 Mean before</th><th>平均 调整后 Mean after</th><th>减轻合计 Lowered by</th><th>减轻人年 Person-years lowered</th></tr></thead><tbody>");
        for (BurdenGroup g : b.groups()) {
            h.append("<tr><td>").append(g.decile()).append("</td><td>").append(String.format("%,d", g.personYears())).append("</td><td>")
                    .append(TextReport.yuan(g.fromBurden())).append(" – ").append(TextReport.yuan(g.toBurden())).append("</td><td>")
                    .append(TextReport.yuan(g.baseMean())).append("</td><td>").append(TextReport.yuan(g.changedMean())).append("</td><td>")
                    .append(TextReport.yuan(g.gained())).append("</td><td>").append(String.format("%,d", g.gainers())).append("</td></tr>");
        }
        h.append("</tbody></table></section>\n");

        // alerts
        h.append("<section><h2>监测预警 <span class=en>Monitoring alerts</span></h2>");
        h.append("<p class=note>Person-years over each monitoring threshold: the policy's alert rule fired for them (E13; an alert, once published, stays published).</p>");
        if (r.alerts().isEmpty()) {
            h.append("<p>No alert rule applies in this scope.</p>");
        } else {
            h.append("<table class=num><thead><tr><th>规则 Rule</th><th>指标 Measure</th><th>条款 Clause</th><th>基线 Baseline</th><th>调整后 Changed</th><th>不再预警 No longer</th><th>新增预警 New</th></tr></thead><tbody>");
            for (AlertRow a : r.alerts()) {
                h.append("<tr><td class=l><code>").append(esc(a.rule())).append("</code></td><td>").append(esc(a.measure())).append("</td><td class=l>")
                        .append(esc(a.clause())).append("</td><td>").append(String.format("%,d", a.baseFired())).append("</td><td>")
                        .append(String.format("%,d", a.changedFired())).append("</td><td class=gain>").append(String.format("%,d", a.stopped()))
                        .append("</td><td class=loss>").append(String.format("%,d", a.started())).append("</td></tr>");
            }
            h.append("</tbody></table>");
            if (!r.alertChanges().isEmpty()) {
                h.append("<details><summary>").append(String.format("%,d changed alerts%s", r.alertChangesTotal(),
                        r.alertChangesTotal() > r.alertChanges().size() ? String.format(" (the first %,d)", r.alertChanges().size()) : ""))
                        .append("</summary><table><thead><tr><th>人员 Person</th><th>城市 Region</th><th>年度 Year</th><th>规则 Rule</th><th>变化 Change</th></tr></thead><tbody>");
                int shown = 0;
                for (AlertChange a : r.alertChanges()) {
                    if (++shown > 500) break;
                    h.append("<tr><td><code>").append(esc(a.person())).append("</code></td><td>").append(esc(a.region())).append("</td><td>")
                            .append(a.year()).append("</td><td><code>").append(esc(a.rule())).append("</code></td><td>")
                            .append(a.stopped() ? "不再预警 no longer fires" : "新增 new").append("</td></tr>");
                }
                h.append("</tbody></table></details>");
            }
        }
        h.append("</section>\n");

        h.append("<footer><p>Settled twice through the same engine (EventRouter, as <code>bin/settle replay</code> and the stream), once per policy; ")
                .append("amounts are the final state of every claim, application and year-end item. Settlement events published: ");
        for (WhatIfReport.Side s : List.of(m.baseline(), m.changed())) {
            h.append(s == m.baseline() ? "baseline " : "; changed ");
            List<String> parts = new ArrayList<>();
            s.settlements().forEach((k, v) -> parts.add(k + " " + String.format("%,d", v)));
            h.append(esc(String.join(", ", parts))).append(String.format(", alerts %,d", s.alerts()));
        }
        h.append(". medassist docs/whatif.md.</p></footer>\n</body></html>\n");
        return h.toString();
    }

    private static void meta(StringBuilder h, String k, String v) {
        h.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd>");
    }

    private static void card(StringBuilder h, String title, String value, String sub) { card(h, title, value, sub, ""); }

    private static void card(StringBuilder h, String title, String value, String sub, String cls) {
        h.append("<div class=\"card ").append(cls).append("\"><div class=t>").append(esc(title)).append("</div><div class=v>").append(esc(value))
                .append("</div><div class=s>").append(esc(sub)).append("</div></div>");
    }

    private static void fundRow(StringBuilder h, String label, long base, long changed) {
        h.append("<tr><td>").append(esc(label)).append("</td><td>").append(TextReport.yuan(base)).append("</td><td>").append(TextReport.yuan(changed))
                .append("</td><td class=").append(changed > base ? "up" : changed < base ? "down" : "same").append('>')
                .append(TextReport.signed(changed - base)).append("</td><td>").append(TextReport.percent(changed - base, base)).append("</td></tr>");
    }

    private static void burdenRow(StringBuilder h, String label, long base, long changed) {
        h.append("<tr><td>").append(esc(label)).append("</td><td>").append(TextReport.yuan(base)).append("</td><td>").append(TextReport.yuan(changed))
                .append("</td><td>").append(TextReport.signed(changed - base)).append("</td></tr>");
    }

    private static void breakdown(StringBuilder h, String zh, String en, List<Row> rows, boolean bars) {
        h.append("<section><h2>").append(zh).append(" <span class=en>").append(en).append("</span></h2>");
        List<String> labels = new ArrayList<>();
        List<Long> base = new ArrayList<>();
        List<Long> changed = new ArrayList<>();
        List<Long> diff = new ArrayList<>();
        for (Row row : rows) {
            labels.add(label(row));
            base.add(row.basePaid());
            changed.add(row.changedPaid());
            diff.add(row.difference());
        }
        if (bars) h.append(Svg.groupedBars(labels, base, changed, "基线 Baseline", "调整后 Changed"));
        h.append(Svg.diverging(labels, diff));
        rowsTable(h, rows);
        h.append("</section>\n");
    }

    private static String label(Row row) {
        if (row.region().isEmpty() || row.key().equals(row.region())) return row.label();
        return row.region() + " " + row.label();
    }

    private static void rowsTable(StringBuilder h, List<Row> rows) {
        h.append("<table class=num><thead><tr><th></th><th>基线 救助 Baseline assistance</th><th>基线 倾斜 tilt</th><th>调整后 救助 Changed assistance</th>")
                .append("<th>调整后 倾斜 tilt</th><th>差额 Difference</th><th>结算笔数 Claims settled</th></tr></thead><tbody>");
        for (Row row : rows) {
            h.append("<tr><td class=l>").append(esc(label(row))).append("</td><td>").append(TextReport.yuan(row.baseAssistance())).append("</td><td>")
                    .append(TextReport.yuan(row.baseTilt())).append("</td><td>").append(TextReport.yuan(row.changedAssistance())).append("</td><td>")
                    .append(TextReport.yuan(row.changedTilt())).append("</td><td class=").append(row.difference() > 0 ? "up" : row.difference() < 0 ? "down" : "same")
                    .append('>').append(TextReport.signed(row.difference())).append("</td><td>")
                    .append(row.baseClaims() == row.changedClaims() ? String.format("%,d", row.baseClaims())
                            : String.format("%,d → %,d", row.baseClaims(), row.changedClaims())).append("</td></tr>");
        }
        h.append("</tbody></table>");
    }

    private static void personTable(StringBuilder h, String title, List<PersonRow> rows) {
        if (rows.isEmpty()) return;
        h.append("<h3>").append(esc(title)).append("</h3><table class=num><thead><tr><th>人员 Person</th><th>城市 Region</th><th>年度 Year</th><th>类别 Tier</th>")
                .append("<th>基线 Baseline paid</th><th>调整后 Changed paid</th><th>差额 Difference</th><th>负担 Burden before → after</th></tr></thead><tbody>");
        for (PersonRow p : rows) {
            h.append("<tr><td class=l><code>").append(esc(p.person())).append("</code></td><td class=l>").append(esc(p.region())).append("</td><td>")
                    .append(p.year()).append("</td><td class=l>").append(esc(p.baseTier().equals(p.changedTier()) ? p.baseTier() : p.baseTier() + " → " + p.changedTier()))
                    .append("</td><td>").append(TextReport.yuan(p.basePaid())).append("</td><td>").append(TextReport.yuan(p.changedPaid()))
                    .append("</td><td class=").append(p.difference() > 0 ? "up" : "down").append('>').append(TextReport.signed(p.difference()))
                    .append("</td><td>").append(TextReport.yuan(p.baseBurden())).append(" → ").append(TextReport.yuan(p.changedBurden())).append("</td></tr>");
        }
        h.append("</tbody></table>");
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Charts as inline SVG: money in fen is drawn in yuan. */
    static final class Svg {
        private static final int W = 880;

        private Svg() {}

        static String groupedBars(List<String> labels, List<Long> a, List<Long> b, String aName, String bName) {
            int n = labels.size();
            if (n == 0) return "";
            int h = 260, left = 90, bottom = 60, top = 24;
            double max = 1;
            for (int i = 0; i < n; i++) max = Math.max(max, Math.max(a.get(i), b.get(i)));
            double plotW = W - left - 20;
            double groupW = plotW / n;
            double barW = Math.max(2, Math.min(36, groupW * 0.38));
            StringBuilder s = open(h);
            axis(s, left, top, h - bottom, max);
            for (int i = 0; i < n; i++) {
                double x0 = left + i * groupW + groupW / 2 - barW;
                bar(s, x0, top, h - bottom, a.get(i), max, barW, BASE_COLOUR, labels.get(i) + " " + aName);
                bar(s, x0 + barW, top, h - bottom, b.get(i), max, barW, CHANGED_COLOUR, labels.get(i) + " " + bName);
                xLabel(s, left + i * groupW + groupW / 2, h - bottom + 14, labels.get(i), n);
            }
            legend(s, left, 14, aName, bName);
            return s.append("</svg>").toString();
        }

        static String lines(List<String> labels, List<Long> a, List<Long> b, String aName, String bName) {
            int n = labels.size();
            if (n == 0) return "";
            int h = 260, left = 90, bottom = 50, top = 24;
            double max = 1;
            for (int i = 0; i < n; i++) max = Math.max(max, Math.max(a.get(i), b.get(i)));
            double plotW = W - left - 20;
            double step = n == 1 ? 0 : plotW / (n - 1);
            StringBuilder s = open(h);
            axis(s, left, top, h - bottom, max);
            for (int k = 0; k < 2; k++) {
                List<Long> v = k == 0 ? a : b;
                StringBuilder pts = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    double x = left + (n == 1 ? plotW / 2 : i * step);
                    double y = top + (h - bottom - top) * (1 - v.get(i) / max);
                    pts.append(fmt(x)).append(',').append(fmt(y)).append(' ');
                }
                String colour = k == 0 ? BASE_COLOUR : CHANGED_COLOUR;
                s.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2.5\" points=\"").append(pts).append("\"/>");
                for (int i = 0; i < n; i++) {
                    double x = left + (n == 1 ? plotW / 2 : i * step);
                    double y = top + (h - bottom - top) * (1 - v.get(i) / max);
                    s.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y)).append("\" r=\"3.5\" fill=\"").append(colour)
                            .append("\"><title>").append(esc(labels.get(i) + " " + (k == 0 ? aName : bName) + ": " + TextReport.yuan(v.get(i))))
                            .append("</title></circle>");
                }
            }
            for (int i = 0; i < n; i++) xLabel(s, left + (n == 1 ? plotW / 2 : i * step), h - bottom + 14, labels.get(i), n);
            legend(s, left, 14, aName, bName);
            return s.append("</svg>").toString();
        }

        /** Horizontal bars of differences around zero: gains to the right, losses to the left. */
        static String diverging(List<String> labels, List<Long> values) {
            int n = labels.size();
            if (n == 0) return "";
            int rowH = 20, left = 300, top = 20;
            int h = top + n * rowH + 10;
            double max = 1;
            for (long v : values) max = Math.max(max, Math.abs(v));
            double half = (W - left - 120) / 2.0;
            double zero = left + half;
            StringBuilder s = open(h);
            s.append("<text x=\"").append(left).append("\" y=\"13\" class=\"lg\">差额 Difference (元)</text>");
            s.append("<line x1=\"").append(fmt(zero)).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(fmt(zero)).append("\" y2=\"")
                    .append(h - 6).append("\" stroke=\"#999\"/>");
            for (int i = 0; i < n; i++) {
                long v = values.get(i);
                double y = top + i * rowH;
                double w = Math.abs(v) / max * half;
                double x = v >= 0 ? zero : zero - w;
                String label = labels.get(i);
                if (label.length() > 40) label = label.substring(0, 39) + "…";
                s.append("<text x=\"").append(left - 6).append("\" y=\"").append(fmt(y + 14)).append("\" text-anchor=\"end\">").append(esc(label)).append("</text>");
                s.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y + 3)).append("\" width=\"").append(fmt(Math.max(v == 0 ? 0 : 1, w)))
                        .append("\" height=\"").append(rowH - 6).append("\" fill=\"").append(v >= 0 ? GAIN_COLOUR : LOSS_COLOUR).append("\"><title>")
                        .append(esc(labels.get(i) + ": " + TextReport.signed(v))).append("</title></rect>");
                s.append("<text x=\"").append(fmt(v >= 0 ? zero + w + 4 : zero - w - 4)).append("\" y=\"").append(fmt(y + 14)).append("\" text-anchor=\"")
                        .append(v >= 0 ? "start" : "end").append("\" class=\"v\">").append(esc(TextReport.signed(v))).append("</text>");
            }
            return s.append("</svg>").toString();
        }

        private static StringBuilder open(int h) {
            return new StringBuilder("<svg class=\"chart\" viewBox=\"0 0 ").append(W).append(' ').append(h)
                    .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">");
        }

        private static void axis(StringBuilder s, int left, int top, int bottom, double max) {
            for (int k = 0; k <= 4; k++) {
                double v = max * k / 4;
                double y = bottom - (bottom - top) * k / 4.0;
                s.append("<line x1=\"").append(left).append("\" y1=\"").append(fmt(y)).append("\" x2=\"").append(W - 20).append("\" y2=\"").append(fmt(y))
                        .append("\" stroke=\"#e3e3e3\"/>");
                s.append("<text x=\"").append(left - 6).append("\" y=\"").append(fmt(y + 4)).append("\" text-anchor=\"end\" class=\"v\">")
                        .append(esc(compact(v))).append("</text>");
            }
        }

        private static void bar(StringBuilder s, double x, int top, int bottom, long v, double max, double w, String colour, String title) {
            double hgt = (bottom - top) * Math.max(0, v) / max;
            s.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(bottom - hgt)).append("\" width=\"").append(fmt(w)).append("\" height=\"")
                    .append(fmt(hgt)).append("\" fill=\"").append(colour).append("\"><title>").append(esc(title + ": " + TextReport.yuan(v)))
                    .append("</title></rect>");
        }

        private static void xLabel(StringBuilder s, double x, int y, String label, int n) {
            String l = label.length() > (n > 8 ? 10 : 24) ? label.substring(0, n > 8 ? 9 : 23) + "…" : label;
            s.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(y).append("\" text-anchor=\"middle\">").append(esc(l)).append("</text>");
        }

        private static void legend(StringBuilder s, int x, int y, String a, String b) {
            s.append("<rect x=\"").append(x).append("\" y=\"").append(y - 10).append("\" width=\"12\" height=\"12\" fill=\"").append(BASE_COLOUR).append("\"/>")
                    .append("<text x=\"").append(x + 16).append("\" y=\"").append(y).append("\" class=\"lg\">").append(esc(a)).append("</text>")
                    .append("<rect x=\"").append(x + 240).append("\" y=\"").append(y - 10).append("\" width=\"12\" height=\"12\" fill=\"").append(CHANGED_COLOUR).append("\"/>")
                    .append("<text x=\"").append(x + 256).append("\" y=\"").append(y).append("\" class=\"lg\">").append(esc(b)).append("</text>");
        }

        /** An axis figure in yuan: 1.2万, 3.4亿. */
        static String compact(double fen) {
            double yuan = fen / 100;
            if (yuan >= 1e8) return trim(yuan / 1e8) + "亿";
            if (yuan >= 1e4) return trim(yuan / 1e4) + "万";
            return trim(yuan);
        }

        private static String trim(double v) {
            String s = String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }

        private static String fmt(double v) { return String.format(Locale.ROOT, "%.1f", v); }
    }

    private static final String CSS = """
            body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#222;line-height:1.45}
            h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;border-bottom:2px solid #d9822b;padding-bottom:4px;margin-top:1.8em}h3{font-size:1.05em}
            .en{color:#666;font-weight:normal;font-size:.85em}
            dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;font-size:.9em}dl.meta dt{color:#666}dl.meta dd{margin:0}
            .cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}.card{flex:1 1 200px;border:1px solid #ddd;border-radius:6px;padding:10px 14px;background:#fafafa}
            .card .t{font-size:.8em;color:#666}.card .v{font-size:1.35em;font-weight:600;margin:4px 0}.card .s{font-size:.8em;color:#666}
            .card.up .v{color:#b35c00}.card.down .v{color:#2e6b8b}
            table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:.88em}th,td{border-bottom:1px solid #e5e5e5;padding:4px 8px;vertical-align:top}
            th{background:#f3f3f3;text-align:left;font-weight:600}table.num td{text-align:right}table.num td:first-child,td.l{text-align:left}
            td.up,.gain{color:#2e8b57}td.down,.loss{color:#c0392b}td.same{color:#888}
            .quote{color:#444;font-size:.95em}del{color:#c0392b}ins{color:#2e8b57;text-decoration:none;font-weight:600}
            code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}.small{font-size:.85em;color:#555;margin-top:2px}
            .note{font-size:.85em;color:#555}.warn{background:#fde2e1;border:1px solid #c0392b;padding:6px 10px;border-radius:4px}
            svg.chart{width:100%;height:auto;margin:6px 0}svg text{font-size:11px;fill:#333}svg text.v{fill:#666;font-size:10px}svg text.lg{font-size:12px}
            footer{margin-top:2em;font-size:.8em;color:#666;border-top:1px solid #ddd}
            @media print{section{page-break-inside:avoid}}
            """;
}
