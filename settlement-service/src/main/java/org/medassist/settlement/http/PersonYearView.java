package org.medassist.settlement.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medassist.engine.ledger.Computation;
import org.medassist.engine.ledger.Entry;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.ledger.PersonYear;
import org.medassist.engine.ledger.YearTotals;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.money.Money;

/** The JSON view of a person-year: totals, the ledger of what was paid per entry, and the current explanations. */
final class PersonYearView {
    private PersonYearView() {}

    static Map<String, Object> render(PersonLedger ledger, int year, PolicyCatalog policies) {
        return render(ledger, year, policies, region -> true);
    }

    /** The same, with the regions {@code shown} accepts only (a principal's regions, docs/security.md). */
    static Map<String, Object> render(PersonLedger ledger, int year, PolicyCatalog policies, java.util.function.Predicate<String> shown) {
        List<Map<String, Object>> regions = new ArrayList<>();
        for (String region : ledger.regions()) {
            if (!shown.test(region)) continue;
            PersonYear py = ledger.year(region, year);
            if (py != null) regions.add(region(py, policies.get(region)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("personId", ledger.personId);
        out.put("year", year);
        out.put("regions", regions);
        return out;
    }

    private static Map<String, Object> region(PersonYear py, RegionPolicy p) {
        YearTotals t = py.totals;
        Map<String, Object> totals = new LinkedHashMap<>();
        long assistance = 0;
        long tilt = 0;
        for (Entry e : py.entries) {
            assistance += e.paidAssistance;
            tilt += e.paidTilt;
        }
        totals.put("assistancePaid", Money.format(assistance));
        totals.put("tiltPaid", Money.format(tilt));
        totals.put("S", Money.format(t.sumS));
        totals.put("R", Money.format(t.residual()));
        totals.put("burden", Money.format(t.burden()));
        Map<String, String> deductibles = new LinkedHashMap<>();
        for (int i = 0; i < t.deductibleCum.length; i++) deductibles.put(p.pools().deductiblePools().get(i), Money.format(t.deductibleCum[i]));
        Map<String, String> caps = new LinkedHashMap<>();
        for (int i = 0; i < t.capPaid.length; i++) caps.put(p.pools().capPools().get(i), Money.format(t.capPaid[i]));
        totals.put("deductibleCounted", deductibles);
        totals.put("capUsed", caps);
        totals.put("waitingForParameter", py.parkedFrom >= 0);

        List<Map<String, Object>> entries = new ArrayList<>();
        for (Entry e : py.entries) entries.add(entry(e));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("region", py.region);
        out.put("policy", p.policyRef());
        out.put("totals", totals);
        out.put("ledger", entries);
        return out;
    }

    /** One claim's state within its person-year. */
    static Map<String, Object> claim(String personId, PersonYear py, Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("personId", personId);
        m.put("region", py.region);
        m.put("year", py.year);
        m.putAll(entry(e));
        return m;
    }

    private static Map<String, Object> entry(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind.name().toLowerCase(java.util.Locale.ROOT));
        if (e.kind == Entry.Kind.CLAIM) {
            m.put("hospitalId", e.claim.hospitalId());
            m.put("claimId", e.claim.claimId());
            m.put("date", e.claim.date().toString());
            m.put("S", Money.format(e.claim.selfPay()));
        } else {
            m.put("reference", e.reference);
        }
        Computation c = e.computed;
        String status = e.reversed() ? "reversed" : c != null && c.isParked() && !e.settled ? "parked" : e.settled ? "settled" : "pending";
        m.put("status", status);
        m.put("assistancePaid", Money.format(e.paidAssistance));
        m.put("tiltPaid", Money.format(e.paidTilt));
        if (c != null) {
            m.put("tier", c.tier);
            m.put("identity", c.identity);
            if (c.isParked()) m.put("reason", c.parkedReason);
            m.put("explanation", c.explanation());
        }
        if (e.reversed()) m.put("reversalId", e.reversalId);
        return m;
    }
}
