package org.medassist.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.medassist.faults.FaultPlan.Kind;

/** The one-line report and the details under it (docs/reliability.md, "The report"). */
final class Report {
    private final Settings settings;
    private final FaultPlan plan;
    private final EventFile file;
    private final List<FaultInjector.Executed> executed;
    private final List<Restart> restarts;
    private final Verdict verdict;
    private final Harness.Drain drain;
    private final long stateBytes;

    Report(Settings settings, FaultPlan plan, EventFile file, List<FaultInjector.Executed> executed, List<Restart> restarts,
           Verdict verdict, Harness.Drain drain, long stateBytes) {
        this.settings = settings;
        this.plan = plan;
        this.file = file;
        this.executed = executed;
        this.restarts = restarts;
        this.verdict = verdict;
        this.drain = drain;
        this.stateBytes = stateBytes;
    }

    /** Faults of a kind that struck without error. */
    private long done(Kind kind) {
        return executed.stream().filter(e -> e.fault().kind() == kind && e.error() == null).count();
    }

    String line() {
        StringBuilder sb = new StringBuilder("faults seed=").append(settings.seed())
                .append(" via=").append(settings.via().name().toLowerCase(Locale.ROOT))
                .append(settings.via() == Settings.Via.HTTP ? "/" + settings.httpClients() : "")
                .append(" events=").append(file.events())
                .append(" kills=").append(done(Kind.SETTLEMENT_KILL))
                .append(" broker-restarts=").append(done(Kind.BROKER_RESTART))
                .append(" eligibility-restarts=").append(done(Kind.ELIGIBILITY_RESTART))
                .append(" registry-outages=").append(done(Kind.REGISTRY_OUTAGE))
                .append(": ").append(verdict.pass() ? "PASS" : "FAIL")
                .append(" claims=").append(verdict.claims)
                .append(" crossed-claims=").append(verdict.crossedClaims)
                .append(" won-by-later=").append(verdict.crossedWonByLater)
                .append(" person-years=").append(verdict.personYears);
        for (Map.Entry<String, long[]> e : verdict.statusCounts.entrySet()) {
            sb.append(' ').append(e.getKey()).append('=').append(e.getValue()[0]).append('/').append(e.getValue()[1]);
        }
        sb.append(" alerts=").append(verdict.alertsActual).append('/').append(verdict.alertsExpected)
                .append(" dead-letters=").append(verdict.deadLetters)
                .append(" unexplained-dead-letters=").append(verdict.deadLetters - verdict.deadLettersExplained)
                .append(" refused-over-http=").append(verdict.refusedAtTheDoor)
                .append(" inputs-sent-again=").append(verdict.inputsSentAgain)
                .append(" unpublishable=").append(file.count(EventFile.Kind.UNPUBLISHABLE))
                .append(" duplicates=").append(verdict.duplicateSettlementIds + verdict.duplicateAlerts)
                .append(" mismatches=").append(verdict.mismatches.size())
                .append(" restart-healthy=").append(stats(restarts.stream().map(Restart::healthyMillis).toList()))
                .append(" restart-caught-up=").append(stats(restarts.stream().map(Restart::caughtUpMillis).toList()))
                .append(" drained=").append(drain.drained() ? String.format(Locale.ROOT, "%.1fs", drain.seconds()) : "no")
                .append(" settlement-state=").append(String.format(Locale.ROOT, "%.1fMB", stateBytes / 1e6));
        return sb.toString();
    }

    /** {@code min/median/max s} over the measured values (negative: not measured), or {@code n/a}. */
    static String stats(List<Long> millis) {
        List<Long> v = new ArrayList<>(millis.stream().filter(m -> m >= 0).toList());
        if (v.isEmpty()) return "n/a";
        Collections.sort(v);
        long median = v.size() % 2 == 1 ? v.get(v.size() / 2) : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
        String s = String.format(Locale.ROOT, "%.1f/%.1f/%.1fs", v.get(0) / 1e3, median / 1e3, v.get(v.size() - 1) / 1e3);
        return v.size() < millis.size() ? s + "(" + v.size() + "of" + millis.size() + ")" : s;
    }

    List<String> details(int max) {
        List<String> out = new ArrayList<>();
        if (!verdict.pass()) {
            StringBuilder by = new StringBuilder("mismatches by kind:");
            verdict.byCategory().forEach((k, n) -> by.append(' ').append(k).append('=').append(n));
            out.add(by.toString());
            List<Verdict.Mismatch> sorted = verdict.sorted();
            for (int i = 0; i < Math.min(max, sorted.size()); i++) out.add("  " + sorted.get(i).describe());
            if (sorted.size() > max) out.add("  … and " + (sorted.size() - max) + " more (--details N lists more)");
        }
        for (String n : verdict.notes) out.add("note: " + n);
        for (Restart r : restarts) {
            out.add(String.format(Locale.ROOT, "restart after kill #%d: healthy %s, caught up %s%s", r.kill, seconds(r.healthyMillis()),
                    r.superseded && r.caughtUpMillis() < 0 ? "unknown (killed again first)" : seconds(r.caughtUpMillis()),
                    r.duringOutage ? " (registry not answering)" : ""));
        }
        if (!verdict.pass()) {
            for (FaultInjector.Executed e : executed) {
                out.add(String.format(Locale.ROOT, "fault at %.1f s: %s%s", e.atSeconds(), e.fault().describe(),
                        e.error() == null ? "" : " FAILED: " + e.error()));
            }
        }
        return out;
    }

    private static String seconds(long millis) {
        return millis < 0 ? "not measured" : String.format(Locale.ROOT, "%.1f s", millis / 1e3);
    }
}
