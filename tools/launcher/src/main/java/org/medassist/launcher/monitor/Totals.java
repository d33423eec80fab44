package org.medassist.launcher.monitor;

import org.medassist.schemas.PersonIdHash;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.medassist.events.Alert;
import org.medassist.events.Settlement;
import org.medassist.events.SettlementStatus;
import org.medassist.engine.money.Money;

/**
 * What has come out of the system, summed from the {@code settlements} and {@code alerts} topics: counts by
 * status, assistance and tilt paid per city (the sum over every settlement event, adjustments and reversals
 * included, as docs/contract.md defines it), alerts, and the most recent settlements and alerts for the dashboard.
 * Thread-safe.
 */
public final class Totals {

    /** How many recent settlements and alerts are kept for a newly opened dashboard. */
    public static final int RECENT = 100;

    private final PersonIdHash hash;
    private final Map<String, City> cities = new TreeMap<>();
    private final EnumMap<SettlementStatus, Long> byStatus = new EnumMap<>(SettlementStatus.class);
    private final ArrayDeque<Map<String, Object>> recentSettlements = new ArrayDeque<>();
    private final ArrayDeque<Map<String, Object>> recentAlerts = new ArrayDeque<>();
    private final List<Consumer<Map<String, Object>>> listeners = new CopyOnWriteArrayList<>();
    private long alerts;
    private long deadLetters;
    private long unreadable;
    /** Claims settled by earlier runs of this data directory: read back from the output topics at start. */
    private long settledEarlier;
    /** Settlement events of any status earlier runs wrote. */
    private long settlementsEarlier;

    /** @param regions the cities shown from the start, before they have figures (others appear as they come) */
    public Totals(PersonIdHash hash, Collection<String> regions) {
        this.hash = hash;
        for (String r : regions) cities.put(r, new City());
        for (SettlementStatus s : SettlementStatus.values()) byStatus.put(s, 0L);
    }

    /** Per-city figures. */
    public static final class City {
        public final EnumMap<SettlementStatus, Long> byStatus = new EnumMap<>(SettlementStatus.class);
        public long assistance;
        public long tilt;
        public long alerts;

        City() {
            for (SettlementStatus s : SettlementStatus.values()) byStatus.put(s, 0L);
        }

        City copy() {
            City c = new City();
            c.byStatus.putAll(byStatus);
            c.assistance = assistance;
            c.tilt = tilt;
            c.alerts = alerts;
            return c;
        }

        public long settlements() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A consistent copy of the totals. */
    public record Snapshot(Map<String, City> cities, Map<SettlementStatus, Long> byStatus, long alerts,
                           long deadLetters, long unreadable, long settledEarlier, long settlementsEarlier) {
        public long assistance() {
            return cities.values().stream().mapToLong(c -> c.assistance).sum();
        }

        public long tilt() {
            return cities.values().stream().mapToLong(c -> c.tilt).sum();
        }
    }

    /** Called with each new settlement or alert view (the dashboard's live feed). */
    public void addListener(Consumer<Map<String, Object>> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Map<String, Object>> listener) {
        listeners.remove(listener);
    }

    public void add(Settlement s) {
        add(s, false);
    }

    /** A settlement; {@code earlier} when an earlier run wrote it (it counts in every total, and apart for the rates). */
    public void add(Settlement s, boolean earlier) {
        Map<String, Object> view = view(s);
        synchronized (this) {
            if (earlier) {
                settlementsEarlier++;
                if (s.getStatus() == SettlementStatus.settled) settledEarlier++;
            }
            City c = cities.computeIfAbsent(s.getRegion(), k -> new City());
            c.byStatus.merge(s.getStatus(), 1L, Long::sum);
            c.assistance += s.getAssistance();
            c.tilt += s.getTilt();
            byStatus.merge(s.getStatus(), 1L, Long::sum);
            keep(recentSettlements, view);
        }
        notify(view);
    }

    public void add(Alert a) {
        Map<String, Object> view = view(a);
        synchronized (this) {
            cities.computeIfAbsent(a.getRegion(), k -> new City()).alerts++;
            alerts++;
            keep(recentAlerts, view);
        }
        notify(view);
    }

    public synchronized void deadLetter() {
        deadLetters++;
    }

    /** A record that could not be read (its schema unknown to this build, say). */
    public synchronized void unreadable() {
        unreadable++;
    }

    public synchronized Snapshot snapshot() {
        Map<String, City> copy = new LinkedHashMap<>();
        cities.forEach((k, v) -> copy.put(k, v.copy()));
        return new Snapshot(copy, new EnumMap<>(byStatus), alerts, deadLetters, unreadable, settledEarlier, settlementsEarlier);
    }

    /** The most recent settlements, oldest first. */
    public synchronized List<Map<String, Object>> recentSettlements() {
        return new ArrayList<>(recentSettlements);
    }

    /** The most recent alerts, oldest first. */
    public synchronized List<Map<String, Object>> recentAlerts() {
        return new ArrayList<>(recentAlerts);
    }

    /** The totals as plain data for JSON: money as yuan strings. */
    public Map<String, Object> totalsView() {
        Snapshot s = snapshot();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> status = new LinkedHashMap<>();
        s.byStatus().forEach((k, v) -> status.put(k.name(), v));
        out.put("byStatus", status);
        out.put("alerts", s.alerts());
        out.put("deadLetters", s.deadLetters());
        out.put("assistance", Money.format(s.assistance()));
        out.put("tilt", Money.format(s.tilt()));
        List<Map<String, Object>> cities = new ArrayList<>();
        s.cities().forEach((region, c) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("region", region);
            m.put("settlements", c.settlements());
            Map<String, Object> cs = new LinkedHashMap<>();
            c.byStatus.forEach((k, v) -> cs.put(k.name(), v));
            m.put("byStatus", cs);
            m.put("assistance", Money.format(c.assistance));
            m.put("tilt", Money.format(c.tilt));
            m.put("alerts", c.alerts);
            cities.add(m);
        });
        out.put("cities", cities);
        return out;
    }

    private Map<String, Object> view(Settlement s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "settlement");
        m.put("region", s.getRegion());
        m.put("year", s.getYear());
        m.put("status", s.getStatus().name());
        m.put("claimId", s.getClaimId());
        m.put("reference", s.getReference());
        m.put("person", hash.of(s.getPersonId()));
        m.put("tier", s.getTier());
        m.put("identity", s.getIdentity());
        m.put("eligible", Money.format(s.getEligible()));
        m.put("assistance", Money.format(s.getAssistance()));
        m.put("tilt", Money.format(s.getTilt()));
        m.put("remaining", Money.format(s.getRemaining()));
        m.put("policy", s.getPolicy());
        m.put("reason", s.getReason());
        m.put("explanation", s.getExplanation());
        return m;
    }

    private Map<String, Object> view(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "alert");
        m.put("region", a.getRegion());
        m.put("year", a.getYear());
        m.put("month", a.getMonth());
        m.put("rule", a.getRule());
        m.put("measure", a.getMeasure());
        m.put("person", hash.of(a.getPersonId()));
        m.put("value", Money.format(a.getValue()));
        m.put("threshold", Money.format(a.getThreshold()));
        m.put("recipients", a.getRecipients());
        m.put("claimId", a.getClaimId());
        return m;
    }

    private static void keep(ArrayDeque<Map<String, Object>> recent, Map<String, Object> view) {
        recent.addLast(view);
        while (recent.size() > RECENT) recent.removeFirst();
    }

    private void notify(Map<String, Object> view) {
        for (Consumer<Map<String, Object>> l : listeners) l.accept(view);
    }
}
