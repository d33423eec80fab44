package org.medassist.faults;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medassist.engine.money.Money;

/**
 * The comparison of what the services published with what {@code bin/settle replay} writes for the same event file
 * (docs/reliability.md, "The verdict"):
 *
 * <ul>
 *   <li>per item (a claim by hospitalId and claimId, an application, a year-end item, a rejection): as many
 *       {@code settled}, {@code reversed} and {@code rejected} events, parked at the end exactly when replay's is, the
 *       same assistance and other payers to the fen (the sum over its events: adjustments and reversals are deltas);</li>
 *   <li>per person-year: the same assistance, tilt and total (tilt may be attributed to another item of the person-year
 *       when identities arrive at another moment than in the file, so it is compared here and not per item);</li>
 *   <li>no settlementId and no alertId twice;</li>
 *   <li>every dead letter is a record the harness published that breaks the contract (replay rejects it as
 *       invalid); such a dead letter stands for replay's rejection of it;</li>
 *   <li>in the HTTP mode, a line the services refused at the door (4xx) stands for replay's rejection of it too;</li>
 *   <li>the claim query store holds, per claimId, every settlement event of the topic ({@link #claimStore});</li>
 *   <li>a claim sent under two persons or more is settled under exactly one of them, and each other person's line is
 *       rejected once as owned by another person ({@link ClaimOwners}). Where the stream's owner is not the file's
 *       first sender, the comparison is with replay of the file in an order that gives the claim to the same person.</li>
 * </ul>
 * Replay's rejections of lines no producer can send (not Avro, see {@link EventFile}) are left out.
 */
final class Verdict {
    /** One difference: what, about which item, what replay has, what the services published. */
    record Mismatch(String category, String subject, String expected, String actual) {
        String describe() {
            return category + " " + subject + ": expected " + expected + ", actual " + actual;
        }
    }

    /** The statuses counted per item. */
    static final List<String> STATUSES = List.of("settled", "adjustment", "reversed", "parked", "rejected");

    final List<Mismatch> mismatches = new ArrayList<>();
    /** Differences that are allowed (docs/local-run.md: adjustments, parks and occasionally an alert depend on timing). */
    final List<String> notes = new ArrayList<>();
    final Map<String, long[]> statusCounts = new LinkedHashMap<>(); // status → {actual, expected}
    long claims;
    long personYears;
    long items;
    long alertsExpected;
    long alertsActual;
    long deadLetters;
    long deadLettersExplained;
    /** Lines the services refused at the door (HTTP 4xx), each standing for replay's rejection of it. */
    long refusedAtTheDoor;
    /** Input events on Kafka more often than in the file: sent again after a failure, each to be settled once. */
    long inputsSentAgain;
    long unpublishableDropped;
    long duplicateSettlementIds;
    long duplicateAlerts;

    /** Claims the file sends under two persons or more, and how many of them the stream gave to a later sender. */
    long crossedClaims;
    long crossedWonByLater;

    boolean pass() { return mismatches.isEmpty(); }

    /**
     * Counts the input events on the input topics more often than the file holds them ({@link Outputs#inputs}): the
     * requests or records sent again after a kill or a failed send. The comparison above has already found each of
     * their items settled as often as replay settles it; this says how often that was put to the test.
     */
    void sentAgain(EventFile file, Map<String, Integer> onKafka) {
        Map<String, Integer> inFile = new HashMap<>();
        for (EventFile.Line l : file.lines()) {
            if (l.kind() == EventFile.Kind.VALID && l.id() != null) inFile.merge(l.type() + ":" + l.id(), 1, Integer::sum);
        }
        long events = 0;
        for (Map.Entry<String, Integer> e : onKafka.entrySet()) {
            int extra = e.getValue() - inFile.getOrDefault(e.getKey(), 0);
            if (extra > 0) {
                inputsSentAgain += extra;
                events++;
            }
        }
        if (inputsSentAgain > 0) {
            notes.add(inputsSentAgain + " input record(s) of " + events + " event(s) on Kafka more often than in the file (sent again after a kill"
                    + " or a failed send); their items are settled as often as replay settles them");
        }
    }

    /**
     * Replays the event file with its lines in another order ({@link ClaimOwners#order}: the file's line numbers, 1-based,
     * in the new order) and returns what replay writes.
     */
    interface Replay {
        Outputs inOrder(List<Integer> lineNumbers);
    }

    private static final class Item {
        final Map<String, Integer> counts = new HashMap<>();
        final List<Outcome> events = new ArrayList<>();
        long assistance;
        long localFinanceRelief;
        long hospitalBorne;
        boolean emptyReason;

        void add(Outcome o) {
            events.add(o);
            counts.merge(o.status(), 1, Integer::sum);
            assistance += o.assistance();
            localFinanceRelief += o.localFinanceRelief();
            hospitalBorne += o.hospitalBorne();
            if ((o.status().equals("rejected") || o.status().equals("parked")) && (o.reason() == null || o.reason().isBlank())) {
                emptyReason = true;
            }
        }

        int count(String status) { return counts.getOrDefault(status, 0); }

        /** The item's events, for a mismatch's details: {@code [settlementId status assistance/tilt, …]}. */
        String describe() {
            if (events.isEmpty()) return "no events";
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < Math.min(6, events.size()); i++) {
                Outcome o = events.get(i);
                if (i > 0) sb.append(", ");
                sb.append(o.settlementId()).append(' ').append(o.status()).append(' ').append(yuan(o.assistance())).append('/')
                        .append(yuan(o.tilt()));
                if (o.reason() != null && !o.reason().isBlank()) sb.append(" \"").append(o.reason()).append('"');
            }
            if (events.size() > 6) sb.append(", … ").append(events.size() - 6).append(" more");
            return sb.append(']').toString();
        }

        /** Parked and neither settled nor cancelled by a reversal since. */
        boolean finallyParked() { return count("parked") > 0 && count("settled") == 0 && count("reversed") == 0; }
    }

    /**
     * settlement-service's claim query store against the settlements topic: it must keep, per claimId, every settlement
     * event of that claimId (docs/architecture.md, "settlements ─▶ [key-by-claim]").
     */
    void claimStore(List<Outcome> actual, Map<String, Integer> store) {
        Map<String, Integer> onTopic = new TreeMap<>();
        for (Outcome o : actual) if (o.claimId() != null) onTopic.merge(o.claimId(), 1, Integer::sum);
        Set<String> keys = new TreeSet<>(onTopic.keySet());
        keys.addAll(store.keySet());
        notes.add("claim query store: " + store.size() + " claimIds held, " + onTopic.size() + " on the settlements topic");
        for (String k : keys) {
            int t = onTopic.getOrDefault(k, 0);
            int q = store.getOrDefault(k, 0);
            if (t != q) {
                mismatches.add(new Mismatch("claim-store", "claimId " + k, t + " settlement(s), as on the settlements topic",
                        q + " in the settlements-by-claim store"));
            }
        }
    }

    /** The verdict for a file that the services cannot have settled in another order than replay's (no crossed claims). */
    static Verdict judge(EventFile file, List<Outcome> expectedIn, List<String> expectedAlerts, List<Outcome> actual,
                         List<String> actualAlerts, List<DeadLetterView> letters) {
        return judge(file, expectedIn, expectedAlerts, actual, actualAlerts, letters, order -> {
            throw new IllegalStateException("a crossed claim went to a later person, and no replay in another order was given");
        });
    }

    /**
     * The verdict: {@code expectedIn} and {@code expectedAlerts} are replay's output for the file as it is; where the
     * services gave a crossed claim to a later sender than the file's first, {@code replay} replays the file in an order
     * that gives it to the same person, and that output is compared instead.
     */
    static Verdict judge(EventFile file, List<Outcome> expectedIn, List<String> expectedAlerts, List<Outcome> actual,
                         List<String> actualAlerts, List<DeadLetterView> letters, Replay replay) {
        return judge(file, expectedIn, expectedAlerts, actual, actualAlerts, letters, List.of(), replay);
    }

    /**
     * The verdict, with the lines the services refused at the door ({@link HttpPublisher}): each stands for replay's
     * rejection of it, as a dead letter does.
     */
    static Verdict judge(EventFile file, List<Outcome> expectedIn, List<String> expectedAlerts, List<Outcome> actual,
                         List<String> actualAlerts, List<DeadLetterView> letters, List<Feed.Refusal> refused, Replay replay) {
        Verdict v = new Verdict();
        ClaimOwners owners = ClaimOwners.judge(file, actual);
        v.crossedClaims = owners.crossed.size();
        v.crossedWonByLater = owners.wonByLater;
        v.mismatches.addAll(owners.mismatches);
        List<Integer> order = owners.order(file);
        if (order != null) {
            Outputs inStreamOrder = replay.inOrder(order);
            expectedIn = inStreamOrder.settlements;
            expectedAlerts = inStreamOrder.alerts;
            v.notes.add(owners.wonByLater + " of " + owners.crossed.size() + " claim(s) sent under two persons or more went to a later"
                    + " sender than the file's first (" + owners.describeLater() + "): compared with replay of the file with the"
                    + " other senders' lines of each moved to just after the owner's");
        }
        List<Outcome> expected = v.withoutUnpublishable(file, expectedIn);

        Map<String, Item> exp = items(expected);
        Map<String, Item> act = items(actual);
        Map<String, Integer> answeredByLetter = v.deadLetters(file, letters);
        Map<String, Integer> answeredAtTheDoor = v.refusals(file, refused);

        for (String s : STATUSES) v.statusCounts.put(s, new long[] {0, 0});
        for (Outcome o : actual) v.statusCounts.computeIfAbsent(o.status(), k -> new long[2])[0]++;
        for (Outcome o : expected) v.statusCounts.computeIfAbsent(o.status(), k -> new long[2])[1]++;

        Set<String> all = new TreeSet<>(exp.keySet());
        all.addAll(act.keySet());
        all.addAll(answeredByLetter.keySet());
        all.addAll(answeredAtTheDoor.keySet());
        v.items = all.size();
        long parksDiffer = 0;
        long yearEndDiffer = 0;
        for (String key : all) {
            Item e = exp.getOrDefault(key, new Item());
            Item a = act.getOrDefault(key, new Item());
            if (key.startsWith("claim ")) v.claims++;
            int before = v.mismatches.size();
            if (key.startsWith("item year_close:")) {
                // a year-end item carries tilt only, compared per person-year; whether it exists depends on what the
                // person's ledger holds when the year close meets it, which timing may change (a note, not a mismatch)
                if (e.count("settled") != a.count("settled") || e.events.size() != a.events.size()) {
                    yearEndDiffer++;
                    if (yearEndDiffer <= 3) v.notes.add("year-end " + key.substring(5) + ": replay " + e.describe() + ", services " + a.describe());
                }
                continue;
            }
            v.compare("settled", key, e.count("settled"), a.count("settled"));
            v.compare("reversed", key, e.count("reversed"), a.count("reversed"));
            int letters2 = answeredByLetter.getOrDefault(key, 0);
            int refusals2 = answeredAtTheDoor.getOrDefault(key, 0);
            if (e.count("rejected") != a.count("rejected") + letters2 + refusals2) {
                v.mismatches.add(new Mismatch("rejected", key, e.count("rejected") + " rejection(s)",
                        a.count("rejected") + " rejection(s)" + (letters2 > 0 ? " + " + letters2 + " dead letter(s)" : "")
                                + (refusals2 > 0 ? " + " + refusals2 + " refused over HTTP" : "")));
            }
            if (e.finallyParked() != a.finallyParked()) {
                v.mismatches.add(new Mismatch("parked", key, e.finallyParked() ? "parked at the end" : "not parked at the end",
                        a.finallyParked() ? "parked at the end" : "not parked at the end"));
            } else if (e.count("parked") != a.count("parked")) {
                parksDiffer++;
            }
            if (e.assistance != a.assistance) v.mismatches.add(new Mismatch("assistance", key, yuan(e.assistance), yuan(a.assistance)));
            if (e.localFinanceRelief != a.localFinanceRelief || e.hospitalBorne != a.hospitalBorne) {
                v.mismatches.add(new Mismatch("other-payers", key,
                        "localFinanceRelief " + yuan(e.localFinanceRelief) + " hospitalBorne " + yuan(e.hospitalBorne),
                        "localFinanceRelief " + yuan(a.localFinanceRelief) + " hospitalBorne " + yuan(a.hospitalBorne)));
            }
            if (a.emptyReason) v.mismatches.add(new Mismatch("reason", key, "a reason on every rejected and parked event", "an empty reason"));
            // the item's events, with the first of its mismatches
            if (v.mismatches.size() > before) {
                Mismatch m = v.mismatches.get(before);
                v.mismatches.set(before, new Mismatch(m.category(), m.subject(), m.expected() + " " + e.describe(),
                        m.actual() + " " + a.describe()));
            }
        }
        if (yearEndDiffer > 0) {
            v.notes.add(yearEndDiffer + " year-end item(s) published otherwise than by replay (their tilt is in the person-year totals)");
        }
        long[] re = recovered(expected);
        long[] ra = recovered(actual);
        if (re[0] != ra[0] || re[1] != ra[1]) {
            v.notes.add("paid, then taken back by an adjustment (recoveryDue): services " + yuan(ra[0]) + " in " + ra[1]
                    + " adjustment(s), replay " + yuan(re[0]) + " in " + re[1] + " (the order in which inputs met differs)"
                    + v.mostRecovered(exp, act));
        }
        if (parksDiffer > 0) v.notes.add(parksDiffer + " item(s) parked a different number of times than in replay (timing; all settled or parked alike at the end)");

        v.personYears(expected, actual);
        v.duplicates(expected, actual);
        v.alerts(expectedAlerts, actualAlerts);
        return v;
    }

    /** The items the services took most more back from than replay did, with their events. */
    private String mostRecovered(Map<String, Item> exp, Map<String, Item> act) {
        List<Map.Entry<String, Long>> more = new ArrayList<>();
        for (Map.Entry<String, Item> a : act.entrySet()) {
            Item e = exp.get(a.getKey());
            long diff = recovered(a.getValue().events)[0] - (e == null ? 0 : recovered(e.events)[0]);
            if (diff > 0) more.add(Map.entry(a.getKey(), diff));
        }
        if (more.isEmpty()) return "";
        more.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder sb = new StringBuilder("; the most: ");
        for (int i = 0; i < Math.min(3, more.size()); i++) {
            String k = more.get(i).getKey();
            Item e = exp.get(k);
            sb.append(i == 0 ? "" : "; ").append(k).append(" replay ").append(e == null ? "no events" : e.describe())
                    .append(", services ").append(act.get(k).describe());
        }
        return sb.toString();
    }

    /** Money taken back by adjustments (negative assistance and tilt deltas; not reversals), and their count. */
    private static long[] recovered(List<Outcome> outcomes) {
        long fen = 0;
        long n = 0;
        for (Outcome o : outcomes) {
            if (!o.status().equals("adjustment")) continue;
            long back = Math.min(0, o.assistance()) + Math.min(0, o.tilt());
            if (back < 0) {
                fen -= back;
                n++;
            }
        }
        return new long[] {fen, n};
    }

    /**
     * Lines refused at the door, by the item replay files its rejection under: a line that breaks the contract under its
     * {@link EventFile.Line#rejection()}, a well-formed one (refused by an endpoint's own rule, or by a wrong token) as
     * replay would reject it. A refused line replay settles shows up as a missing settlement of its item.
     */
    private Map<String, Integer> refusals(EventFile file, List<Feed.Refusal> refused) {
        Map<String, Integer> answered = new HashMap<>();
        refusedAtTheDoor = refused.size();
        for (Feed.Refusal r : refused) {
            EventFile.Line l = file.line(r.line());
            String item = l.rejection() != null ? l.rejection() : l.type() == null ? null : Outcome.rejectionItem(l.type(), l.id());
            if (item == null) {
                mismatches.add(new Mismatch("refused", "line " + r.line(), "a line replay rejects under an item",
                        "refused with " + r.status() + " \"" + r.reason() + "\""));
                continue;
            }
            answered.merge(item, 1, Integer::sum);
        }
        return answered;
    }

    /** Replay's rejections of lines that were never published, left out: one rejection per such line. */
    private List<Outcome> withoutUnpublishable(EventFile file, List<Outcome> expected) {
        Map<String, Integer> drop = new HashMap<>();
        for (EventFile.Line l : file.lines()) {
            if (l.kind() == EventFile.Kind.UNPUBLISHABLE && l.rejection() != null) drop.merge(l.rejection(), 1, Integer::sum);
        }
        List<Outcome> out = new ArrayList<>(expected.size());
        for (Outcome o : expected) {
            Integer n = o.status().equals("rejected") ? drop.get(o.item()) : null;
            if (n != null && n > 0) {
                drop.put(o.item(), n - 1);
                unpublishableDropped++;
                continue;
            }
            out.add(o);
        }
        drop.forEach((item, n) -> {
            if (n > 0) notes.add("replay wrote no rejection for " + n + " unpublished line(s) of " + item);
        });
        return out;
    }

    /** Checks each dead letter; returns, per rejection item, how many were answered by a dead letter instead. */
    private Map<String, Integer> deadLetters(EventFile file, List<DeadLetterView> letters) {
        Map<String, Integer> answered = new HashMap<>();
        deadLetters = letters.size();
        for (DeadLetterView d : letters) {
            EventFile.Line l = d.line() == null ? null : file.line(d.line());
            if (l != null && l.kind() == EventFile.Kind.INVALID && l.rejection() != null) {
                deadLettersExplained++;
                answered.merge(l.rejection(), 1, Integer::sum);
                continue;
            }
            String why = l == null ? "no dead letter (not a record the harness published)"
                    : "no dead letter (line " + l.number() + " is a valid " + l.type() + ")";
            mismatches.add(new Mismatch("dead-letter", d.describe(), why, "dead letter \"" + d.reason() + "\""));
        }
        return answered;
    }

    private void personYears(List<Outcome> expected, List<Outcome> actual) {
        Map<String, long[]> e = byPersonYear(expected);
        Map<String, long[]> a = byPersonYear(actual);
        Set<String> keys = new TreeSet<>(e.keySet());
        keys.addAll(a.keySet());
        personYears = keys.size();
        for (String k : keys) {
            long[] x = e.getOrDefault(k, new long[2]);
            long[] y = a.getOrDefault(k, new long[2]);
            if (x[0] != y[0] || x[1] != y[1]) {
                mismatches.add(new Mismatch("person-year", k,
                        "assistance " + yuan(x[0]) + " tilt " + yuan(x[1]) + " total " + yuan(x[0] + x[1]),
                        "assistance " + yuan(y[0]) + " tilt " + yuan(y[1]) + " total " + yuan(y[0] + y[1])));
            }
        }
    }

    private void duplicates(List<Outcome> expected, List<Outcome> actual) {
        Map<String, Integer> e = new HashMap<>();
        for (Outcome o : expected) e.merge(o.settlementId(), 1, Integer::sum);
        Map<String, Integer> a = new TreeMap<>();
        for (Outcome o : actual) a.merge(o.settlementId(), 1, Integer::sum);
        a.forEach((id, n) -> {
            int allowed = Math.max(1, e.getOrDefault(id, 0));
            if (n > allowed) {
                duplicateSettlementIds++;
                mismatches.add(new Mismatch("duplicate", "settlementId " + id, allowed + " time(s)", n + " times"));
            }
        });
    }

    private void alerts(List<String> expected, List<String> actual) {
        alertsExpected = expected.size();
        alertsActual = actual.size();
        Map<String, Integer> a = new TreeMap<>();
        for (String id : actual) a.merge(id, 1, Integer::sum);
        a.forEach((id, n) -> {
            if (n > 1) {
                duplicateAlerts++;
                mismatches.add(new Mismatch("duplicate", "alertId " + id, "once", n + " times"));
            }
        });
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(a.keySet());
        Set<String> extra = new TreeSet<>(a.keySet());
        expected.forEach(extra::remove);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            notes.add("alerts differ from replay (timing, docs/local-run.md): " + missing.size() + " not published"
                    + (missing.isEmpty() ? "" : " (" + first(missing) + ")") + ", " + extra.size() + " more"
                    + (extra.isEmpty() ? "" : " (" + first(extra) + ")"));
        }
    }

    private static String first(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        return String.join(", ", l.subList(0, Math.min(3, l.size()))) + (l.size() > 3 ? ", …" : "");
    }

    private void compare(String status, String key, int expected, int actual) {
        if (expected != actual) mismatches.add(new Mismatch(status, key, expected + " " + status, actual + " " + status));
    }

    private static Map<String, Item> items(List<Outcome> outcomes) {
        Map<String, Item> m = new HashMap<>();
        for (Outcome o : outcomes) m.computeIfAbsent(o.item(), k -> new Item()).add(o);
        return m;
    }

    private static Map<String, long[]> byPersonYear(List<Outcome> outcomes) {
        Map<String, long[]> m = new HashMap<>();
        for (Outcome o : outcomes) {
            if (o.assistance() == 0 && o.tilt() == 0) continue;
            long[] t = m.computeIfAbsent(o.personYear(), k -> new long[2]);
            t[0] += o.assistance();
            t[1] += o.tilt();
        }
        m.values().removeIf(t -> t[0] == 0 && t[1] == 0);
        return m;
    }

    /** Mismatches grouped by category, in a stable order. */
    List<Mismatch> sorted() {
        List<Mismatch> l = new ArrayList<>(mismatches);
        l.sort(Comparator.comparing(Mismatch::category).thenComparing(Mismatch::subject));
        return l;
    }

    /** Mismatch counts by category. */
    Map<String, Integer> byCategory() {
        Map<String, Integer> m = new TreeMap<>();
        for (Mismatch x : mismatches) m.merge(x.category(), 1, Integer::sum);
        return m;
    }

    static String yuan(long fen) {
        return Objects.requireNonNull(Money.format(fen));
    }
}
