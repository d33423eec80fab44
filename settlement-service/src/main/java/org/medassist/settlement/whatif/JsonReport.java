package org.medassist.settlement.whatif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.medassist.engine.money.Money;
import org.medassist.settlement.whatif.WhatIfReport.AlertChange;
import org.medassist.settlement.whatif.WhatIfReport.AlertRow;
import org.medassist.settlement.whatif.WhatIfReport.BurdenGroup;
import org.medassist.settlement.whatif.WhatIfReport.PersonRow;
import org.medassist.settlement.whatif.WhatIfReport.Row;

/**
 * The report as JSON, for {@code GET /v1/simulations/{id}}: the same tables as the CSV files, money as the contract
 * writes it (yuan strings with two decimals, docs/contract.md).
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReport() {}

    public static ObjectNode of(WhatIfReport r) {
        ObjectNode o = JSON.createObjectNode();
        var m = r.meta();
        ObjectNode meta = o.putObject("meta");
        meta.put("input", m.input()).put("scope", m.scope()).put("events", m.events()).put("skipped", m.skipped()).put("outOfScope", m.outOfScope())
                .put("persons", m.persons()).put("seconds", Math.round(m.seconds() * 10) / 10.0).put("personIds", m.personIds());
        side(meta.putObject("baseline"), m.baseline());
        side(meta.putObject("changed"), m.changed());

        ArrayNode changes = o.putArray("policyChanges");
        for (PolicyDiff.RuleChange c : r.policyChanges()) {
            ObjectNode n = changes.addObject().put("region", c.region()).put("rule", c.rule()).put("clause", c.clause()).put("quote", c.quote())
                    .put("baselineRule", c.baseRule()).put("changedRule", c.changedRule());
            ArrayNode values = n.putArray("changes");
            for (PolicyDiff.Change ch : c.changes()) values.addObject().put("path", ch.path()).put("before", ch.before()).put("after", ch.after());
        }

        var t = r.totals();
        ObjectNode fund = o.putObject("fund");
        fund.put("baselineAssistance", y(t.baseAssistance())).put("baselineTilt", y(t.baseTilt())).put("baselineTotal", y(t.basePaid()))
                .put("changedAssistance", y(t.changedAssistance())).put("changedTilt", y(t.changedTilt())).put("changedTotal", y(t.changedPaid()))
                .put("difference", y(t.difference())).put("personYears", t.personYears())
                .put("baselinePaidPersonYears", t.basePaidPersonYears()).put("changedPaidPersonYears", t.changedPaidPersonYears());

        rows(o.putArray("byCity"), r.byCity());
        rows(o.putArray("byTier"), r.byTier());
        rows(o.putArray("byClass"), r.byClass());
        rows(o.putArray("byMonth"), r.byMonth());

        var p = r.persons();
        ObjectNode persons = o.putObject("persons");
        persons.put("personYears", p.personYears()).put("affected", p.affected()).put("gainers", p.gainers()).put("gained", y(p.gained()))
                .put("losers", p.losers()).put("lost", y(p.lost()));
        persons(persons.putArray("topGains"), p.topGains());
        persons(persons.putArray("topLosses"), p.topLosses());

        var b = r.burden();
        ObjectNode burden = o.putObject("burden");
        ArrayNode q = burden.putArray("percentiles");
        for (int d = 0; d < 10; d++) {
            q.addObject().put("percentile", d < 9 ? "p" + (d + 1) * 10 : "max").put("baseline", y(b.baseQuantiles()[d]))
                    .put("changed", y(b.changedQuantiles()[d]));
        }
        burden.put("baselineMean", y(b.baseMean())).put("changedMean", y(b.changedMean()));
        ArrayNode tenths = burden.putArray("tenthsByBaselineBurden");
        for (BurdenGroup g : b.groups()) {
            tenths.addObject().put("tenth", g.decile()).put("personYears", g.personYears()).put("from", y(g.fromBurden())).put("to", y(g.toBurden()))
                    .put("baselineMean", y(g.baseMean())).put("changedMean", y(g.changedMean())).put("lowered", y(g.gained()))
                    .put("personYearsLowered", g.gainers());
        }

        ArrayNode alerts = o.putArray("alerts");
        for (AlertRow a : r.alerts()) {
            alerts.addObject().put("region", a.region()).put("rule", a.rule()).put("measure", a.measure()).put("clause", a.clause())
                    .put("baselineFired", a.baseFired()).put("changedFired", a.changedFired()).put("noLongerFire", a.stopped()).put("new", a.started());
        }
        ArrayNode changed = o.putArray("alertChanges");
        for (AlertChange a : r.alertChanges()) {
            changed.addObject().put("person", a.person()).put("region", a.region()).put("year", a.year()).put("rule", a.rule())
                    .put("change", a.stopped() ? "no_longer_fires" : "new");
        }
        o.put("alertChangesTotal", r.alertChangesTotal());
        return o;
    }

    private static void side(ObjectNode n, WhatIfReport.Side s) {
        n.put("policies", s.policies()).put("alertsPublished", s.alerts()).put("failed", s.failed()).put("firstFailure", s.firstFailure())
                .put("storedBytes", s.storedBytes());
        ObjectNode st = n.putObject("settlements");
        s.settlements().forEach(st::put);
    }

    private static void rows(ArrayNode a, List<Row> rows) {
        for (Row row : rows) {
            a.addObject().put("key", row.key()).put("region", row.region()).put("label", row.label())
                    .put("baselineAssistance", y(row.baseAssistance())).put("baselineTilt", y(row.baseTilt()))
                    .put("changedAssistance", y(row.changedAssistance())).put("changedTilt", y(row.changedTilt()))
                    .put("difference", y(row.difference())).put("baselineClaims", row.baseClaims()).put("changedClaims", row.changedClaims());
        }
    }

    private static void persons(ArrayNode a, List<PersonRow> rows) {
        for (PersonRow p : rows) {
            a.addObject().put("person", p.person()).put("region", p.region()).put("year", p.year()).put("baselineTier", p.baseTier())
                    .put("changedTier", p.changedTier()).put("baselinePaid", y(p.basePaid())).put("changedPaid", y(p.changedPaid()))
                    .put("difference", y(p.difference())).put("baselineBurden", y(p.baseBurden())).put("changedBurden", y(p.changedBurden()));
        }
    }

    private static String y(long fen) { return Money.format(fen); }
}
