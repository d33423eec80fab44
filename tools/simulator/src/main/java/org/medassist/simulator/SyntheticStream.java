package org.medassist.simulator;

import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.events.Parameter;
import org.medassist.events.YearClose;

/**
 * A realistic, deterministic event stream for every city of a policy catalog (docs/simulator.md).
 *
 * <ul>
 *   <li>At the start of each simulated year, policy administrators publish the parameters each city's policy needs
 *       ({@link City#parameters}); in later years some cities publish in March, so their early claims park until
 *       the figure arrives (E9 in docs/decisions.md).</li>
 *   <li>Departments certify people ({@link Identities}); hospitals discharge them ({@link Care}); agencies file
 *       applications ({@link Applications}) and close the years of cities with a year-end item.</li>
 *   <li>A share of events is followed by a contract breach ({@link Breaches}).</li>
 * </ul>
 *
 * <p><b>Order.</b> Year by year. Within a year, people come in cohorts of {@link #COHORT} per city, and each
 * cohort's events are in simulated-time order: day, kind of sender, city, sender, person. A stream of up to
 * {@code COHORT} people per city is one cohort, wholly in time order; a bigger one goes through the year once per
 * cohort (each person's own events always stay in order). Parameters come with the first cohort, year closes after
 * the last. So memory holds one cohort-year, whatever the number of people.
 *
 * <p><b>Determinism.</b> Each person is generated from random numbers seeded by (seed, city, person, year): the
 * stream is a pure function of its configuration and catalog, can be replayed to any position (how bin/run resumes),
 * and person {@code n} of a city is the same person with the same events whatever {@code --people} is.
 */
public final class SyntheticStream implements Iterable<StreamEvent> {

    /** Bump when the generated events change: it is part of {@link #fingerprint()}. */
    public static final int VERSION = 2;

    /** People per city generated (and held) together. */
    public static final int COHORT = 1_000;

    private final SimulationConfig config;
    private final List<City> cities;
    private final int startYear;
    private final Identities identities;

    /**
     * @throws IllegalArgumentException when {@code config} names a region the catalog does not have
     */
    public SyntheticStream(PolicyCatalog catalog, SimulationConfig config) {
        this.config = config;
        List<RegionPolicy> chosen = new ArrayList<>();
        if (config.regions().isEmpty()) {
            chosen.addAll(catalog.all());
        } else {
            for (String key : config.regions()) {
                RegionPolicy p = catalog.get(key);
                if (p == null) {
                    throw new IllegalArgumentException("no policy for region \"" + key + "\"; the catalog has: " + catalog.regions());
                }
                if (!chosen.contains(p)) chosen.add(p);
            }
        }
        Map<String, String> prefixes = PersonIds.prefixes(chosen.stream().map(RegionPolicy::region).toList());
        List<City> list = new ArrayList<>();
        for (RegionPolicy p : chosen) list.add(City.of(p, prefixes.get(p.region()), list.size()));
        this.cities = List.copyOf(list);
        int latest = 0;
        for (City c : cities) latest = Math.max(latest, c.effectiveFrom().getYear());
        this.startYear = config.startYear() != null ? config.startYear() : latest;
        this.identities = new Identities(config.seed(), firstDay(), lastDay(), config.lateShare());
    }

    public SimulationConfig config() {
        return config;
    }

    /** The simulated cities, in stream order. */
    public List<City> cities() {
        return cities;
    }

    public int startYear() {
        return startYear;
    }

    public LocalDate firstDay() {
        return LocalDate.of(startYear, 1, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(startYear + config.years() - 1, 12, 31);
    }

    /** People of one city: an even split, the remainder going to the first cities. */
    public int peopleIn(City city) {
        int n = cities.size();
        return config.people() / n + (city.order() < config.people() % n ? 1 : 0);
    }

    /** Cohorts per simulated year. */
    public int cohorts() {
        int most = 0;
        for (City c : cities) most = Math.max(most, peopleIn(c));
        return (most + COHORT - 1) / COHORT;
    }

    /**
     * Identifies the stream (bin/run keeps a cursor per stream): the generator's version, the configuration, the
     * resolved start year and the cities.
     */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder("v").append(VERSION).append("/seed=").append(config.seed())
                .append("/people=").append(config.people()).append("/years=").append(config.years())
                .append("/start=").append(startYear).append("/cities=");
        for (int i = 0; i < cities.size(); i++) sb.append(i == 0 ? "" : ",").append(cities.get(i).region());
        if (config.invalidShare() != SimulationConfig.DEFAULT_INVALID_SHARE) sb.append("/invalid=").append(config.invalidShare());
        if (config.lateShare() != SimulationConfig.DEFAULT_LATE_SHARE) sb.append("/late=").append(config.lateShare());
        return sb.toString();
    }

    /** Every hospital id of the stream's cities. */
    public List<String> hospitalIds() {
        List<String> ids = new ArrayList<>();
        for (City c : cities) ids.addAll(c.hospitalIds());
        return ids;
    }

    /** The events in stream order, generated one cohort-year at a time on the reader's thread. */
    @Override
    public Events iterator() {
        return new Events(1);
    }

    /**
     * The same events in the same order, generated on {@code threads} threads ahead of the reader (at most
     * {@code threads + 1} cohort-years in memory). Close it to stop the threads early.
     */
    public Events iterator(int threads) {
        return new Events(threads);
    }

    /** How many events the whole stream has (generates it once). */
    public long count() {
        long n = 0;
        for (Iterator<StreamEvent> it = iterator(); it.hasNext(); it.next()) n++;
        return n;
    }

    // ------------------------------------------------------------------------------------------------ iteration

    /** The stream's iterator; {@link #done()} tells how far it got. */
    public final class Events implements Iterator<StreamEvent>, AutoCloseable {
        private final int cohorts = Math.max(1, cohorts());
        private final int total = cohorts * config.years();
        private final ExecutorService pool;
        private final ArrayDeque<Future<List<Draft>>> ahead = new ArrayDeque<>();
        private final int depth;
        private int nextSlot;      // the next cohort-year to hand out, y * cohorts + cohort
        private int slotsRead;     // cohort-years taken by the reader
        private List<Draft> current = List.of();
        private int index;
        private long seq;

        private Events(int threads) {
            if (threads < 1) throw new IllegalArgumentException("threads must be 1 or more");
            this.depth = threads + 1;
            this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "simulator");
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public boolean hasNext() {
            while (index >= current.size()) {
                if (!advance()) return false;
            }
            return true;
        }

        @Override
        public StreamEvent next() {
            if (!hasNext()) throw new NoSuchElementException();
            return current.get(index++).toEvent(seq++);
        }

        /** The share of cohort-years read so far, 0 to 1. */
        public double done() {
            return Math.min(1.0, slotsRead / (double) total);
        }

        @Override
        public void close() {
            if (pool != null) pool.shutdownNow();
        }

        private boolean advance() {
            if (slotsRead >= total) {
                current = List.of();
                close();
                return false;
            }
            if (pool == null) {
                current = slot(nextSlot++);
            } else {
                while (ahead.size() < depth && nextSlot < total) {
                    int s = nextSlot++;
                    ahead.add(pool.submit(() -> slot(s)));
                }
                current = take(ahead.poll());
            }
            slotsRead++;
            index = 0;
            return true;
        }

        private List<Draft> slot(int s) {
            return cohortYear(s / cohorts, s % cohorts, cohorts);
        }

        private List<Draft> take(Future<List<Draft>> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while generating the stream", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) throw r;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException(cause);
            }
        }
    }

    /** Every event of cohort {@code cohort} in year index {@code y}, sorted into stream order. */
    List<Draft> cohortYear(int y, int cohort, int cohorts) {
        int year = startYear + y;
        List<Draft> out = new ArrayList<>();
        if (cohort == 0) for (City c : cities) parameters(c, y, year, out);
        for (City c : cities) {
            int to = Math.min(peopleIn(c), (cohort + 1) * COHORT);
            for (int i = cohort * COHORT; i < to; i++) personYear(identities.person(c, i), year, out);
        }
        if (cohort == cohorts - 1) {
            for (City c : cities) {
                if (!c.closesYears()) continue;
                out.add(Draft.of(LocalDate.of(year, 12, 31), Draft.RANK_YEAR_CLOSE, c.order(), Integer.MAX_VALUE, 0,
                        Principal.agency(c.region()), new YearClose(c.region(), year)));
            }
        }
        return sorted(out, year);
    }

    /**
     * The drafts in {@link Draft#ORDER}: grouped by day first (a cohort-year's events all lie in its year), then each
     * day sorted, which takes far fewer comparisons than sorting the year at once.
     */
    static List<Draft> sorted(List<Draft> drafts, int year) {
        int days = Year.of(year).length();
        int[] start = new int[days + 2];
        for (Draft d : drafts) {
            if (d.date().getYear() != year) {
                drafts.sort(Draft.ORDER);
                return drafts;
            }
            start[d.date().getDayOfYear() + 1]++;
        }
        for (int day = 1; day <= days + 1; day++) start[day] += start[day - 1];
        Draft[] out = new Draft[drafts.size()];
        int[] next = start.clone();
        for (Draft d : drafts) out[next[d.date().getDayOfYear()]++] = d;
        for (int day = 1; day <= days; day++) Arrays.sort(out, start[day], start[day + 1], Draft.ORDER);
        return Arrays.asList(out);
    }

    /** A person's events sent in {@code year}: identity records, hospital events, applications, breaches. */
    private void personYear(Person p, int year, List<Draft> out) {
        List<Draft> valid = new ArrayList<>();
        for (Draft d : p.identitySteps) if (d.date().getYear() == year) valid.add(d);
        Random rnd = Seeds.random(config.seed(), p.city.region(), p.index, year);
        Care.Bills bills = Care.year(rnd, p, year);
        valid.addAll(bills.drafts());
        valid.addAll(Applications.year(rnd, p, year, bills.selfPay()));
        out.addAll(valid);
        if (config.invalidShare() > 0) {
            Breaches.follow(valid, config.invalidShare(), Seeds.random(config.seed(), p.city.region(), p.index, year + Seeds.BREACHES), out);
        }
    }

    /**
     * The city's parameters for {@code year}: on 1 January, except that in later years about one city-year in three
     * publishes on 15 March (drawn from the seed, city and year).
     */
    private void parameters(City c, int y, int year, List<Draft> out) {
        Map<String, Long> values = new LinkedHashMap<>(c.parameters(year));
        if (values.isEmpty()) return;
        boolean late = y > 0 && Seeds.random(config.seed(), c.region(), Seeds.PARAMETERS, year).nextInt(3) == 0;
        LocalDate date = late ? LocalDate.of(year, 3, 15) : LocalDate.of(year, 1, 1);
        int k = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            out.add(Draft.of(date, Draft.RANK_PARAMETER, c.order(), -1, k++, Principal.ADMIN,
                    new Parameter(c.region(), year, e.getKey(), e.getValue())));
        }
    }
}
