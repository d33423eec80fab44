package org.medassist.settlement.fuzz;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.medassist.events.DeadLetter;
import org.medassist.events.Settlement;

/**
 * Every input the fuzz sent, and what became of it. An input ends as exactly one of (docs/contract.md, "Statuses";
 * docs/architecture.md, dead letters): a 4xx with a reason, a {@code rejected} settlement with a reason, a dead
 * letter per Kafka record carrying its source topic, partition and offset and a reason, or its normal answer
 * (settled, parked, reversed, folded into a timeline; or nothing, for the inputs whose contract publishes nothing).
 * {@link #problems()} lists every input that ended otherwise, or not at all, and every answer no input explains.
 */
final class Accounting {
    enum Outcome {
        /** HTTP 4xx with a JSON body carrying a reason. */
        REFUSED("refused 4xx"),
        /** HTTP 2xx: its events went to Kafka and are inputs of their own. */
        ACCEPTED("accepted 2xx"),
        REJECTED("rejected settlement"),
        DEAD_LETTER("dead letter"),
        /** A settlement that is not a rejection (settled, parked, adjustment, reversed), or a folded timeline. */
        ANSWERED("settled/parked/folded"),
        /** Nothing published, which is the contract's answer for this input (a parameter, a year close, a timeline). */
        SILENT("applied, nothing to publish");

        final String label;

        Outcome(String label) { this.label = label; }
    }

    /** Where a Kafka record is. */
    record Ref(String topic, int partition, long offset) {
        @Override
        public String toString() { return topic + "[" + partition + "]@" + offset; }
    }

    /** One thing that happened to an input. */
    record Seen(Outcome outcome, String detail) {}

    static final class Input {
        final int id;
        final String channel;
        final String what;
        final Set<Outcome> allowed;
        /** Its Kafka records (several for a year close, one per partition); empty for an HTTP request. */
        final List<Ref> refs = new ArrayList<>();
        /** Raw key and value, to match a dead letter that carries no offset. */
        byte[] key;
        byte[] value;
        final List<Seen> seen = new ArrayList<>();
        /** Dead letters per source record named. */
        final Map<Ref, Integer> letters = new HashMap<>();
        /** For a request: the events it carried, inputs of their own once accepted. */
        final List<Input> children = new ArrayList<>();
        /** Shown in reports: the seed reproduces everything else. */
        String sample;
        /** For an event a request carried: the event as sent. */
        String json;

        Input(int id, String channel, String what, Set<Outcome> allowed) {
            this.id = id;
            this.channel = channel;
            this.what = what;
            this.allowed = allowed.isEmpty() ? EnumSet.noneOf(Outcome.class) : EnumSet.copyOf(allowed);
        }

        void see(Outcome o, String detail) { seen.add(new Seen(o, detail)); }

        /** The one outcome, or null when there is none or more than one kind. */
        Outcome outcome() {
            Set<Outcome> kinds = EnumSet.noneOf(Outcome.class);
            for (Seen s : seen) kinds.add(s.outcome());
            return kinds.size() == 1 ? kinds.iterator().next() : null;
        }

        @Override
        public String toString() {
            String s = "#" + id + " " + channel + " (" + what + ")" + (refs.isEmpty() ? "" : " at " + refs);
            return sample == null ? s : s + ": " + (sample.length() > 300 ? sample.substring(0, 300) + "…" : sample);
        }
    }

    private final List<Input> inputs = new ArrayList<>();
    private final Map<Ref, Input> byRef = new HashMap<>();
    private final Map<String, Input> byMarker = new HashMap<>();
    private final Map<String, Input> byRaw = new HashMap<>();
    private final List<String> unexplained = new ArrayList<>();
    private final List<String> duplicatedMarkers = new ArrayList<>();
    private int nextId;
    /** Dead letters that name no source offset (a global table's records: an open defect, BadInputFuzzTest). */
    int offsetless;

    Input add(String channel, String what, Set<Outcome> allowed) {
        Input in = new Input(++nextId, channel, what, allowed);
        inputs.add(in);
        return in;
    }

    List<Input> inputs() { return inputs; }

    /** An event that an accepted request sent to Kafka: an input of its own. */
    Input child(Input request, String channel, Set<Outcome> allowed) {
        Input in = new Input(++nextId, channel, request.what, allowed);
        request.children.add(in);
        return in;
    }

    /** The input's Kafka record is at {@code ref}: a dead letter naming it is the input's. */
    void located(Input in, Ref ref) {
        in.refs.add(ref);
        Input before = byRef.put(ref, in);
        if (before != null && before != in) throw new IllegalStateException(ref + " claimed by " + before + " and " + in);
    }

    /** A dead letter that cannot name its offset (a global table's record) is matched by its raw key and value. */
    void raw(Input in, byte[] key, byte[] value) {
        in.key = key;
        in.value = value;
        byRaw.put(rawKey(key, value), in);
    }

    /**
     * A settlement carrying {@code marker} (see {@link #marker}) answers {@code in}. Markers are unique per run: the
     * fuzz gives every event its own ids and, for person events, its own person.
     */
    void marker(Input in, String marker) {
        Input before = byMarker.putIfAbsent(marker, in);
        if (before != null && before != in) duplicatedMarkers.add(marker + " of " + before + " and " + in);
    }

    /** The marker of a settlement: its reference when it has one, else its claim; with person and region. */
    static String marker(Settlement s) {
        String what = s.getReference() != null ? "ref:" + s.getReference() : "claim:" + s.getClaimId();
        return marker(what, s.getPersonId(), s.getRegion());
    }

    static String marker(String what, String personId, String region) {
        return what + "@" + (personId == null ? "" : personId) + "/" + (region == null ? "" : region);
    }

    // ------------------------------------------------------------------------------------------- observations

    void deadLetter(DeadLetter d) {
        Ref ref = new Ref(d.getSourceTopic(), d.getPartition(), d.getOffset());
        Input in = byRef.get(ref);
        if (in == null && d.getOffset() < 0) in = byRaw.get(rawKey(bytes(d.getKey()), bytes(d.getValue())));
        String reason = d.getReason();
        if (in == null) {
            unexplained.add("dead letter from " + ref + " that no input explains (" + d.getService() + "): " + reason);
            return;
        }
        if (reason == null || reason.isBlank()) {
            unexplained.add("dead letter from " + ref + " without a reason, for " + in);
        }
        if (d.getOffset() < 0) offsetless++;
        in.letters.merge(ref, 1, Integer::sum);
        in.see(Outcome.DEAD_LETTER, ref + ": " + reason);
    }

    void settlement(Settlement s) {
        boolean rejected = s.getStatus().name().equals("rejected");
        Input in = byMarker.get(marker(s));
        if (in == null && !rejected && s.getClaimId() != null) in = byMarker.get(marker("claim:" + s.getClaimId(), s.getPersonId(), s.getRegion()));
        if (in == null) {
            if (rejected) unexplained.add("rejected settlement that no input explains: " + s.getSettlementId() + " " + s.getReason());
            return; // a year-end item, an adjustment of an input's neighbour: answers the fuzz did not ask for
        }
        if (rejected) {
            if (s.getReason() == null || s.getReason().isBlank()) unexplained.add("rejected settlement without a reason for " + in);
            in.see(Outcome.REJECTED, s.getSettlementId() + ": " + s.getReason());
        } else {
            in.see(Outcome.ANSWERED, s.getSettlementId() + " " + s.getStatus());
        }
    }

    /** A timeline published by the identity fold that holds the event {@code marker} names. */
    void folded(String marker) {
        Input in = byMarker.get(marker);
        if (in != null && in.seen.stream().noneMatch(x -> x.outcome() == Outcome.ANSWERED)) in.see(Outcome.ANSWERED, "folded");
    }

    /** Whether every input that must be answered on Kafka has been (the fuzz waits for this). */
    boolean settled() {
        for (Input in : inputs) {
            if (!in.refs.isEmpty() && in.seen.isEmpty() && !in.allowed.contains(Outcome.SILENT)) return false;
            for (Input c : in.children) if (c.seen.isEmpty() && !c.allowed.contains(Outcome.SILENT)) return false;
        }
        return true;
    }

    /** Inputs still waiting for an answer, for progress lines. */
    int waiting() {
        int n = 0;
        for (Input in : all()) if (in.seen.isEmpty() && !in.allowed.contains(Outcome.SILENT)) n++;
        return n;
    }

    /** Every input, requests and the events their 2xx answers sent, in order. */
    List<Input> all() {
        List<Input> out = new ArrayList<>();
        for (Input in : inputs) {
            out.add(in);
            out.addAll(in.children);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ verdict

    /** Everything wrong, one line each: an input lost, answered twice or in the wrong way; an answer no input explains. */
    List<String> problems() {
        List<String> out = new ArrayList<>(unexplained);
        for (String d : duplicatedMarkers) out.add("two inputs share the marker " + d);
        for (Input in : all()) {
            String p = problem(in);
            if (p != null) out.add(p + ": " + in);
        }
        return out;
    }

    private static String problem(Input in) {
        if (in.seen.isEmpty()) {
            if (in.allowed.contains(Outcome.SILENT)) return null;
            return "LOST (no answer at all)";
        }
        Outcome o = in.outcome();
        if (o == null) return "answered in more than one way " + in.seen;
        if (!in.allowed.contains(o)) return "answered " + o.label + " where " + labels(in.allowed) + " was due " + in.seen;
        long n = in.seen.stream().filter(s -> s.outcome() == o).count();
        switch (o) {
            case DEAD_LETTER -> {
                // one per record; a global table's letter names no offset and is matched by key and value
                boolean offsetless = in.letters.keySet().stream().allMatch(r -> r.offset() < 0);
                if (offsetless && n != 1) return n + " dead letters for one record " + in.seen;
                if (!offsetless) {
                    for (Ref r : in.refs) {
                        int k = in.letters.getOrDefault(r, 0);
                        if (k != 1) return k + " dead letters for the record at " + r + " " + in.seen;
                    }
                }
            }
            case REJECTED -> {
                // one per record: each copy of a year close is refused by its own partition's task
                int due = Math.max(1, in.refs.size());
                if (n != due) return o.label + " " + n + " times, " + due + " due " + in.seen;
            }
            case REFUSED, ACCEPTED -> {
                if (n != 1) return o.label + " " + n + " times " + in.seen;
            }
            default -> { }
        }
        return null;
    }

    /** Marks every still unanswered input whose contract may publish nothing as such. */
    void closeSilent() {
        for (Input in : all()) if (in.seen.isEmpty() && in.allowed.contains(Outcome.SILENT)) in.see(Outcome.SILENT, "");
    }

    /** One line per channel: how many inputs, and how many ended each way. */
    List<String> summary() {
        Map<String, Map<String, Integer>> byChannel = new TreeMap<>();
        Map<String, Integer> totals = new TreeMap<>();
        for (Input in : all()) {
            Outcome o = in.outcome();
            String label = o == null ? (in.seen.isEmpty() ? "LOST" : "MIXED") : o.label;
            byChannel.computeIfAbsent(in.channel, k -> new LinkedHashMap<>()).merge(label, 1, Integer::sum);
            totals.merge(in.channel, 1, Integer::sum);
        }
        List<String> lines = new ArrayList<>();
        byChannel.forEach((channel, counts) -> lines.add(String.format("fuzz %-34s %4d inputs: %s", channel,
                totals.get(channel), counts.toString().replaceAll("[{}]", ""))));
        return lines;
    }

    private static String labels(Set<Outcome> set) {
        return String.join(" or ", set.stream().map(o -> o.label).toList());
    }

    private static String rawKey(byte[] key, byte[] value) {
        return Arrays.toString(key) + "|" + Arrays.toString(value);
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) return null;
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
