package org.medassist.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Claims the event file sends under more than one person, and which person the stream gave each one to
 * (docs/reliability.md, "Claims sent under two persons").
 *
 * <p>A claim (hospitalId and claimId) belongs to the first person whose ownership request reaches the claim owners'
 * registry ({@code register-claims}, keyed by the claim identity). Requests of different persons come from different
 * partitions, processed at their own pace, so the winner is the first in processing order, not necessarily the first
 * in the file, which is replay's winner. For each such claim the services must have settled it under exactly one of
 * the persons that sent it, and rejected each other person's line once, with the ownership reason. Where that person
 * is not the file's first, {@link #order} gives the file's lines in an order in which replay reaches the same winner,
 * and the rest of the verdict compares with replay of that order.
 */
final class ClaimOwners {
    /** What the rejection of a claim already owned by another person says (docs/contract.md, "Idempotency"). */
    static final String OWNERSHIP_REASON = "was already received for another person";

    /** A claim identity with the valid lines that send it, in file order, under two persons or more. */
    record Crossed(String identity, List<EventFile.Line> lines) {
        /** The persons that send it, in the order of their first line. */
        Set<String> persons() {
            Set<String> s = new LinkedHashSet<>();
            for (EventFile.Line l : lines) s.add(l.claim().personId());
            return s;
        }

        /** The file's first sender, replay's winner. */
        String first() { return lines.get(0).claim().personId(); }

        long linesOf(String person) { return lines.stream().filter(l -> l.claim().personId().equals(person)).count(); }
    }

    final List<Crossed> crossed = new ArrayList<>();
    /** Per claim identity, the person the stream settled it under, where that is exactly one of its senders. */
    final Map<String, String> winners = new TreeMap<>();
    final List<Verdict.Mismatch> mismatches = new ArrayList<>();
    /** Crossed claims the stream gave to another person than the file's first. */
    int wonByLater;

    private static final class Events {
        int settlements; // any status but rejected
        int ownershipRejections;
        final List<String> others = new ArrayList<>(); // other rejections, with their reasons
    }

    /** The crossed claims of {@code file} and their owners in {@code actual} (the services' settlements). */
    static ClaimOwners judge(EventFile file, List<Outcome> actual) {
        ClaimOwners owners = new ClaimOwners();
        Map<String, List<EventFile.Line>> byIdentity = new LinkedHashMap<>();
        for (EventFile.Line l : file.lines()) {
            if (l.kind() == EventFile.Kind.VALID && l.claim() != null) {
                byIdentity.computeIfAbsent(l.claim().identity(), k -> new ArrayList<>()).add(l);
            }
        }
        for (Map.Entry<String, List<EventFile.Line>> e : byIdentity.entrySet()) {
            Crossed c = new Crossed(e.getKey(), e.getValue());
            if (c.persons().size() > 1) owners.crossed.add(c);
        }
        if (owners.crossed.isEmpty()) return owners;

        Map<String, Map<String, Events>> events = new HashMap<>(); // identity → person → events
        for (Crossed c : owners.crossed) events.put(c.identity(), new TreeMap<>());
        for (Outcome o : actual) {
            if (o.claimId() == null || o.hospitalId() == null) continue;
            Map<String, Events> persons = events.get(o.hospitalId() + "/" + o.claimId());
            if (persons == null) continue;
            Events ev = persons.computeIfAbsent(o.personId(), k -> new Events());
            if (!o.status().equals("rejected")) ev.settlements++;
            else if (o.reason() != null && o.reason().contains(OWNERSHIP_REASON)) ev.ownershipRejections++;
            else ev.others.add(o.reason());
        }
        for (Crossed c : owners.crossed) owners.check(c, events.get(c.identity()));
        return owners;
    }

    private void check(Crossed c, Map<String, Events> persons) {
        String subject = "claim " + c.identity();
        List<String> settledUnder = new ArrayList<>();
        persons.forEach((person, ev) -> {
            if (ev.settlements > 0) settledUnder.add(person);
        });
        if (settledUnder.size() > 1) {
            mismatches.add(new Verdict.Mismatch("claim-owner", subject, "settled under one person, the first to reach the claim"
                    + " owners' registry", "settled under " + settledUnder.size() + " persons, paid twice: " + describe(persons)));
            return;
        }
        if (settledUnder.isEmpty()) {
            mismatches.add(new Verdict.Mismatch("claim-owner", subject, "settled under one of " + String.join(", ", c.persons())
                    + ", the first to reach the claim owners' registry", "settled under none of them: " + describe(persons)));
            return;
        }
        String winner = settledUnder.get(0);
        if (!c.persons().contains(winner)) {
            mismatches.add(new Verdict.Mismatch("claim-owner", subject, "settled under one of " + String.join(", ", c.persons()),
                    "settled under " + winner + ", who never sent it: " + describe(persons)));
            return;
        }
        winners.put(c.identity(), winner);
        if (!winner.equals(c.first())) wonByLater++;
        for (String person : c.persons()) {
            Events ev = persons.getOrDefault(person, new Events());
            long want = person.equals(winner) ? 0 : c.linesOf(person);
            if (ev.ownershipRejections != want || !ev.others.isEmpty()) {
                mismatches.add(new Verdict.Mismatch("claim-owner", subject + " under " + person,
                        want + " rejection(s) \"" + OWNERSHIP_REASON + "\" (" + (want == 0 ? "its owner, " + winner : "owned by " + winner) + ")",
                        ev.ownershipRejections + " such rejection(s)" + (ev.others.isEmpty() ? "" : ", other rejections " + ev.others)));
            }
        }
    }

    private static String describe(Map<String, Events> persons) {
        if (persons.isEmpty()) return "no events";
        List<String> parts = new ArrayList<>();
        persons.forEach((person, ev) -> parts.add(person + " " + ev.settlements + " settlement(s), " + ev.ownershipRejections
                + " ownership rejection(s)" + (ev.others.isEmpty() ? "" : ", other rejections " + ev.others)));
        return String.join("; ", parts);
    }

    /**
     * The file's line numbers (1-based), in the order in which replay gives every crossed claim to the person the stream
     * gave it to: each other person's line of that claim that comes before the winner's first line is moved to just
     * after it (keeping their order); every other line keeps its place. Null when file order already does.
     */
    List<Integer> order(EventFile file) {
        Map<Integer, List<Integer>> after = new HashMap<>(); // winner's line → lines moved behind it
        Set<Integer> moved = new LinkedHashSet<>();
        for (Crossed c : crossed) {
            String winner = winners.get(c.identity());
            if (winner == null || winner.equals(c.first())) continue;
            EventFile.Line winning = c.lines().stream().filter(l -> l.claim().personId().equals(winner)).findFirst().orElseThrow();
            for (EventFile.Line l : c.lines()) {
                if (l.number() < winning.number() && !l.claim().personId().equals(winner)) {
                    after.computeIfAbsent(winning.number(), k -> new ArrayList<>()).add(l.number());
                    moved.add(l.number());
                }
            }
        }
        if (moved.isEmpty()) return null;
        List<Integer> order = new ArrayList<>(file.lines().size());
        for (EventFile.Line l : file.lines()) {
            if (moved.contains(l.number())) continue;
            order.add(l.number());
            order.addAll(after.getOrDefault(l.number(), List.of()));
        }
        return order;
    }

    /** The claims won by a later person, for a note: {@code identity: winner, not first}. */
    String describeLater() {
        List<String> parts = new ArrayList<>();
        for (Crossed c : crossed) {
            String w = winners.get(c.identity());
            if (w != null && !w.equals(c.first())) parts.add(c.identity() + " to " + w + " (file: " + c.first() + ")");
        }
        return parts.size() <= 3 ? String.join("; ", parts) : String.join("; ", parts.subList(0, 3)) + "; …";
    }
}
