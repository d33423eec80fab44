package org.medassist.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.medassist.engine.model.CareKind;
import org.medassist.engine.policy.AlertRule;
import org.medassist.engine.policy.AmountRef;
import org.medassist.engine.policy.ClaimClassifier;
import org.medassist.engine.policy.OneTimeAssistance;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.Qualifier;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.Tier;
import org.medassist.events.ClaimKind;
import org.medassist.events.DiseaseGroup;
import org.medassist.events.IdentityType;
import org.medassist.events.VeteranGroup;

/**
 * What the generator needs to know about one city, all of it read from the city's {@link RegionPolicy}: no city is
 * named in code, so a city added to an operator's policy directory is simulated like the shipped ones.
 *
 * <ul>
 *   <li><b>Register</b>: the identities its tiers qualify, its one-time assistance, tilt, year-end item and alert
 *       rules name, weighted by the generic {@link Register}; residents with no identity where an alert rule watches
 *       residents. An identity a tier counts only beside a severe disability brings a disability grant with it for a
 *       share of its holders; veterans mostly belong to the groups its tiers name.</li>
 *   <li><b>Care</b>: the claim kinds its covered classes take, and the disease groups its classes single out (every
 *       group when none does).</li>
 *   <li><b>Dates</b>: no claim before the policy's effective date.</li>
 *   <li><b>Parameters</b> per year: {@code per_capita_disposable_income} when a named amount is a percentage of I
 *       and the year has no published figure; a named amount with only published figures gets its last figure
 *       grown, under its own name.</li>
 *   <li><b>Agency events</b>: applications when tilt or one-time assistance is paid on application; a
 *       {@code year_close} when it has a year-end item.</li>
 * </ul>
 */
public final class City {

    private final RegionPolicy policy;
    private final String prefix;
    private final int order;
    private final IdentityType[] register;      // null: a resident with no assistance identity
    private final int[] cumulative;
    private final Set<IdentityType> known;
    private final Set<IdentityType> disabilityCompanions;
    private final List<VeteranGroup> veteranGroups;
    private final Set<ClaimKind> claimKinds;
    private final List<DiseaseGroup> diseaseGroups;
    private final Set<IdentityType> tiltApplicants;
    private final long tiltApplicationFloor;
    private final OneTimeAssistance oneTime;

    private City(RegionPolicy policy, String prefix, int order) {
        this.policy = policy;
        this.prefix = prefix;
        this.order = order;
        Set<IdentityType> tierIdentities = EnumSet.noneOf(IdentityType.class);
        Set<IdentityType> companions = EnumSet.noneOf(IdentityType.class);
        Set<VeteranGroup> groups = EnumSet.noneOf(VeteranGroup.class);
        for (Tier t : policy.tiers()) {
            for (Qualifier q : t.qualifiers()) {
                IdentityType id = IdentityType.valueOf(q.identity());
                tierIdentities.add(id);
                if (q.requiresSevereDisability() && id != IdentityType.severe_disability) companions.add(id);
                if (id == IdentityType.entitled_veteran && q.groups() != null) {
                    for (String g : q.groups()) groups.add(VeteranGroup.valueOf(g));
                }
            }
        }
        Set<IdentityType> all = EnumSet.copyOf(tierIdentities);
        boolean residents = false;
        for (AlertRule a : policy.alerts()) {
            for (String i : a.identities()) all.add(IdentityType.valueOf(i));
            residents |= a.residents();
        }
        if (policy.oneTime() != null) all.add(IdentityType.valueOf(policy.oneTime().identity()));
        if (policy.yearEnd() != null) all.add(IdentityType.valueOf(policy.yearEnd().identity()));
        if (policy.targetTilt() != null) for (String i : policy.targetTilt().identities()) all.add(IdentityType.valueOf(i));
        this.known = Collections.unmodifiableSet(all);
        this.disabilityCompanions = Collections.unmodifiableSet(companions);
        this.veteranGroups = List.copyOf(groups);

        List<IdentityType> ids = new ArrayList<>(all);
        if (residents) ids.add(null);
        this.register = ids.toArray(new IdentityType[0]);
        this.cumulative = new int[register.length];
        int sum = 0;
        for (int i = 0; i < register.length; i++) {
            sum += register[i] == null ? Register.RESIDENT_WEIGHT : Register.WEIGHTS.get(register[i]);
            cumulative[i] = sum;
        }

        this.claimKinds = coveredKinds(policy);
        this.diseaseGroups = singledOutGroups(policy);

        // tilt on application: residual tilt for every tier's people, target-ratio tilt for the identities it names
        Set<IdentityType> applicants = EnumSet.noneOf(IdentityType.class);
        long floor = 0;
        if (policy.residualTilt() != null && policy.residualTilt().onApplication()) {
            applicants.addAll(tierIdentities);
            floor = RESIDUAL_TILT_APPLICATION_FLOOR;
        } else if (policy.targetTilt() != null && policy.targetTilt().onApplication()) {
            for (String i : policy.targetTilt().identities()) applicants.add(IdentityType.valueOf(i));
            floor = policy.targetTilt().triggerFen();
        }
        this.tiltApplicants = Collections.unmodifiableSet(applicants);
        this.tiltApplicationFloor = floor;
        this.oneTime = policy.oneTime();
    }

    /** People apply for residual tilt once their year's self-pay reaches this much (12,000 yuan). */
    static final long RESIDUAL_TILT_APPLICATION_FLOOR = 12_000_00L;

    /**
     * The city of {@code policy}.
     *
     * @param prefix its id prefix ({@link PersonIds#prefix})
     * @param order  its place among the stream's cities (events of one day are ordered by city)
     */
    static City of(RegionPolicy policy, String prefix, int order) {
        return new City(policy, prefix, order);
    }

    private static Set<ClaimKind> coveredKinds(RegionPolicy policy) {
        Set<ClaimKind> kinds = EnumSet.noneOf(ClaimKind.class);
        for (ClaimClassifier.Rule r : policy.classifier().rules()) {
            if (!coveredByATier(policy, r.classIndex())) continue;
            for (CareKind k : r.kinds()) kinds.add(ClaimKind.valueOf(k.symbol()));
        }
        return Collections.unmodifiableSet(kinds);
    }

    private static List<DiseaseGroup> singledOutGroups(RegionPolicy policy) {
        Set<DiseaseGroup> groups = new LinkedHashSet<>();
        for (ClaimClassifier.Rule r : policy.classifier().rules()) {
            if (r.diseaseGroups() == null || !coveredByATier(policy, r.classIndex())) continue;
            for (String g : r.diseaseGroups()) if (!g.equals(DiseaseGroup.other.name())) groups.add(DiseaseGroup.valueOf(g));
        }
        if (groups.isEmpty()) {
            for (DiseaseGroup g : DiseaseGroup.values()) if (g != DiseaseGroup.other) groups.add(g);
        }
        return List.copyOf(groups);
    }

    private static boolean coveredByATier(RegionPolicy policy, int classIndex) {
        for (Tier t : policy.tiers()) if (t.covers(classIndex)) return true;
        return false;
    }

    // ------------------------------------------------------------------------------------------------ what it is

    /** The region key, as events carry it ({@code "nanjing"}). */
    public String region() {
        return policy.region();
    }

    /** The id prefix of its people, hospitals and applications ({@code "NANJING"}). */
    public String prefix() {
        return prefix;
    }

    int order() {
        return order;
    }

    public RegionPolicy policy() {
        return policy;
    }

    /** The day its policy takes effect: no claim is dated before it. */
    public LocalDate effectiveFrom() {
        return policy.effectiveFrom();
    }

    /** Every identity its register holds. */
    public Set<IdentityType> identities() {
        return known;
    }

    /** Whether its register has residents with no assistance identity (an alert rule watches them). */
    public boolean hasResidents() {
        return register[register.length - 1] == null;
    }

    /** Identities a tier counts only beside a severe disability: some of their holders also hold one. */
    public Set<IdentityType> disabilityCompanions() {
        return disabilityCompanions;
    }

    /** The veteran groups its tiers name (empty: any). */
    public List<VeteranGroup> veteranGroups() {
        return veteranGroups;
    }

    /** The claim kinds some covered class takes: hospitals send only these. */
    public Set<ClaimKind> claimKinds() {
        return claimKinds;
    }

    /** The disease groups its classes single out, or every group when none does. */
    public List<DiseaseGroup> diseaseGroups() {
        return diseaseGroups;
    }

    /** Identities whose holders apply for tilt (empty: tilt is automatic or absent). */
    public Set<IdentityType> tiltApplicants() {
        return tiltApplicants;
    }

    /** The year's self-pay (fen) from which tilt applicants apply. */
    public long tiltApplicationFloor() {
        return tiltApplicationFloor;
    }

    /** The one-time assistance paid on application, or null. */
    public OneTimeAssistance oneTime() {
        return oneTime;
    }

    /** Whether it has a year-end item, so that its agency closes each year. */
    public boolean closesYears() {
        return policy.yearEnd() != null;
    }

    /** Its hospitals' ids, in {@link Hospital} order. */
    public List<String> hospitalIds() {
        List<String> ids = new ArrayList<>();
        for (Hospital h : Hospital.values()) ids.add(h.id(prefix));
        return ids;
    }

    /** A weighted pick from the register; null is a resident with no assistance identity. */
    IdentityType pickIdentity(Random rnd) {
        int r = rnd.nextInt(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (r < cumulative[i]) return register[i];
        }
        throw new IllegalStateException("unreachable");
    }

    // ------------------------------------------------------------------------------------------------ parameters

    /**
     * The parameters its policy needs for {@code year} that no published figure gives: per-capita disposable income
     * where a named amount is a percentage of I, else the named amount itself (its last published figure, grown).
     * Sorted by name; empty when the policy's own figures cover the year.
     */
    public Map<String, Long> parameters(int year) {
        Map<String, Long> out = new TreeMap<>();
        long income = Incomes.perCapita(region(), year);
        ParameterBook none = new ParameterBook();
        ParameterBook withIncome = new ParameterBook();
        withIncome.put(region(), year, ParameterBook.INCOME, income);
        for (String name : new TreeMap<>(policy.namedAmounts()).keySet()) {
            AmountRef ref = AmountRef.named(name, null);
            if (none.resolve(policy, ref, java.time.LocalDate.of(year, 12, 31)) != ParameterBook.MISSING) continue;   // published for the year
            if (withIncome.resolve(policy, ref, java.time.LocalDate.of(year, 12, 31)) != ParameterBook.MISSING) {
                out.put(ParameterBook.INCOME, income);
            } else {
                out.put(name, lastPublishedGrown(ref, year, none));
            }
        }
        return out;
    }

    private long lastPublishedGrown(AmountRef ref, int year, ParameterBook none) {
        for (int y = year - 1; y >= year - 50; y--) {
            long v = none.resolve(policy, ref, java.time.LocalDate.of(y, 12, 31));
            if (v != ParameterBook.MISSING) return Incomes.grown(v, y, year);
        }
        for (int y = year + 1; y <= year + 50; y++) {
            long v = none.resolve(policy, ref, java.time.LocalDate.of(y, 12, 31));
            if (v != ParameterBook.MISSING) return Incomes.grown(v, y, year);
        }
        throw new IllegalStateException(region() + ": named amount " + ref.name() + " has no figure to start from");
    }

    @Override
    public String toString() {
        return region();
    }
}
