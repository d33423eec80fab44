package org.medassist.faults;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * When each fault strikes and how, drawn from the seed: the same seed, counts and event file give the same plan.
 * Positions are line numbers of the event file: a fault strikes once the publisher has handed that line to Kafka.
 * They fall between 5% and 95% of the file, so events flow before, during and after every fault.
 *
 * <p>Each registry outage is paired with a settlement-service kill (while there are kills to pair): when the kill is
 * due, the registry stops answering, the kill strikes, and the registry answers again {@link Fault#outageMillis} after
 * the new settlement-service is healthy (or a minute after its start, as it may wait for the registry to get there). A
 * freshly started service knows no schema ids yet, so this is the outage that matters.
 */
record FaultPlan(long seed, List<Fault> faults) {

    enum Kind {
        REGISTRY_OUTAGE("registry-outage"), SETTLEMENT_KILL("kill"), BROKER_RESTART("broker-restart"),
        ELIGIBILITY_RESTART("eligibility-restart");

        final String label;

        Kind(String label) { this.label = label; }
    }

    /**
     * One fault.
     *
     * @param number       1-based, per kind
     * @param position     the line after which it strikes
     * @param hard         SIGKILL ({@code kill -9}) rather than SIGTERM; always for settlement-service; for a registry outage,
     *                     {@link OutageKind#DOWN} rather than a hang
     * @param downMillis   how long the process stays down before it is started again
     * @param outageMillis for a registry outage, how long it lasts (after its paired kill's restart, if any)
     * @param pairedKill   for a registry outage, the number of the kill that strikes during it, or 0
     */
    record Fault(Kind kind, int number, int position, boolean hard, long downMillis, long outageMillis, int pairedKill) {
        String describe() {
            String s = kind.label + " #" + number + " at line " + position;
            return switch (kind) {
                case SETTLEMENT_KILL -> s + " (kill -9, down " + downMillis + " ms)";
                case BROKER_RESTART, ELIGIBILITY_RESTART -> s + " (" + (hard ? "kill -9" : "SIGTERM") + ", down " + downMillis + " ms)";
                case REGISTRY_OUTAGE -> s + " (" + (hard ? "down: kill -9, restarted" : "hang: kill -STOP, then -CONT") + " " + outageMillis
                        + " ms" + (pairedKill > 0 ? " after kill #" + pairedKill + "'s restart is healthy (1 min at most)" : "") + ")";
            };
        }
    }

    /**
     * How the registry stops answering: {@code HANG} stops its process ({@code kill -STOP}, then {@code -CONT}), so
     * connections open and requests wait; {@code DOWN} kills it ({@code kill -9}) and starts it again on its port and
     * database, so connections are refused meanwhile; {@code MIXED} alternates, the first outage a hang.
     */
    enum OutageKind { HANG, DOWN, MIXED }

    /** Fault counts, the registry outage's length range and kind. */
    record Counts(int kills, int brokerRestarts, int eligibilityRestarts, int registryOutages, long outageMinMillis,
                  long outageMaxMillis, OutageKind outageKind) {
        Counts(int kills, int brokerRestarts, int eligibilityRestarts, int registryOutages, long outageMinMillis, long outageMaxMillis) {
            this(kills, brokerRestarts, eligibilityRestarts, registryOutages, outageMinMillis, outageMaxMillis, OutageKind.MIXED);
        }
    }

    static FaultPlan draw(long seed, int lines, Counts counts) {
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + 17);
        int lo = Math.max(1, (int) (lines * 0.05));
        int hi = Math.max(lo + 1, (int) (lines * 0.95));
        List<Fault> faults = new ArrayList<>();

        int[] kills = positions(rnd, counts.kills(), lo, hi);
        int[] outages = positions(rnd, counts.registryOutages(), lo, hi);
        long span = Math.max(0, counts.outageMaxMillis() - counts.outageMinMillis());
        long[] outageMillis = new long[outages.length];
        for (int i = 0; i < outages.length; i++) outageMillis[i] = counts.outageMinMillis() + (long) (rnd.nextDouble() * span);
        // outage i of n is paired with kill i * kills / n (distinct while there are at least as many kills as outages)
        int[] pairedKillIndex = new int[outages.length];
        boolean[] taken = new boolean[kills.length];
        for (int i = 0; i < outages.length; i++) {
            int j = kills.length == 0 ? -1 : (int) ((long) i * kills.length / outages.length);
            if (j >= 0 && !taken[j]) {
                taken[j] = true;
                kills[j] = outages[i];
                pairedKillIndex[i] = j;
            } else {
                pairedKillIndex[i] = -1;
            }
        }
        Integer[] order = new Integer[kills.length];
        for (int j = 0; j < kills.length; j++) order[j] = j;
        java.util.Arrays.sort(order, Comparator.comparingInt(j -> kills[j]));
        int[] number = new int[kills.length];
        for (int rank = 0; rank < order.length; rank++) number[order[rank]] = rank + 1;
        for (int j = 0; j < kills.length; j++) {
            faults.add(new Fault(Kind.SETTLEMENT_KILL, number[j], kills[j], true, rnd.nextInt(2000), 0, 0));
        }
        for (int i = 0; i < outages.length; i++) {
            boolean down = switch (counts.outageKind()) {
                case HANG -> false;
                case DOWN -> true;
                case MIXED -> i % 2 == 1;
            };
            faults.add(new Fault(Kind.REGISTRY_OUTAGE, i + 1, outages[i], down, 0, outageMillis[i],
                    pairedKillIndex[i] < 0 ? 0 : number[pairedKillIndex[i]]));
        }
        int[] brokers = positions(rnd, counts.brokerRestarts(), lo, hi);
        for (int i = 0; i < brokers.length; i++) {
            faults.add(new Fault(Kind.BROKER_RESTART, i + 1, brokers[i], rnd.nextBoolean(), rnd.nextInt(3000), 0, 0));
        }
        int[] elig = positions(rnd, counts.eligibilityRestarts(), lo, hi);
        for (int i = 0; i < elig.length; i++) {
            faults.add(new Fault(Kind.ELIGIBILITY_RESTART, i + 1, elig[i], rnd.nextBoolean(), rnd.nextInt(2000), 0, 0));
        }
        // by position; at one position the outage comes before its kill
        faults.sort(Comparator.comparingInt(Fault::position).thenComparing(Fault::kind));
        return new FaultPlan(seed, List.copyOf(faults));
    }

    private static int[] positions(Random rnd, int n, int lo, int hi) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = lo + rnd.nextInt(hi - lo);
        java.util.Arrays.sort(out);
        return out;
    }

    long count(Kind kind) {
        return faults.stream().filter(f -> f.kind() == kind).count();
    }
}
