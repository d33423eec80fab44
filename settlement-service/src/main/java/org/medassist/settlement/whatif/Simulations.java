package org.medassist.settlement.whatif;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The simulations of a running service ({@code POST /v1/simulations}, docs/whatif.md): at most one runs at a time, on
 * a thread of its own, reading the history the factory gives (the input topics, by a consumer of no group) and
 * settling in its own memory; never a topic written, never a state store touched. The last few finished ones are
 * kept with their reports for {@code GET /v1/simulations/{id}}. Thread-safe.
 */
public final class Simulations implements AutoCloseable {
    /** Finished simulations kept, oldest dropped first. */
    static final int KEPT = 8;

    /** Another simulation is running: only one at a time. */
    public static final class Busy extends RuntimeException {
        private final String running;

        Busy(String running) {
            super("simulation " + running + " is still running; one runs at a time");
            this.running = running;
        }

        public String running() { return running; }
    }

    /** One simulation: what it simulates, how far it is, and at the end its report or why it failed. */
    public static final class Simulation {
        private final String id;
        private final String region;
        private final int year;
        private final String requestedBy;
        private final Instant started = Instant.now();
        private volatile String state = "running";
        private volatile String phase = "reading";
        private volatile double fraction = -1;
        private volatile long count;
        private volatile Instant finished;
        private volatile String error;
        private volatile ObjectNode report;
        private volatile boolean cancelled;

        Simulation(String id, String region, int year, String requestedBy) {
            this.id = id;
            this.region = region;
            this.year = year;
            this.requestedBy = requestedBy;
        }

        public String id() { return id; }

        public String region() { return region; }

        public String state() { return state; }

        /** The status, and the report once done, as the API returns them. */
        public ObjectNode json() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("id", id);
            o.put("region", region);
            o.put("year", year);
            o.put("requestedBy", requestedBy);
            o.put("state", state);
            o.put("started", started.toString());
            if (finished != null) o.put("finished", finished.toString());
            ObjectNode p = o.putObject("progress");
            p.put("phase", phase);
            if (fraction >= 0) p.put("fraction", Math.round(fraction * 1000) / 1000.0);
            p.put(phase.equals("comparing") ? "persons" : "events", count);
            if (error != null) o.put("error", error);
            if (report != null) o.set("report", report);
            return o;
        }
    }

    private final Function<Scope, History> histories;
    private final Map<String, Simulation> simulations = new LinkedHashMap<>();
    private Simulation running;

    /** @param histories the recorded history of a scope (the service: the input topics read from the beginning) */
    public Simulations(Function<Scope, History> histories) {
        this.histories = histories;
    }

    /** Starts a simulation of one region-year under the policies; throws {@link Busy} while another runs. */
    public synchronized Simulation start(PolicyPair policies, String region, int year, String requestedBy,
                                         Function<String, String> personName, String personNaming) {
        if (running != null) throw new Busy(running.id);
        Simulation s = new Simulation(UUID.randomUUID().toString(), region, year, requestedBy);
        Scope scope = Scope.of(List.of(region), year);
        WhatIf.Options options = new WhatIf.Options(scope, WhatIf.Options.DEFAULT_CACHED_PERSONS, 20, 1000, personName, personNaming);
        Progress progress = (phase, fraction, count) -> {
            s.phase = phase;
            s.fraction = fraction;
            s.count = count;
        };
        running = s;
        simulations.put(s.id, s);
        Thread t = new Thread(() -> {
            try {
                WhatIfReport r = WhatIf.run(histories.apply(scope), policies, options, progress, () -> s.cancelled);
                s.report = JsonReport.of(r);
                s.state = "done";
            } catch (WhatIf.Cancelled e) {
                s.state = "cancelled";
            } catch (Throwable e) {
                s.error = e.getMessage() == null ? e.toString() : e.getMessage();
                s.state = "failed";
            } finally {
                s.finished = Instant.now();
                finished(s);
            }
        }, "simulation-" + s.id);
        t.setDaemon(true);
        t.start();
        return s;
    }

    private synchronized void finished(Simulation s) {
        if (running == s) running = null;
        while (simulations.size() > KEPT) {
            String oldest = null;
            for (Simulation x : simulations.values()) {
                if (x != running) {
                    oldest = x.id;
                    break;
                }
            }
            if (oldest == null) break;
            simulations.remove(oldest);
        }
    }

    public synchronized Simulation get(String id) { return simulations.get(id); }

    /** Stops a running simulation (the service closing). */
    @Override
    public synchronized void close() {
        if (running != null) running.cancelled = true;
    }
}
