package org.medassist.settlement.whatif;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.model.ResultStatus;
import org.medassist.settlement.whatif.PolicyRun.YearFacts;

/**
 * Replays one history under two policies and compares them (docs/whatif.md). The history is read once; each event goes
 * to both sides, each settling it on its own thread through the same path as replay and the stream ({@link PolicyRun}),
 * so the only difference between the sides is the policy. When the history ends, each side reads its ledgers back
 * person by person in personId order, and the two streams are compared person-year by person-year
 * ({@link Comparison}). Memory: the two sides' stored ledgers and bounded queues between the threads; nothing is kept
 * of the settlement events themselves.
 */
public final class WhatIf {
    private static final int BATCH = 2048;
    private static final int QUEUED_BATCHES = 16;

    /**
     * @param scope           regions and year
     * @param cachedPersons   decoded ledgers kept per side between events (the rest stay encoded)
     * @param top             largest gains and losses listed
     * @param maxAlertChanges changed alerts listed (all are counted)
     * @param personName      how a personId appears in the report: its keyed hash, or itself
     * @param personNaming    the words for it in the report
     */
    public record Options(Scope scope, int cachedPersons, int top, int maxAlertChanges, Function<String, String> personName,
                          String personNaming) {
        public static final int DEFAULT_CACHED_PERSONS = 20_000;
    }

    private WhatIf() {}

    /** Stops a run from another thread (a simulation cancelled, a service closing). */
    public static final class Cancelled extends RuntimeException {
        public Cancelled() { super("cancelled"); }
    }

    public static WhatIfReport run(History history, PolicyPair policies, Options options, Progress progress) throws IOException {
        return run(history, policies, options, progress, () -> false);
    }

    public static WhatIfReport run(History history, PolicyPair policies, Options options, Progress progress,
                                   java.util.function.BooleanSupplier cancelled) throws IOException {
        return run(history, policies, options, progress, cancelled, (personId, b, c) -> {});
    }

    /** Each person-year compared, with its facts on each side (either may be null): for tests that look person by person. */
    interface PersonYears {
        void compared(String personId, YearFacts base, YearFacts changed);
    }

    static WhatIfReport run(History history, PolicyPair policies, Options options, Progress progress,
                            java.util.function.BooleanSupplier cancelled, PersonYears each) throws IOException {
        long started = System.nanoTime();
        SharedOwners owners = new SharedOwners();
        Side base = new Side(new PolicyRun("baseline", policies.baseline(), options.cachedPersons(), owners), options.scope());
        Side changed = new Side(new PolicyRun("changed", policies.changed(), options.cachedPersons(), owners), options.scope());
        base.start();
        changed.start();
        History.Counts counts;
        try {
            List<SpecificRecord> batch = new ArrayList<>(BATCH);
            counts = history.read(options.scope(), r -> {
                batch.add(r);
                if (batch.size() == BATCH) {
                    if (cancelled.getAsBoolean()) throw new Cancelled();
                    List<SpecificRecord> full = List.copyOf(batch);
                    base.offer(full);
                    changed.offer(full);
                    batch.clear();
                }
            }, progress);
            if (!batch.isEmpty()) {
                List<SpecificRecord> rest = List.copyOf(batch);
                base.offer(rest);
                changed.offer(rest);
            }
            base.offer(Side.END);
            changed.offer(Side.END);

            Comparison comparison = new Comparison(policies.baseline(), policies.changed(), options.top(),
                    options.maxAlertChanges(), options.personName());
            compare(base, changed, comparison, progress, cancelled, each);
            double seconds = (System.nanoTime() - started) / 1e9;
            WhatIfReport.Meta meta = new WhatIfReport.Meta(history.describe(), options.scope().describe(), counts.events(),
                    counts.skipped(), counts.outOfScope(), Math.max(base.run.persons(), changed.run.persons()), seconds, options.personNaming(),
                    base.meta(policies.baselineName()), changed.meta(policies.changedName()));
            return new WhatIfReport(meta, policies.changes(), comparison.totals(), comparison.byCity(), comparison.byTier(),
                    comparison.byClass(), comparison.byMonth(), comparison.persons(), comparison.burden(), comparison.alerts(),
                    comparison.alertChanges(), comparison.alertChangesTotal());
        } finally {
            base.stop();
            changed.stop();
        }
    }

    /** Merges the two sides' person streams (both in personId order) and compares each person's years. */
    private static void compare(Side base, Side changed, Comparison comparison, Progress progress,
                                java.util.function.BooleanSupplier cancelled, PersonYears each) {
        PersonCursor b = new PersonCursor(base);
        PersonCursor c = new PersonCursor(changed);
        long persons = 0;
        while (b.current != null || c.current != null) {
            int order = b.current == null ? 1 : c.current == null ? -1 : b.current.personId().compareTo(c.current.personId());
            Facts fb = order <= 0 ? b.current : null;
            Facts fc = order >= 0 ? c.current : null;
            pair(fb, fc, comparison, each);
            if (fb != null) b.next();
            if (fc != null) c.next();
            if ((++persons & 0x3FFF) == 0) {
                if (cancelled.getAsBoolean()) throw new Cancelled();
                int total = Math.max(base.total, changed.total);
                progress.update("comparing", total == 0 ? -1 : Math.min(1.0, persons / (double) total), persons);
            }
        }
        progress.update("comparing", 1.0, persons);
    }

    private static void pair(Facts b, Facts c, Comparison comparison, PersonYears each) {
        String personId = b != null ? b.personId() : c.personId();
        Map<String, YearFacts> changedYears = new HashMap<>();
        if (c != null) for (YearFacts y : c.years()) changedYears.put(y.region() + '|' + y.year(), y);
        if (b != null) {
            for (YearFacts y : b.years()) {
                YearFacts other = changedYears.remove(y.region() + '|' + y.year());
                comparison.add(personId, y, other);
                each.compared(personId, y, other);
            }
        }
        if (c != null) {
            for (YearFacts y : c.years()) {
                if (!changedYears.containsKey(y.region() + '|' + y.year())) continue;
                comparison.add(personId, null, y);
                each.compared(personId, null, y);
            }
        }
    }

    /** One person's years on one side. */
    private record Facts(String personId, List<YearFacts> years) {}

    /** Reads a side's stream of persons. */
    private static final class PersonCursor {
        private final Side side;
        private List<Facts> batch = List.of();
        private int i;
        Facts current;

        PersonCursor(Side side) {
            this.side = side;
            next();
        }

        void next() {
            while (i >= batch.size()) {
                batch = side.take();
                i = 0;
                if (batch == Side.DONE) {
                    current = null;
                    return;
                }
            }
            current = batch.get(i++);
        }
    }

    /**
     * A side on its own thread: settles the batches it is offered, then, at the end, reads its persons back and offers
     * their facts in personId order. A failure of the thread itself (not of one event, which is counted) stops the run.
     */
    private static final class Side {
        static final List<SpecificRecord> END = List.of();
        static final List<Facts> DONE = new ArrayList<>(0);

        final PolicyRun run;
        private final Scope scope;
        private final BlockingQueue<List<SpecificRecord>> in = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private final BlockingQueue<List<Facts>> out = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private final Thread thread;
        private volatile Throwable failure;
        volatile int total;

        Side(PolicyRun run, Scope scope) {
            this.run = run;
            this.scope = scope;
            this.thread = new Thread(this::work, "whatif-" + run.name());
            this.thread.setDaemon(true);
        }

        void start() { thread.start(); }

        private void work() {
            try {
                while (true) {
                    List<SpecificRecord> batch = in.take();
                    if (batch == END) break;
                    for (SpecificRecord r : batch) run.apply(r);
                }
                run.finish();
                List<String> persons = run.personIds();
                total = persons.size();
                List<Facts> facts = new ArrayList<>(256);
                for (String p : persons) {
                    facts.add(new Facts(p, run.facts(p, scope)));
                    if (facts.size() == 256) {
                        out.put(facts);
                        facts = new ArrayList<>(256);
                    }
                }
                if (!facts.isEmpty()) out.put(facts);
                out.put(DONE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure = t;
                out.clear();
                out.offer(DONE);
            }
        }

        void offer(List<SpecificRecord> batch) {
            try {
                while (!in.offer(batch, 200, java.util.concurrent.TimeUnit.MILLISECONDS)) check();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            }
        }

        List<Facts> take() {
            try {
                List<Facts> b;
                while ((b = out.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) check();
                if (b == DONE && failure != null) check();
                return b;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            }
        }

        private void check() {
            if (failure != null) throw new IllegalStateException("the " + run.name() + " side failed: " + failure, failure);
            if (!thread.isAlive() && out.isEmpty()) throw new IllegalStateException("the " + run.name() + " side stopped");
        }

        void stop() {
            thread.interrupt();
        }

        WhatIfReport.Side meta(String policies) {
            Map<String, Long> statuses = new java.util.LinkedHashMap<>();
            for (ResultStatus s : ResultStatus.values()) statuses.put(s.symbol(), run.statuses().getOrDefault(s, 0L));
            return new WhatIfReport.Side(policies, statuses, run.alerts(), run.failed(), run.firstFailure(), run.storedBytes());
        }
    }
}
