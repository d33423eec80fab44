package org.medassist.simulator;

import static org.medassist.simulator.Dates.between;
import static org.medassist.simulator.Dates.max;
import static org.medassist.simulator.Dates.min;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.medassist.engine.policy.OneTimeAssistance;
import org.medassist.events.Application;
import org.medassist.events.ApplicationKind;
import org.medassist.events.Decision;
import org.medassist.events.IdentityType;

/**
 * What the city's agency files for a person-year, where the city pays on application (E10 in
 * docs/decisions.md): tilt for heavy burdens late in the year, and one-time assistance for families recognised as
 * the one-time identity in that year, sometimes with the county's own decision instead of the policy's bounds.
 */
final class Applications {
    private Applications() {}

    /** The policy's own figures (an empty decision). */
    private static final Decision NO_DECISION = new Decision(null, null, null);

    static List<Draft> year(Random rnd, Person p, int year, long selfPay) {
        City c = p.city;
        if (p.primary == null) return List.of();
        LocalDate start = max(LocalDate.of(year, 1, 1), c.effectiveFrom());
        List<Draft> out = new ArrayList<>(1);
        if (c.tiltApplicants().contains(p.primary) && selfPay >= c.tiltApplicationFloor() && rnd.nextDouble() < 0.75) {
            LocalDate filed = between(rnd, max(start, LocalDate.of(year, 10, 1)), LocalDate.of(year, 12, 15));
            out.add(application(p, year, ApplicationKind.tilt, filed, NO_DECISION, 0));
        }
        OneTimeAssistance oneTime = c.oneTime();
        if (oneTime != null && p.primary == IdentityType.valueOf(oneTime.identity()) && p.recognisedIn(year)) {
            LocalDate filed = min(p.recognized.plusDays(5 + rnd.nextInt(25)), LocalDate.of(year, 12, 20));
            Decision decision = rnd.nextDouble() < 0.4 ? countyDecision(rnd, oneTime) : NO_DECISION;
            out.add(application(p, year, ApplicationKind.one_time, filed, decision, 1));
        }
        return out;
    }

    /** A county's own decision within the policy's bounds: a higher deductible or rate, a lower cap. */
    private static Decision countyDecision(Random rnd, OneTimeAssistance o) {
        long deductible = o.defaultDeductibleFen() + 1_000_00L * rnd.nextInt(6);
        int ratePpm = Math.min(1_000_000, o.defaultRatePpm() + 50_000 * rnd.nextInt(3));
        long cap = Math.max(deductible, o.defaultCapFen() - 10_000_00L * rnd.nextInt(3));
        String rate = BigDecimal.valueOf(ratePpm, 6).stripTrailingZeros().toPlainString();
        return new Decision(deductible, cap, rate);
    }

    private static Draft application(Person p, int year, ApplicationKind kind, LocalDate filed, Decision decision, int n) {
        City c = p.city;
        String id = c.prefix() + "-A-" + year + "-" + p.number + (kind == ApplicationKind.tilt ? "-T" : "-O");
        Application a = new Application(id, p.personId, c.region(), year, kind, filed, decision);
        return Draft.of(filed, Draft.RANK_APPLICATION, c.order(), p.index, 200 + n, Principal.agency(c.region()), a);
    }
}
