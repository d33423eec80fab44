package org.medassist.dashboard.report;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.medassist.dashboard.feed.AlertBook;
import org.medassist.engine.money.Money;
import org.medassist.engine.policy.AlertRule;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.events.Alert;
import org.medassist.events.Parameter;
import org.medassist.events.Settlement;

/**
 * Persons near or over a monitoring threshold (docs/dashboard-service.md, "Watch list").
 *
 * <ul>
 *   <li><b>Over</b>: the person-year has an alert for the rule: the engine's decision (E13), with its value.</li>
 *   <li><b>Near</b>: no alert yet, and an estimate of the rule's measure from the settlements is at least
 *       {@code near-share} of the threshold. From a claim's events: S = its assistance + tilt + latest
 *       {@code remaining}; R = the person-year's remaining minus tilt paid without a claim; burden is at least R (the
 *       out-of-scope cost is not on a settlement), so burden rules are watched on R. The threshold is the policy's,
 *       resolved with the parameters of the {@code policy-parameters} topic on the person-year's latest claim date;
 *       the population is the identity the settlements name (a residents' rule: none).</li>
 * </ul>
 * Thread-safe.
 */
@Requires(property = "medassist.dashboard.enabled", notEquals = "false")
@Singleton
public class WatchBook {

    private static final class PersonYear {
        final String personId;
        final String region;
        final int year;
        String identity;
        LocalDate lastClaimDate;
        long nonClaimTilt;
        final Map<String, long[]> claims = new HashMap<>(); // hospitalId/claimId → {assistance, tilt, remaining}

        PersonYear(String personId, String region, int year) {
            this.personId = personId;
            this.region = region;
            this.year = year;
        }

        long s() {
            long sum = 0;
            for (long[] c : claims.values()) sum += c[0] + c[1] + c[2];
            return sum;
        }

        long r() {
            long sum = -nonClaimTilt;
            for (long[] c : claims.values()) sum += c[2];
            return sum;
        }
    }

    private record Key(String personId, String region, int year) {}

    private final PolicyCatalog catalog;
    private final AlertBook alerts;
    private final ParameterBook parameters = new ParameterBook();
    private final Map<Key, PersonYear> persons = new HashMap<>();

    public WatchBook(PolicyCatalog catalog, AlertBook alerts) {
        this.catalog = catalog;
        this.alerts = alerts;
    }

    /** A yearly figure read from {@code policy-parameters}. */
    public synchronized void add(Parameter p) {
        parameters.put(p.getRegion(), p.getYear(), p.getName(), p.getValue());
    }

    /** A settlement event read from {@code settlements}. */
    public synchronized void add(Settlement s) {
        if (s.getPersonId().isEmpty() || s.getYear() == 0 || catalog.get(s.getRegion()) == null) return;
        switch (s.getStatus()) {
            case rejected, parked -> { return; }
            default -> { }
        }
        PersonYear py = persons.computeIfAbsent(new Key(s.getPersonId(), s.getRegion(), s.getYear()),
                k -> new PersonYear(k.personId(), k.region(), k.year()));
        if (s.getIdentity() != null) py.identity = s.getIdentity();
        if (s.getClaimId() == null) {
            py.nonClaimTilt += s.getTilt();
            return;
        }
        long[] c = py.claims.computeIfAbsent(s.getHospitalId() + "/" + s.getClaimId(), k -> new long[3]);
        c[0] += s.getAssistance();
        c[1] += s.getTilt();
        c[2] = s.getRemaining();
        if (s.getClaimDate() != null && (py.lastClaimDate == null || s.getClaimDate().isAfter(py.lastClaimDate))) {
            py.lastClaimDate = s.getClaimDate();
        }
    }

    /** One line of the watch list. */
    public record Watch(String state, String personId, String region, int year, String rule, String measure, long value,
                        long threshold, boolean lowerBound, String month, List<String> recipients) {
        public double share() { return threshold <= 0 ? 0 : (double) value / threshold; }

        public Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("state", state);
            m.put("personId", personId);
            m.put("region", region);
            m.put("year", year);
            m.put("rule", rule);
            m.put("measure", measure);
            m.put("value", Money.format(value));
            m.put("threshold", Money.format(threshold));
            m.put("share", Math.round(share() * 1000) / 1000.0);
            m.put("estimate", state.equals("near") ? (lowerBound ? "lower bound" : "from settlements") : null);
            m.put("month", month);
            m.put("recipients", recipients);
            return m;
        }
    }

    /**
     * Who is over (alerts) or near (estimates at or above {@code nearShare} of the threshold) in the regions
     * {@code shown} accepts, for {@code year}: over first, then by share, highest first.
     */
    public List<Watch> watch(Predicate<String> shown, String region, int year, double nearShare) {
        List<Watch> over = new ArrayList<>();
        Set<String> fired = new java.util.HashSet<>();
        for (AlertBook.Stored st : alerts.matching(a -> a.getYear() == year && shown.test(a.getRegion())
                && (region == null || region.equals(a.getRegion())))) {
            Alert a = st.alert();
            if (!fired.add(a.getPersonId() + "\u001f" + a.getRegion() + "\u001f" + a.getRule())) continue;
            over.add(new Watch("over", a.getPersonId(), a.getRegion(), a.getYear(), a.getRule(), a.getMeasure(),
                    a.getValue(), a.getThreshold(), false, a.getMonth(), List.copyOf(a.getRecipients())));
        }
        List<Watch> near = new ArrayList<>();
        synchronized (this) {
            for (PersonYear py : persons.values()) {
                if (py.year != year || !shown.test(py.region) || (region != null && !region.equals(py.region))) continue;
                RegionPolicy p = catalog.get(py.region);
                for (AlertRule rule : p.alerts()) {
                    if (fired.contains(py.personId + "\u001f" + py.region + "\u001f" + rule.key())) continue;
                    boolean inPopulation = py.identity == null ? rule.residents() : rule.identities().contains(py.identity);
                    if (!inPopulation) continue;
                    LocalDate day = py.lastClaimDate != null ? py.lastClaimDate : LocalDate.of(year, 12, 31);
                    long threshold = parameters.resolve(p, rule.threshold(), day);
                    if (threshold <= 0) continue; // missing figure: the engine parks too
                    long value = rule.measure() == AlertRule.Measure.S ? py.s() : py.r();
                    if (value < nearShare * threshold) continue;
                    near.add(new Watch("near", py.personId, py.region, py.year, rule.key(), rule.measure().symbol(), value,
                            threshold, rule.measure() == AlertRule.Measure.BURDEN, null, rule.recipients()));
                }
            }
        }
        Comparator<Watch> order = Comparator.comparingDouble(Watch::share).reversed()
                .thenComparing(Watch::region).thenComparing(Watch::personId).thenComparing(Watch::rule);
        over.sort(order);
        near.sort(order);
        List<Watch> out = new ArrayList<>(over);
        out.addAll(near);
        return out;
    }
}
