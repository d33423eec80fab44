package org.medassist.settlement.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.medassist.engine.money.Money;
import org.medassist.events.Alert;
import org.medassist.events.Settlement;
import org.medassist.settlement.cases.WorkedCase.AlertExpectation;
import org.medassist.settlement.cases.WorkedCase.ClaimExpectation;
import org.medassist.settlement.cases.WorkedCase.Expectation;

/**
 * Checks a case's expectations against settlements and alerts, to the fen; each failure names the case and the
 * claim, reference or alert.
 */
public final class CaseCheck {
    private CaseCheck() {}

    /** How much of an expectation to check. */
    public enum Depth {
        /** Everything: replay applies events in the case's order. */
        EXACT,
        /**
         * What E1 promises whatever the interleaving of topics: each claim's assistance and the case's total tilt.
         * A stream meets timelines, applications and claims in an order a file does not fix, so tilt may sit on
         * another entry of the person-year and an alert may name another month.
         */
        AMOUNTS
    }

    /**
     * @param ids maps the case's own ids (persons, claims, applications) to those in the run: the identity when the
     *            case ran alone, a per-case prefix in a combined run ({@link CaseInputs})
     */
    public static List<String> check(WorkedCase c, Expectation e, List<Settlement> settlements, List<Alert> alerts,
                                     UnaryOperator<String> ids, Depth depth) {
        Set<String> persons = c.persons().stream().map(ids).collect(Collectors.toSet());
        List<Settlement> mine = settlements.stream().filter(s -> persons.contains(s.getPersonId())).toList();
        List<String> failures = new ArrayList<>();
        String who = c.label() + " (" + c.cites() + ")";
        for (Map.Entry<String, ClaimExpectation> entry : e.claims().entrySet()) {
            String claim = ids.apply(entry.getKey());
            ClaimExpectation x = entry.getValue();
            List<Settlement> of = mine.stream().filter(s -> claim.equals(s.getClaimId())).toList();
            String at = who + ": claim " + entry.getKey();
            if (of.isEmpty()) {
                failures.add(at + ": no settlement");
                continue;
            }
            money(failures, at, "assistance", x.assistance(), of.stream().mapToLong(Settlement::getAssistance).sum());
            if (depth == Depth.AMOUNTS) continue;
            money(failures, at, "tilt", x.tilt(), of.stream().mapToLong(Settlement::getTilt).sum());
            Settlement last = of.get(of.size() - 1);
            same(failures, at, "status of the latest settlement", x.status(), last.getStatus().name());
            same(failures, at, "tier", x.tier(), last.getTier());
            same(failures, at, "identity", x.identity(), last.getIdentity());
            money(failures, at, "localFinanceRelief", x.localFinanceRelief(), last.getOtherPayers().getLocalFinanceRelief());
            money(failures, at, "hospitalBorne", x.hospitalBorne(), last.getOtherPayers().getHospitalBorne());
            same(failures, at, "kpiFlags", x.kpiFlags(), last.getKpiFlags() == null ? null : List.copyOf(last.getKpiFlags()));
        }
        money(failures, who, "total tilt", e.totalTilt(), mine.stream().mapToLong(Settlement::getTilt).sum());
        if (depth == Depth.AMOUNTS) return failures;
        for (Map.Entry<String, Long> r : e.referenceTilt().entrySet()) {
            String ref = r.getKey().startsWith("year_close:") ? r.getKey() : ids.apply(r.getKey());
            money(failures, who + ": reference " + r.getKey(), "tilt", r.getValue(), mine.stream()
                    .filter(s -> s.getClaimId() == null && ref.equals(s.getReference())).mapToLong(Settlement::getTilt).sum());
        }
        if (e.alerts() != null) {
            List<Alert> left = new ArrayList<>(alerts.stream().filter(a -> persons.contains(a.getPersonId())).toList());
            for (AlertExpectation x : e.alerts()) {
                Alert found = left.stream().filter(a -> matches(x, a, ids)).findFirst().orElse(null);
                if (found == null) failures.add(who + ": expected alert " + describe(x) + "; alerts: " + left.stream().map(CaseCheck::describe).toList());
                else left.remove(found);
            }
            if (!left.isEmpty()) failures.add(who + ": unexpected alerts " + left.stream().map(CaseCheck::describe).toList());
        }
        return failures;
    }

    /** Every case of a combined input ({@link CaseInputs#combined}) checked against that input's outputs. */
    public static List<String> checkCombined(Map<String, List<WorkedCase>> cases, List<Settlement> settlements, List<Alert> alerts,
                                             Depth depth) {
        List<String> failures = new ArrayList<>();
        for (List<WorkedCase> region : cases.values()) {
            for (int i = 0; i < region.size(); i++) {
                WorkedCase c = region.get(i);
                failures.addAll(check(c, c.expect(), settlements, alerts, CaseInputs.ids(CaseInputs.prefix(c, i)), depth));
            }
        }
        return failures;
    }

    private static boolean matches(AlertExpectation x, Alert a, UnaryOperator<String> ids) {
        return x.rule().equals(a.getRule()) && (x.month() == null || x.month().equals(a.getMonth()))
                && (x.personId() == null || ids.apply(x.personId()).equals(a.getPersonId()))
                && (x.claimId() == null || ids.apply(x.claimId()).equals(a.getClaimId()))
                && (x.value() == null || x.value() == a.getValue())
                && (x.threshold() == null || x.threshold() == a.getThreshold());
    }

    private static String describe(AlertExpectation x) {
        return "{rule " + x.rule() + (x.month() != null ? ", month " + x.month() : "")
                + (x.personId() != null ? ", person " + x.personId() : "") + (x.claimId() != null ? ", claim " + x.claimId() : "")
                + (x.value() != null ? ", value " + Money.format(x.value()) : "")
                + (x.threshold() != null ? ", threshold " + Money.format(x.threshold()) : "") + "}";
    }

    private static String describe(Alert a) {
        return "{rule " + a.getRule() + ", month " + a.getMonth() + ", person " + a.getPersonId() + ", claim " + a.getClaimId()
                + ", value " + Money.format(a.getValue()) + ", threshold " + Money.format(a.getThreshold()) + "}";
    }

    private static void money(List<String> failures, String at, String what, Long expected, long actual) {
        if (expected != null && expected != actual) {
            failures.add(at + ": " + what + " expected " + Money.format(expected) + ", got " + Money.format(actual));
        }
    }

    private static void same(List<String> failures, String at, String what, Object expected, Object actual) {
        if (expected != null && !Objects.equals(expected, actual)) {
            failures.add(at + ": " + what + " expected " + expected + ", got " + actual);
        }
    }
}
