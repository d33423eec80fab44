package org.medassist.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.medassist.engine.model.AidApplication;
import org.medassist.engine.model.CareKind;
import org.medassist.engine.model.CareLocation;
import org.medassist.engine.model.HospitalGrade;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.ParameterValue;
import org.medassist.engine.model.Reversal;
import org.medassist.engine.model.Vocabulary;
import org.medassist.engine.policy.AmountRef;
import org.medassist.engine.policy.NamedAmount;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.Qualifier;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.Tier;
import org.medassist.engine.timeline.IdentityChange;

/**
 * A seeded synthetic population for every region of a catalog: people with the identities the region's tiers name
 * (some residents without any, some recognized late, some leaving, a few with two identities), tilt applications
 * where a region pays tilt on application, claims of every kind, location and size (small visits to catastrophic
 * stays, so deductibles are crossed, bands and caps reached and tilt accrues) and a few reversals. The same seed
 * gives the same events. Person {@code i} lives in region {@code i mod regions}.
 */
public final class Population {
    /** One person's events of one year, in receipt order (by date; identities before claims of the same day). */
    public record PersonYearEvents(String personId, RegionPolicy policy, int year, List<Object> events) {}

    private final List<RegionPolicy> regions;
    private final long seed;

    public Population(PolicyCatalog catalog, long seed) {
        this.regions = List.copyOf(catalog.all());
        this.seed = seed;
    }

    public List<RegionPolicy> regions() { return regions; }

    public static String personId(RegionPolicy p, int index) {
        return "B-" + p.region().toUpperCase(java.util.Locale.ROOT) + "-" + index;
    }

    /**
     * The parameters every region needs in {@code year}: the per-capita income I, and a published figure for each
     * named amount that has neither a figure of its own nor a share of I.
     */
    public List<ParameterValue> parameters(int year) {
        List<ParameterValue> out = new ArrayList<>();
        Random rnd = new Random(seed * 31 + year);
        for (RegionPolicy p : regions) {
            out.add(new ParameterValue(p.region(), year, ParameterBook.INCOME, (40_000 + rnd.nextInt(30_000)) * 100L));
            for (Map.Entry<String, NamedAmount> e : p.namedAmounts().entrySet()) {
                NamedAmount a = e.getValue().at(LocalDate.of(year, 7, 1));
                if (a.percentOfIncomePpm() == 0 && a.fixedFen() < 0 && a.published().get(year) == null) {
                    out.add(new ParameterValue(p.region(), year, e.getKey(), (3_000 + rnd.nextInt(7_000)) * 100L));
                }
            }
        }
        return out;
    }

    /** Checks that {@code book} resolves every named amount of every region on {@code day}; throws otherwise. */
    public void checkResolves(ParameterBook book, LocalDate day) {
        for (RegionPolicy p : regions) {
            for (String name : p.namedAmounts().keySet()) {
                if (book.resolve(p, AmountRef.named(name, null), day) == ParameterBook.MISSING) {
                    throw new IllegalStateException(p.region() + " " + name + " does not resolve on " + day);
                }
            }
        }
    }

    /** Person {@code index}'s events of {@code year}; {@code firstYear} is the first year generated (identities start then). */
    public PersonYearEvents person(int index, int year, int firstYear) {
        RegionPolicy p = regions.get(index % regions.size());
        String personId = personId(p, index);
        Random who = new Random(seed ^ (index * 0x9E3779B97F4A7C15L));
        Random rnd = new Random(seed ^ (index * 0x9E3779B97F4A7C15L) ^ (year * 0xC2B2AE3D27D4EB4FL));
        List<Object> events = new ArrayList<>();
        // identities: decided once per person (the same draws every year), sent in the year they take effect
        List<IdentityChange> identities = identities(p, personId, index, who, firstYear);
        for (IdentityChange c : identities) {
            if (Math.max(firstYear, c.effectiveDate().getYear()) == year) events.add(c);
        }
        boolean holder = !identities.isEmpty();
        int claims = claimCount(rnd);
        List<MedicalClaim> made = new ArrayList<>(claims);
        for (int k = 0; k < claims; k++) {
            MedicalClaim c = claim(p, personId, index, year, k, rnd);
            made.add(c);
            events.add(c);
        }
        for (MedicalClaim c : made) {
            if (rnd.nextInt(100) == 0) {
                events.add(new Reversal("R-" + c.claimId(), c.claimId(), personId, p.region(), "billing error", c.hospitalId()));
            }
        }
        boolean onApplication = (p.residualTilt() != null && p.residualTilt().onApplication())
                || (p.targetTilt() != null && p.targetTilt().onApplication());
        if (holder && onApplication && rnd.nextInt(100) < 25) {
            LocalDate filed = LocalDate.of(year, 9, 1).plusDays(rnd.nextInt(110));
            events.add(new AidApplication("A-" + personId + "-" + year, personId, p.region(), year, false, filed, -1, -1, -1));
        }
        events.sort(Comparator.comparing(Population::dateOf).thenComparingInt(Population::rank));
        return new PersonYearEvents(personId, p, year, events);
    }

    private static int claimCount(Random rnd) {
        int r = rnd.nextInt(100);
        if (r < 10) return 0;
        if (r < 60) return 1 + rnd.nextInt(6);
        if (r < 90) return 6 + rnd.nextInt(10);
        return 15 + rnd.nextInt(20);
    }

    private List<IdentityChange> identities(RegionPolicy p, String personId, int index, Random who, int firstYear) {
        List<IdentityChange> out = new ArrayList<>();
        int kind = who.nextInt(100);
        if (kind < 15) return out; // a resident: no assistance identity
        List<Qualifier> qualifiers = new ArrayList<>();
        for (Tier t : p.tiers()) qualifiers.addAll(t.qualifiers());
        Set<Qualifier> chosen = new LinkedHashSet<>();
        chosen.add(qualifiers.get(who.nextInt(qualifiers.size())));
        if (who.nextInt(100) < 10) chosen.add(qualifiers.get(who.nextInt(qualifiers.size())));
        int n = 0;
        for (Qualifier q : chosen) {
            LocalDate recognized = kind < 75 ? LocalDate.of(firstYear - 1, 1, 1).plusDays(who.nextInt(360))
                    : LocalDate.of(firstYear, 1, 1).plusDays(who.nextInt(300)); // recognized during the first year
            String group = q.groups() == null ? (q.identity().equals("entitled_veteran") ? "key" : null) : q.groups().iterator().next();
            boolean disability = q.identity().equals("severe_disability");
            out.add(new IdentityChange("E" + index + "-" + (++n), personId, p.region(), departmentOf(q.identity()), q.identity(),
                    true, recognized, disability ? 1 : 0, disability ? "physical" : null, group));
            if (q.requiresSevereDisability() && !disability) {
                out.add(new IdentityChange("E" + index + "-" + (++n), personId, p.region(), departmentOf("severe_disability"),
                        "severe_disability", true, recognized, 1, "physical", null));
            }
            if (kind >= 90) { // leaves during the second year
                out.add(new IdentityChange("E" + index + "-" + (++n), personId, p.region(), departmentOf(q.identity()), q.identity(),
                        false, LocalDate.of(firstYear + 1, 1, 1).plusDays(who.nextInt(330)), 0, null, null));
            }
        }
        return out;
    }

    private static MedicalClaim claim(RegionPolicy p, String personId, int index, int year, int k, Random rnd) {
        int r = rnd.nextInt(100);
        CareKind kind = r < 45 ? CareKind.OUTPATIENT : r < 60 ? CareKind.OUTPATIENT_CHRONIC : r < 72 ? CareKind.OUTPATIENT_MAJOR
                : CareKind.INPATIENT;
        LocalDate discharge = LocalDate.of(year, 1, 1).plusDays(rnd.nextInt(365));
        LocalDate admission = kind == CareKind.INPATIENT ? discharge.minusDays(2 + rnd.nextInt(20)) : null;
        long scope = switch (kind) {
            case OUTPATIENT -> 100_00 + rnd.nextInt(2_900_00);
            case OUTPATIENT_CHRONIC -> 500_00 + rnd.nextInt(7_500_00);
            case OUTPATIENT_MAJOR -> 2_000_00 + rnd.nextInt(38_000_00);
            case INPATIENT -> rnd.nextInt(100) < 4 ? 200_000_00 + (long) rnd.nextInt(400_000_00)
                    : 5_000_00 + rnd.nextInt(145_000_00);
        };
        long outOfScope = scope * rnd.nextInt(16) / 100;
        long basic = kind == CareKind.INPATIENT ? scope * (40 + rnd.nextInt(31)) / 100 : scope * rnd.nextInt(51) / 100;
        long critical = kind == CareKind.INPATIENT && scope - basic > 50_000_00 ? (scope - basic) * (10 + rnd.nextInt(21)) / 100 : 0;
        long other = rnd.nextInt(100) < 5 ? Math.min(scope - basic - critical, 200_00) : 0;
        int loc = rnd.nextInt(100);
        CareLocation location = loc < 85 ? CareLocation.IN_CITY : loc < 95 ? CareLocation.IN_PROVINCE : CareLocation.OUT_OF_PROVINCE;
        boolean referred = location == CareLocation.IN_CITY || rnd.nextInt(100) < 60;
        String disease = kind == CareKind.OUTPATIENT_MAJOR || (kind == CareKind.OUTPATIENT_CHRONIC && rnd.nextBoolean())
                ? Vocabulary.DISEASE_GROUPS.get(rnd.nextInt(Vocabulary.DISEASE_GROUPS.size())) : null;
        return new MedicalClaim("C" + index + "-" + year + "-" + k, personId, p.region(), "H" + (10 + rnd.nextInt(40)),
                HospitalGrade.values()[rnd.nextInt(3)], kind, admission, discharge, location, referred, rnd.nextInt(100) < 10,
                disease, kind != CareKind.OUTPATIENT && rnd.nextBoolean(), scope + outOfScope, outOfScope, scope, basic, critical,
                other);
    }

    static String departmentOf(String identity) {
        return switch (identity) {
            case "returned_to_poverty", "monitored_unstable", "monitored_marginal", "monitored_sudden_hardship",
                    "stable_out_of_poverty", "registered_low_income" -> "rural_revitalization";
            case "entitled_veteran" -> "veterans_affairs";
            case "hardship_worker" -> "trade_union";
            case "severe_disability" -> "disabled_persons_federation";
            default -> "civil_affairs";
        };
    }

    static LocalDate dateOf(Object e) {
        if (e instanceof IdentityChange c) return c.effectiveDate();
        if (e instanceof MedicalClaim c) return c.date();
        if (e instanceof AidApplication a) return a.filedDate();
        if (e instanceof Reversal r) return LocalDate.MAX; // after the year's claims
        throw new IllegalArgumentException(String.valueOf(e));
    }

    private static int rank(Object e) {
        return e instanceof IdentityChange ? 0 : e instanceof MedicalClaim ? 1 : 2;
    }
}
