package org.medassist.dashboard.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.medassist.engine.money.Money;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.events.Alert;

/**
 * Alerts as the API shows them: JSON in the contract's form (money as yuan strings, docs/contract.md {@code alert}),
 * and the monthly list as CSV with English or Chinese column headings (docs/dashboard-service.md, "Monthly lists").
 */
final class AlertViews {
    private AlertViews() {}

    /** The recipients' Chinese names (docs/contract.md, departments). */
    static final Map<String, String> RECIPIENTS_ZH = Map.of(
            "civil_affairs", "民政", "rural_revitalization", "乡村振兴", "medical_security", "医保", "tax", "税务",
            "veterans_affairs", "退役军人事务", "trade_union", "总工会", "disabled_persons_federation", "残联");

    private static final List<String> HEADINGS_EN = List.of("alertId", "personId", "region", "year", "month", "rule",
            "measure", "value", "threshold", "recipients", "hospitalId", "claimId");
    private static final List<String> HEADINGS_ZH = List.of("预警编号", "人员编号", "地区", "年度", "月份", "预警规则",
            "监测指标", "指标值（元）", "预警线（元）", "接收部门", "医疗机构", "费用单号");

    static Map<String, Object> json(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "alert");
        m.put("alertId", a.getAlertId());
        m.put("personId", a.getPersonId());
        m.put("region", a.getRegion());
        m.put("year", a.getYear());
        m.put("month", a.getMonth());
        m.put("rule", a.getRule());
        m.put("measure", a.getMeasure());
        m.put("value", Money.format(a.getValue()));
        m.put("threshold", Money.format(a.getThreshold()));
        m.put("recipients", List.copyOf(a.getRecipients()));
        m.put("claimId", a.getClaimId());
        m.put("hospitalId", a.getHospitalId());
        return m;
    }

    /** The list as CSV (RFC 4180, CRLF); with {@code zh}, Chinese headings, city and department names, and a BOM for spreadsheets. */
    static String csv(List<Alert> alerts, boolean zh, PolicyCatalog catalog) {
        StringBuilder sb = new StringBuilder();
        if (zh) sb.append('\uFEFF');
        row(sb, zh ? HEADINGS_ZH : HEADINGS_EN);
        for (Alert a : alerts) {
            String recipients = String.join(zh ? "、" : ";", a.getRecipients().stream()
                    .map(r -> zh ? RECIPIENTS_ZH.getOrDefault(r, r) : r).toList());
            row(sb, List.of(a.getAlertId(), a.getPersonId(), zh ? regionName(catalog, a.getRegion()) : a.getRegion(),
                    Integer.toString(a.getYear()), a.getMonth(), a.getRule(), a.getMeasure(), Money.format(a.getValue()),
                    Money.format(a.getThreshold()), recipients, nz(a.getHospitalId()), nz(a.getClaimId())));
        }
        return sb.toString();
    }

    static String regionName(PolicyCatalog catalog, String region) {
        RegionPolicy p = catalog.get(region);
        return p == null || p.name() == null ? region : p.name();
    }

    /** {@code fangchenggang} → {@code Fangchenggang}. */
    static String regionNameEn(String region) {
        return region.isEmpty() ? region : region.substring(0, 1).toUpperCase(Locale.ROOT) + region.substring(1);
    }

    private static String nz(String s) { return s == null ? "" : s; }

    private static void row(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            String c = cells.get(i);
            // a cell a spreadsheet would read as a formula (OWASP's list: = + - @, a tab, a carriage return) is quoted
            // with a leading apostrophe
            if (!c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0 && !c.matches("-?[0-9.]+")) c = "'" + c;
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        sb.append("\r\n");
    }
}
