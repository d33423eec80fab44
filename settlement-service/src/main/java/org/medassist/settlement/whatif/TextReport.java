package org.medassist.settlement.whatif;

import java.util.List;
import java.util.Map;
import org.medassist.engine.money.Money;
import org.medassist.settlement.whatif.WhatIfReport.AlertRow;
import org.medassist.settlement.whatif.WhatIfReport.BurdenGroup;
import org.medassist.settlement.whatif.WhatIfReport.PersonRow;
import org.medassist.settlement.whatif.WhatIfReport.Row;

/** The terminal summary of a what-if: every table, money in yuan with thousands separators. */
public final class TextReport {
    private TextReport() {}

    /** 1234567.5 yuan (in fen) as "1,234,567.50", from {@code Money.format}. */
    public static String yuan(long fen) {
        String plain = Money.format(fen);
        boolean negative = plain.startsWith("-");
        String digits = negative ? plain.substring(1) : plain;
        int dot = digits.indexOf('.');
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dot; i++) {
            if (i > 0 && (dot - i) % 3 == 0) sb.append(',');
            sb.append(digits.charAt(i));
        }
        sb.append(digits, dot, digits.length());
        return (negative ? "-" : "") + sb;
    }

    /** A difference with its sign: "+1,000.00", "-5.00", "0.00". */
    public static String signed(long fen) { return fen > 0 ? "+" + yuan(fen) : yuan(fen); }

    static String percent(long part, long whole) {
        if (whole == 0) return part == 0 ? "0.0%" : "n/a";
        return String.format("%+.1f%%", 100.0 * part / whole);
    }

    public static String render(WhatIfReport r) {
        StringBuilder sb = new StringBuilder();
        var m = r.meta();
        sb.append(String.format("what-if: %s (%s): %,d events, %,d persons, %.1f s%n", m.input(), m.scope(), m.events(), m.persons(), m.seconds()));
        if (m.outOfScope() > 0) sb.append(String.format("  %,d events outside the scope, not applied%n", m.outOfScope()));
        if (m.skipped() > 0) sb.append(String.format("  %,d lines or records skipped (malformed, unreadable, or not input events)%n", m.skipped()));
        sb.append("  baseline: ").append(m.baseline().policies()).append('\n');
        sb.append("  changed:  ").append(m.changed().policies()).append('\n');
        for (WhatIfReport.Side s : List.of(m.baseline(), m.changed())) {
            if (s.failed() > 0) {
                sb.append(String.format("  WARNING: %,d events FAILED inside the engine on the %s side (first: %s); the figures miss them%n",
                        s.failed(), s == m.baseline() ? "baseline" : "changed", s.firstFailure()));
            }
        }

        sb.append("\nThe policy change 政策变化\n");
        if (r.policyChanges().isEmpty()) sb.append("  (none: the two policies are the same)\n");
        for (PolicyDiff.RuleChange c : r.policyChanges()) {
            sb.append("  ").append(c.region()).append(' ').append(c.rule().isEmpty() ? "(policy file)" : c.rule());
            if (!c.clause().isEmpty()) sb.append(" — ").append(c.clause()).append(" 「").append(c.quote()).append('」');
            sb.append('\n');
            for (PolicyDiff.Change ch : c.changes()) sb.append("      ").append(ch.path()).append(": ").append(ch.before()).append(" → ").append(ch.after()).append('\n');
        }

        var t = r.totals();
        sb.append("\n").append(padded("Fund cost 基金支出", 32)).append(right("baseline 基线", 20)).append(' ')
                .append(right("changed 调整后", 20)).append(' ').append(right("difference 差额", 20)).append('\n');
        line(sb, "assistance 救助", t.baseAssistance(), t.changedAssistance());
        line(sb, "tilt 倾斜 (with end items)", t.baseTilt(), t.changedTilt());
        line(sb, "total 合计", t.basePaid(), t.changedPaid());
        sb.append("  ").append(padded("person-years paid 获助人年", 30)).append(String.format(" %20s %20s %+20d%n", String.format("%,d", t.basePaidPersonYears()),
                String.format("%,d", t.changedPaidPersonYears()), t.changedPaidPersonYears() - t.basePaidPersonYears()));

        table(sb, "By city 按城市", r.byCity());
        table(sb, "By tier 按救助对象类别", r.byTier());
        table(sb, "By claim class 按费用类别", r.byClass());
        table(sb, "By month 按月份", r.byMonth());

        var p = r.persons();
        sb.append(String.format("%nPersons affected 受影响人员: %,d of %,d person-years; %,d gain %s, %,d lose %s%n", p.affected(),
                p.personYears(), p.gainers(), yuan(p.gained()), p.losers(), yuan(p.lost())));
        persons(sb, "largest gains 增加最多", p.topGains(), m.personIds());
        persons(sb, "largest losses 减少最多", p.topLosses(), m.personIds());

        var b = r.burden();
        sb.append("\nYearly out-of-pocket burden 个人年度负担 (R + out-of-scope, E13), per person-year\n");
        sb.append("  ").append(padded("", 12)).append(HEADINGS_18);
        for (int d = 0; d < 9; d++) burdenLine(sb, "p" + (d + 1) * 10, b.baseQuantiles()[d], b.changedQuantiles()[d]);
        burdenLine(sb, "max", b.baseQuantiles()[9], b.changedQuantiles()[9]);
        burdenLine(sb, "mean", b.baseMean(), b.changedMean());
        sb.append("  by tenth of baseline burden 按基线负担十分位: persons, burden range, mean before → after, gained\n");
        for (BurdenGroup g : b.groups()) {
            sb.append(String.format("    %2d  %,10d  %16s – %-16s %16s → %-16s %16s (%,d persons)%n", g.decile(), g.personYears(),
                    yuan(g.fromBurden()), yuan(g.toBurden()), yuan(g.baseMean()), yuan(g.changedMean()), yuan(g.gained()), g.gainers()));
        }

        sb.append("\nMonitoring alerts 监测预警: person-years over each threshold (the alert fired, E13)\n");
        if (r.alerts().isEmpty()) sb.append("  (no alert rules in scope)\n");
        for (AlertRow a : r.alerts()) {
            sb.append(String.format("  %-44s %-6s %,10d → %,-10d no longer %,d, new %,d   %s%n", a.rule(), a.measure(), a.baseFired(),
                    a.changedFired(), a.stopped(), a.started(), a.clause()));
        }
        if (r.alertChangesTotal() > r.alertChanges().size()) {
            sb.append(String.format("  (%,d changed alerts; the first %,d are listed in alerts_changed.csv)%n", r.alertChangesTotal(), r.alertChanges().size()));
        }
        sb.append("\nSettlement events published 结算事件: ");
        for (WhatIfReport.Side s : List.of(m.baseline(), m.changed())) {
            sb.append(s == m.baseline() ? "baseline " : "; changed ");
            StringBuilder parts = new StringBuilder();
            for (Map.Entry<String, Long> e : s.settlements().entrySet()) parts.append(e.getKey()).append(' ').append(String.format("%,d", e.getValue())).append(' ');
            sb.append(parts.toString().strip()).append(String.format(", alerts %,d", s.alerts()));
        }
        sb.append('\n');
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, long base, long changed) {
        sb.append("  ").append(padded(label, 30)).append(String.format(" %20s %20s %20s %s%n", yuan(base), yuan(changed),
                signed(changed - base), percent(changed - base, base)));
    }

    private static void table(StringBuilder sb, String title, List<Row> rows) {
        sb.append('\n').append(title).append(System.lineSeparator()).append("  ").append(padded("", 44)).append(HEADINGS_18);
        for (Row row : rows) {
            String label = row.region().isEmpty() || row.key().equals(row.region()) ? row.label() + (row.key().equals(row.label()) ? "" : " (" + row.key() + ")")
                    : row.region() + " " + row.label();
            sb.append("  ").append(padded(label, 44))
                    .append(String.format(" %18s %18s %18s%n", yuan(row.basePaid()), yuan(row.changedPaid()), signed(row.difference())));
        }
    }

    /**
     * {@code text} in {@code columns} terminal columns, cut with "…" when longer: a Chinese character takes two columns,
     * so padding by characters (String.format's %-44s) pushed every figure of a row with Chinese labels to the right.
     */
    static String padded(String text, int columns) {
        int total = text.codePoints().map(TextReport::columns).sum();
        if (total <= columns) return text + " ".repeat(columns - total);
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (used + columns(cp) > columns - 1) break; // keep a column for the "…"
            out.appendCodePoint(cp);
            used += columns(cp);
            i += Character.charCount(cp);
        }
        return out.append('…') + " ".repeat(columns - used - 1);
    }

    /** The three figure columns' headings, each right-aligned in 18 terminal columns, as the figures under them are. */
    private static final String HEADINGS_18 = " " + right("baseline 基线", 18) + " " + right("changed 调整后", 18) + " "
            + right("difference 差额", 18) + System.lineSeparator();

    /** {@code text} right-aligned in {@code columns} terminal columns. */
    static String right(String text, int columns) {
        return " ".repeat(Math.max(0, columns - text.codePoints().map(TextReport::columns).sum())) + text;
    }

    /** Terminal columns of a code point: two for East Asian wide and fullwidth characters (CJK, Hangul, fullwidth forms). */
    static int columns(int cp) {
        boolean wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        return wide ? 2 : 1;
    }

    private static void persons(StringBuilder sb, String title, List<PersonRow> rows, String naming) {
        if (rows.isEmpty()) return;
        sb.append("  ").append(title).append(" (").append(naming).append(")\n");
        int shown = 0;
        for (PersonRow p : rows) {
            if (++shown > 10) {
                sb.append(String.format("    … %,d more in persons.csv%n", rows.size() - 10));
                break;
            }
            sb.append(String.format("    %-28s %-14s %d %-12s %16s → %-16s %16s%n", p.person(), p.region(), p.year(),
                    p.baseTier().equals(p.changedTier()) ? p.baseTier() : p.baseTier() + "→" + p.changedTier(), yuan(p.basePaid()),
                    yuan(p.changedPaid()), signed(p.difference())));
        }
    }

    private static void burdenLine(StringBuilder sb, String label, long base, long changed) {
        sb.append(String.format("  %-12s %18s %18s %18s%n", label, yuan(base), yuan(changed), signed(changed - base)));
    }
}
