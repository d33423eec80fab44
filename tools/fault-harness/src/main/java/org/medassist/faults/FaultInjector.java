package org.medassist.faults;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.medassist.faults.FaultPlan.Fault;
import org.medassist.faults.FaultPlan.Kind;

/**
 * Carries out a {@link FaultPlan} while the publisher runs. Each fault strikes once the publisher has handled its line
 * ({@link Feed#position()}). Faults of one target run one after the other (a service is killed again only once its previous start is
 * healthy); faults of different targets overlap freely.
 */
final class FaultInjector {
    /** A fault as it happened. */
    record Executed(Fault fault, double atSeconds, long tookMillis, String error) {}

    private final FaultPlan plan;
    private final Cluster cluster;
    private final Feed publisher;
    private final Monitor monitor;
    private final Duration serviceTimeout;
    private final long runStart;
    private final PrintStream log;
    private final Map<Kind, ExecutorService> executors = new EnumMap<>(Kind.class);
    /** Per paired kill: it is due (the outage begins), the outage has begun (it strikes), it started the service again. */
    private final Map<Integer, CountDownLatch> killReady = new ConcurrentHashMap<>();
    private final Map<Integer, CountDownLatch> outageBegun = new ConcurrentHashMap<>();
    private final Map<Integer, CountDownLatch> killRestarted = new ConcurrentHashMap<>();
    private final Map<Integer, CountDownLatch> killHealthy = new ConcurrentHashMap<>();
    private final List<Executed> executed = new CopyOnWriteArrayList<>();
    private final Thread dispatcher;
    private volatile boolean registryOut;
    private volatile Restart lastRestart;

    FaultInjector(FaultPlan plan, Cluster cluster, Feed publisher, Monitor monitor, Duration serviceTimeout, long runStart,
                  PrintStream log) {
        this.plan = plan;
        this.cluster = cluster;
        this.publisher = publisher;
        this.monitor = monitor;
        this.serviceTimeout = serviceTimeout;
        this.runStart = runStart;
        this.log = log;
        for (Kind k : Kind.values()) executors.put(k, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "faults-" + k.label);
            t.setDaemon(true);
            return t;
        }));
        for (Fault f : plan.faults()) {
            if (f.kind() == Kind.REGISTRY_OUTAGE && f.pairedKill() > 0) {
                killReady.put(f.pairedKill(), new CountDownLatch(1));
                outageBegun.put(f.pairedKill(), new CountDownLatch(1));
                killRestarted.put(f.pairedKill(), new CountDownLatch(1));
                killHealthy.put(f.pairedKill(), new CountDownLatch(1));
            }
        }
        this.dispatcher = new Thread(this::dispatch, "faults-dispatcher");
        dispatcher.setDaemon(true);
    }

    void start() { dispatcher.start(); }

    List<Executed> executed() { return List.copyOf(executed); }

    List<String> errors() {
        return executed.stream().filter(e -> e.error() != null).map(e -> e.fault().describe() + ": " + e.error()).toList();
    }

    /** Waits until every fault has struck and every process it stopped runs again. */
    void await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        dispatcher.join(Math.max(1, timeout.toMillis()));
        for (ExecutorService e : executors.values()) e.shutdown();
        for (ExecutorService e : executors.values()) {
            long left = deadline - System.nanoTime();
            if (!e.awaitTermination(Math.max(1, left), TimeUnit.NANOSECONDS)) throw new HarnessException("faults still running after " + timeout.toMinutes() + " min");
        }
    }

    private void dispatch() {
        for (Fault f : plan.faults()) {
            while (publisher.position() < f.position() && !publisher.done()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            executors.get(f.kind()).submit(() -> strike(f));
        }
    }

    private void strike(Fault f) {
        long t0 = System.nanoTime();
        double at = (t0 - runStart) / 1e9;
        String error = null;
        try {
            switch (f.kind()) {
                case SETTLEMENT_KILL -> kill(f);
                case BROKER_RESTART -> restartBroker(f);
                case ELIGIBILITY_RESTART -> restartEligibility(f);
                case REGISTRY_OUTAGE -> outage(f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (RuntimeException e) {
            error = e.getMessage();
        } catch (Error e) {
            // an executor would swallow it, and the fault would silently not count: it is a failed fault instead
            error = e.toString();
        } finally {
            // a kill that failed must not hold its outage up
            if (f.kind() == Kind.SETTLEMENT_KILL) {
                for (Map<Integer, CountDownLatch> m : List.of(killReady, killRestarted, killHealthy)) {
                    CountDownLatch l = m.get(f.number());
                    if (l != null) l.countDown();
                }
            }
        }
        long took = (System.nanoTime() - t0) / 1_000_000;
        executed.add(new Executed(f, at, took, error));
        log.printf("faults: %6.1f s  %s%s%n", at, f.describe(), error == null ? " done in " + took + " ms" : ": " + error);
    }

    private void kill(Fault f) throws InterruptedException {
        Restart previous = lastRestart;
        // a kill strikes once the previous restart has caught up (so that each restart is measured), or after 2 min
        long wait = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (previous != null && previous.open() && System.nanoTime() < wait) Thread.sleep(100);
        if (previous != null && previous.open()) previous.superseded = true;
        // a paired outage begins now, and the kill strikes once the registry has stopped answering
        CountDownLatch ready = killReady.get(f.number());
        if (ready != null) {
            ready.countDown();
            outageBegun.get(f.number()).await(2, TimeUnit.MINUTES);
        }
        Cluster.Service s = cluster.settlement();
        s.process().kill();
        Thread.sleep(f.downMillis());
        cluster.launch(s);
        Restart r = new Restart(f.number(), s.process().startedNanos(), registryOut);
        lastRestart = r;
        monitor.track(r);
        CountDownLatch started = killRestarted.get(f.number());
        if (started != null) started.countDown();
        r.targets = inputEnds();
        cluster.awaitHealthy(s, serviceTimeout);
        r.healthyNanos = System.nanoTime();
        CountDownLatch healthy = killHealthy.get(f.number());
        if (healthy != null) healthy.countDown();
    }

    /** settlement-service's input end offsets, retried while the broker is restarting. */
    private Map<org.apache.kafka.common.TopicPartition, Long> inputEnds() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                return monitor.inputEnds();
            } catch (Exception e) {
                if (System.nanoTime() > deadline) throw new HarnessException("cannot read settlement-service's input offsets: " + e);
                Thread.sleep(200);
            }
        }
    }

    private void restartBroker(Fault f) throws InterruptedException {
        JavaProcess b = cluster.broker();
        if (f.hard()) b.kill(); else b.stop(60);
        Thread.sleep(f.downMillis());
        cluster.startBroker(Duration.ofMinutes(3));
    }

    private void restartEligibility(Fault f) throws InterruptedException {
        Cluster.Service s = cluster.eligibility();
        if (f.hard()) s.process().kill(); else s.process().stop(30);
        Thread.sleep(f.downMillis());
        cluster.startService(s, serviceTimeout);
    }

    private void outage(Fault f) throws InterruptedException {
        if (f.pairedKill() > 0 && !killReady.get(f.pairedKill()).await(15, TimeUnit.MINUTES)) {
            throw new HarnessException("kill #" + f.pairedKill() + " was not due within 15 minutes");
        }
        if (f.hard()) cluster.killRegistry(); else JavaProcess.signal(cluster.registryPid(), "STOP");
        registryOut = true;
        try {
            if (f.pairedKill() > 0) {
                outageBegun.get(f.pairedKill()).countDown();
                if (!killRestarted.get(f.pairedKill()).await(5, TimeUnit.MINUTES)) {
                    throw new HarnessException("kill #" + f.pairedKill() + " did not start settlement-service again within 5 minutes");
                }
                // the outage lasts until the new instance works (it may not get there while requests hang), and longer
                killHealthy.get(f.pairedKill()).await(1, TimeUnit.MINUTES);
            }
            Thread.sleep(f.outageMillis());
        } finally {
            registryOut = false;
            if (f.hard()) cluster.startRegistry(); else JavaProcess.signal(cluster.registryPid(), "CONT");
        }
    }
}
