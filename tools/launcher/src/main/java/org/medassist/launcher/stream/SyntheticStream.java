package org.medassist.launcher.stream;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.events.Amounts;
import org.medassist.events.Application;
import org.medassist.events.ApplicationKind;
import org.medassist.events.Claim;
import org.medassist.events.ClaimKind;
import org.medassist.events.ClaimReversal;
import org.medassist.events.Decision;
import org.medassist.events.Department;
import org.medassist.events.DisabilityKind;
import org.medassist.events.DiseaseGroup;
import org.medassist.events.HospitalLevel;
import org.medassist.events.IdentityAction;
import org.medassist.events.IdentityAttributes;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentityType;
import org.medassist.events.Location;
import org.medassist.events.Parameter;
import org.medassist.events.VeteranGroup;
import org.medassist.events.YearClose;
import org.medassist.launcher.stream.Region.Hospital;
import org.medassist.schemas.Departments;
import org.medassist.schemas.EventClasses;

/**
 * A realistic, deterministic event stream for the five cities, in simulated-time order.
 *
 * <ul>
 *   <li>At the start of each simulated year, policy administrators publish the parameters the policies need
 *       (Nanjing publishes its later years' figures in March, so early tier-D claims park until then).</li>
 *   <li>Departments certify people: the existing register first (recognised before the simulated year), then
 *       new recognitions, exits and upgrades (低保边缘 → 低保) over the year, each by the department that certifies
 *       that identity ({@link Departments#certifierOf}). 因病支出型 families are recognised after a big bill.</li>
 *   <li>Hospitals discharge them: ordinary outpatient visits, chronic and major-disease outpatient series,
 *       inpatient stays of realistic size, with basic insurance paying 50–70 % of the policy scope, critical-illness
 *       insurance on big bills, some commercial insurance and some out-of-scope spending.</li>
 *   <li>About 3 % of claims are reversed (冲正) days later, half of them followed by a corrected claim.</li>
 *   <li>The agency files applications: tilt in Jiujiang and Fangchenggang for heavy burdens, one-time assistance
 *       for Fangchenggang's 因病支出型 families. Jiangyin's year is closed after December.</li>
 * </ul>
 *
 * <p>Each person is generated from a {@link Random} seeded by (seed, city, person, year), so the stream is a pure
 * function of its {@link StreamConfig} and is produced month by month without holding it in memory: it can be
 * replayed to any position, which is how the publisher resumes after a restart.
 */
public final class SyntheticStream implements Iterable<StreamEvent> {

    /** Bump when the generated events change: it is part of {@link StreamConfig#fingerprint()}. */
    public static final int VERSION = 1;

    private static final int RANK_PARAMETER = 0;
    private static final int RANK_IDENTITY = 1;
    private static final int RANK_HOSPITAL = 2;
    private static final int RANK_APPLICATION = 3;
    private static final int RANK_YEAR_CLOSE = 9;

    private static final long CRITICAL_ILLNESS_DEDUCTIBLE = 15_000_00L;

    static {
        EventClasses.trust(); // copying a generated record (a corrected claim) loads its enum classes
    }

    private final StreamConfig config;

    public SyntheticStream(StreamConfig config) {
        this.config = config;
    }

    public StreamConfig config() {
        return config;
    }

    /** The events in stream order, generated month by month. */
    @Override
    public Iterator<StreamEvent> iterator() {
        return new MonthIterator();
    }

    /** How many events the whole stream has (generates it once). */
    public long count() {
        long n = 0;
        for (Iterator<StreamEvent> it = iterator(); it.hasNext(); it.next()) n++;
        return n;
    }

    // ------------------------------------------------------------------------------------------------ iteration

    private final class MonthIterator implements Iterator<StreamEvent> {
        private int year = 0;
        private int month = 0; // the month whose events are in `current`; 0 before the first
        private List<Draft> current = List.of();
        private int index;
        private long seq;

        @Override
        public boolean hasNext() {
            while (index >= current.size()) {
                if (!advanceMonth()) return false;
            }
            return true;
        }

        @Override
        public StreamEvent next() {
            if (!hasNext()) throw new NoSuchElementException();
            Draft d = current.get(index++);
            return new StreamEvent(seq++, d.date, d.principal, d.record);
        }

        private boolean advanceMonth() {
            month++;
            if (month > 12) {
                month = 1;
                year++;
            }
            if (year >= config.years()) return false;
            current = month(year, month);
            index = 0;
            return true;
        }
    }

    /** Every event of simulated month {@code month} of year index {@code y}, sorted into stream order. */
    List<Draft> month(int y, int month) {
        List<Draft> out = new ArrayList<>();
        for (Region r : Region.values()) {
            int year = r.baseYear() + y;
            parameters(r, y, year, month, out);
            int n = config.peopleIn(r);
            for (int i = 0; i < n; i++) {
                Person p = person(r, i);
                for (Draft d : p.identitySteps) {
                    if (bucketYear(r, d.date) == y && d.date.getMonthValue() == month) out.add(d);
                }
                for (Draft d : personYear(p, y)) {
                    if (d.date.getMonthValue() == month) out.add(d);
                }
            }
            if (r == Region.JIANGYIN && month == 12) {
                out.add(new Draft(LocalDate.of(year, 12, 31), RANK_YEAR_CLOSE, r, Integer.MAX_VALUE, 0, Principal.agency(r.id()),
                        YearClose.newBuilder().setRegion(r.id()).setYear(year).build()));
            }
        }
        out.sort(Draft.ORDER);
        return out;
    }

    private static int bucketYear(Region r, LocalDate date) {
        return date.getYear() - r.baseYear();
    }

    private void parameters(Region r, int y, int year, int month, List<Draft> out) {
        Map<String, Long> values = new TreeMap<>(r.parameters(year));
        if (values.isEmpty()) return;
        // Nanjing publishes later years' figures in March ("每年由市医疗保障局、市财政局予以公布")
        int publishMonth = r == Region.NANJING && y > 0 ? 3 : 1;
        if (month != publishMonth) return;
        LocalDate date = LocalDate.of(year, publishMonth, publishMonth == 1 ? 1 : 15);
        int k = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            out.add(new Draft(date, RANK_PARAMETER, r, -1, k++, Principal.ADMIN, Parameter.newBuilder()
                    .setRegion(r.id()).setYear(year).setName(e.getKey()).setValue(e.getValue()).build()));
        }
    }

    // ------------------------------------------------------------------------------------------------ people

    /** Where a person's health care comes from. */
    private enum Condition { NONE, CHRONIC, MAJOR }

    /** A person's lasting traits and identity history (the same for every year and month). */
    private static final class Person {
        final Region region;
        final int index;
        final String personId;
        final String number;
        IdentityType primary;
        LocalDate recognized;   // the primary identity's recognition date; null for residents
        boolean late;           // recognised during the simulated years
        Condition condition = Condition.NONE;
        DiseaseGroup disease;
        boolean specialRegistered;
        double utilization;
        final List<Draft> identitySteps = new ArrayList<>();

        Person(Region region, int index, long seed) {
            this.region = region;
            this.index = index;
            this.number = seed + "-" + String.format("%06d", index);
            this.personId = region.code() + "-" + number;
        }
    }

    Person person(Region r, int index) {
        Random rnd = random(r, index, -1);
        Person p = new Person(r, index, config.seed());
        LocalDate firstDay = LocalDate.of(r.baseYear(), 1, 1);
        LocalDate lastDay = LocalDate.of(r.baseYear() + config.years() - 1, 12, 31);

        double u = rnd.nextDouble();
        p.condition = u < 0.28 ? Condition.CHRONIC : u < 0.38 ? Condition.MAJOR : Condition.NONE;
        if (p.condition == Condition.MAJOR) p.disease = pick(rnd, r.majorDiseases());
        p.specialRegistered = p.condition != Condition.NONE && rnd.nextDouble() < 0.75;
        p.utilization = Math.exp(rnd.nextGaussian() * 0.5);

        p.primary = r.pickIdentity(rnd);
        if (p.primary == null) return p; // a resident: no department knows them

        boolean illness = p.primary == IdentityType.illness_expenditure_hardship
                || p.primary == IdentityType.temporary_assistance_serious_illness;
        p.late = illness || rnd.nextDouble() < 0.2;
        if (p.late) {
            // recognised during the first simulated year; 因病支出型 after the bills that made them poor
            LocalDate from = illness ? LocalDate.of(r.baseYear(), 3, 1) : firstDay.plusDays(14);
            p.recognized = between(rnd, from, LocalDate.of(r.baseYear(), 10, 31));
        } else {
            p.recognized = firstDay.minusDays(30 + rnd.nextInt(1500));
        }
        if (illness) p.utilization = Math.max(p.utilization, 1.3);
        int step = 0;
        LocalDate sent = p.late ? min(p.recognized.plusDays(rnd.nextInt(8)), lastDay) : firstDay;
        p.identitySteps.add(identity(p, step++, sent, p.primary, IdentityAction.grant, p.recognized,
                attributes(rnd, r, p.primary, firstDay)));

        if (r == Region.FANGCHENGGANG && p.primary == IdentityType.minimum_living && rnd.nextDouble() < 0.2) {
            // 二类人员中的重度残疾人: the federation certifies the disability beside civil affairs' 低保
            p.identitySteps.add(identity(p, step++, sent, IdentityType.severe_disability, IdentityAction.grant,
                    p.recognized, attributes(rnd, r, IdentityType.severe_disability, firstDay)));
        }

        double change = rnd.nextDouble();
        LocalDate earliestChange = max(p.recognized, firstDay).plusDays(60);
        if (p.primary == IdentityType.marginal_low_income && change < 0.12
                && earliestChange.isBefore(LocalDate.of(r.baseYear(), 10, 1))) {
            // 低保边缘 → 低保: civil affairs ends one identity and grants the other from the next day
            LocalDate upgrade = between(rnd, max(earliestChange, LocalDate.of(r.baseYear(), 4, 1)),
                    LocalDate.of(r.baseYear(), 9, 30));
            LocalDate upgradeSent = upgrade.plusDays(rnd.nextInt(6));
            p.identitySteps.add(identity(p, step++, upgradeSent, IdentityType.marginal_low_income,
                    IdentityAction.revoke, upgrade.minusDays(1), IdentityAttributes.newBuilder().build()));
            p.identitySteps.add(identity(p, step++, upgradeSent, IdentityType.minimum_living,
                    IdentityAction.grant, upgrade, IdentityAttributes.newBuilder().build()));
        } else if (change > 0.93 && earliestChange.isBefore(lastDay.minusDays(30))) {
            // an exit (退出): income rose, the child came of age, the family moved away...
            LocalDate exit = between(rnd, earliestChange, lastDay.minusDays(30));
            LocalDate exitSent = min(exit.plusDays(rnd.nextInt(8)), lastDay);
            p.identitySteps.add(identity(p, step, exitSent, p.primary, IdentityAction.revoke, exit,
                    IdentityAttributes.newBuilder().build()));
        }
        return p;
    }

    private Draft identity(Person p, int step, LocalDate sent, IdentityType identity, IdentityAction action,
                           LocalDate effective, IdentityAttributes attributes) {
        Department dept = Departments.certifierOf(identity);
        IdentityEvent e = IdentityEvent.newBuilder()
                .setEventId(DEPARTMENT_PREFIX.get(dept) + "-" + p.personId + "-" + (step + 1))
                .setPersonId(p.personId)
                .setRegion(p.region.id())
                .setDepartment(dept)
                .setIdentity(identity)
                .setAction(action)
                .setEffectiveDate(effective)
                .setAttributes(attributes)
                .build();
        return new Draft(sent, RANK_IDENTITY, p.region, p.index, step, Principal.department(dept), e);
    }

    /** Short department prefixes for event ids, as the departments' own systems number them. */
    private static final Map<Department, String> DEPARTMENT_PREFIX = Map.of(
            Department.civil_affairs, "mz",
            Department.rural_revitalization, "xc",
            Department.veterans_affairs, "ty",
            Department.trade_union, "gh",
            Department.disabled_persons_federation, "cl");

    private static IdentityAttributes attributes(Random rnd, Region r, IdentityType identity, LocalDate firstDay) {
        IdentityAttributes.Builder a = IdentityAttributes.newBuilder();
        switch (identity) {
            case severe_disability: {
                double g = rnd.nextDouble();
                a.setDisabilityGrade(g < 0.3 ? 1 : g < 0.65 ? 2 : g < 0.85 ? 3 : 4);
                a.setDisabilityKind(pick(rnd, List.of(DisabilityKind.values())));
                break;
            }
            case entitled_veteran: {
                VeteranGroup usual = r.veteranGroup() != null ? r.veteranGroup() : VeteranGroup.other;
                a.setGroup(rnd.nextDouble() < 0.8 ? usual : pick(rnd, List.of(VeteranGroup.values())));
                break;
            }
            case orphan:
            case de_facto_unsupported_child:
            case child_in_difficulty:
                a.setBirthDate(firstDay.minusYears(2 + rnd.nextInt(15)).plusDays(rnd.nextInt(365)));
                break;
            default:
                if (rnd.nextDouble() < 0.3) a.setBirthDate(LocalDate.of(1940 + rnd.nextInt(60), 1, 1).plusDays(rnd.nextInt(365)));
        }
        return a.build();
    }

    // ------------------------------------------------------------------------------------------------ one person-year

    /** A person's hospital events and applications in year index {@code y}, unsorted. */
    List<Draft> personYear(Person p, int y) {
        Region r = p.region;
        int year = r.baseYear() + y;
        Random rnd = random(r, p.index, y);
        LocalDate start = max(LocalDate.of(year, 1, 1), r.policyStart());
        LocalDate end = LocalDate.of(year, 12, 31);
        List<Draft> out = new ArrayList<>();
        int[] seq = {0};
        List<Claim> claims = new ArrayList<>();

        // ordinary outpatient visits (门诊统筹)
        int visits = poisson(rnd, 1.6 * p.utilization);
        for (int i = 0; i < visits; i++) {
            Hospital h = rnd.nextDouble() < 0.5 ? Hospital.TOWNSHIP : rnd.nextDouble() < 0.6 ? Hospital.CITY_SECONDARY : Hospital.CITY_TERTIARY;
            claims.add(claim(rnd, p, year, claims.size(), h, ClaimKind.outpatient, null, between(rnd, start, end), 0,
                    outpatientAmounts(rnd)));
        }
        // chronic and major-disease outpatient series
        if (p.condition == Condition.CHRONIC) {
            int n = 4 + rnd.nextInt(7);
            DiseaseGroup group = rnd.nextDouble() < 0.15 ? DiseaseGroup.t1dm_insulin : null;
            for (LocalDate d : spread(rnd, start, end, n)) {
                Hospital h = rnd.nextDouble() < 0.6 ? Hospital.CITY_SECONDARY : Hospital.CITY_TERTIARY;
                claims.add(claim(rnd, p, year, claims.size(), h, ClaimKind.outpatient_chronic, group, d, 0,
                        seriesAmounts(rnd, 300, 3_500, 0.55, 0.70)));
            }
        } else if (p.condition == Condition.MAJOR) {
            int n = p.disease == DiseaseGroup.esrd_dialysis ? 12 : p.disease == DiseaseGroup.cancer_treatment ? 4 + rnd.nextInt(5) : 6 + rnd.nextInt(5);
            for (LocalDate d : spread(rnd, start, end, n)) {
                Hospital h = rnd.nextDouble() < 0.85 ? Hospital.CITY_TERTIARY : Hospital.PROVINCIAL;
                Amounts a = p.disease == DiseaseGroup.esrd_dialysis ? seriesAmounts(rnd, 4_500, 8_000, 0.60, 0.70)
                        : p.disease == DiseaseGroup.cancer_treatment ? seriesAmounts(rnd, 6_000, 30_000, 0.55, 0.70)
                        : seriesAmounts(rnd, 2_000, 15_000, 0.55, 0.70);
                claims.add(claim(rnd, p, year, claims.size(), h, ClaimKind.outpatient_major, p.disease, d, 0, a));
            }
        }
        // inpatient stays
        double s = rnd.nextDouble() / Math.min(2.0, p.utilization);
        int stays = s < 0.07 ? 3 : s < 0.20 ? 2 : s < 0.50 ? 1 : 0;
        if (p.condition != Condition.NONE && rnd.nextDouble() < 0.3) stays++;
        boolean recognisedThisYear = p.late && p.recognized != null && p.recognized.getYear() == year;
        boolean illness = p.primary == IdentityType.illness_expenditure_hardship
                || p.primary == IdentityType.temporary_assistance_serious_illness;
        if (illness && recognisedThisYear) {
            // the bill that made the family poor, weeks before the recognition
            LocalDate discharge = p.recognized.minusDays(10 + rnd.nextInt(80));
            if (!discharge.isBefore(start.plusDays(20))) {
                int los = 12 + rnd.nextInt(20);
                Hospital h = rnd.nextDouble() < 0.7 ? Hospital.CITY_TERTIARY : Hospital.PROVINCIAL;
                claims.add(claim(rnd, p, year, claims.size(), h, ClaimKind.inpatient, null, discharge, los,
                        inpatientAmounts(rnd, h, true)));
            }
        }
        for (int i = 0; i < stays; i++) {
            Hospital h = inpatientHospital(rnd);
            int los = 2 + rnd.nextInt(h.level == HospitalLevel.primary ? 8 : 20);
            LocalDate discharge = between(rnd, start.plusDays(los), end);
            boolean big = rnd.nextDouble() < 0.06 * p.utilization;
            claims.add(claim(rnd, p, year, claims.size(), h, ClaimKind.inpatient, null, discharge, los, inpatientAmounts(rnd, h, big)));
        }

        long selfPay = 0;
        for (Claim c : claims) {
            out.add(new Draft(c.getDischargeDate(), RANK_HOSPITAL, r, p.index, seq[0]++,
                    Principal.hospital(c.getHospitalId()), c));
            selfPay += base(c.getAmounts());
        }
        // reversals (冲正), half of them followed by a corrected claim the same day
        for (Claim c : claims) {
            if (rnd.nextDouble() >= 0.03) continue;
            LocalDate when = min(c.getDischargeDate().plusDays(1 + rnd.nextInt(20)), end);
            if (!when.isAfter(c.getDischargeDate())) continue; // no room left in the year
            boolean corrected = rnd.nextDouble() < 0.5;
            String reason = corrected ? pick(rnd, List.of("amounts corrected", "billing error: wrong items billed"))
                    : pick(rnd, List.of("duplicate billing", "patient identity mismatch", "settled in error"));
            out.add(new Draft(when, RANK_HOSPITAL, r, p.index, seq[0]++, Principal.hospital(c.getHospitalId()),
                    ClaimReversal.newBuilder().setReversalId(c.getClaimId() + "-R").setClaimId(c.getClaimId()).setHospitalId(c.getHospitalId())
                            .setPersonId(p.personId).setRegion(r.id()).setReason(reason).build()));
            selfPay -= base(c.getAmounts());
            if (corrected) {
                Amounts a = rescale(c.getAmounts(), 0.85 + rnd.nextDouble() * 0.13);
                Claim fixed = Claim.newBuilder(c).setClaimId(c.getClaimId() + "-C").setAmounts(a).build();
                out.add(new Draft(when, RANK_HOSPITAL, r, p.index, seq[0]++, Principal.hospital(c.getHospitalId()), fixed));
                selfPay += base(a);
            }
        }
        applications(rnd, p, year, selfPay, start, out, seq);
        return out;
    }

    private void applications(Random rnd, Person p, int year, long selfPay, LocalDate start, List<Draft> out, int[] seq) {
        Region r = p.region;
        if (p.primary == null) return;
        if (r == Region.JIUJIANG && selfPay >= 12_000_00L && rnd.nextDouble() < 0.7) {
            LocalDate filed = between(rnd, max(start, LocalDate.of(year, 11, 1)), LocalDate.of(year, 12, 15));
            out.add(application(p, year, ApplicationKind.tilt, filed, Decision.newBuilder().build(), seq));
        }
        if (r == Region.FANGCHENGGANG) {
            boolean monitored = p.primary == IdentityType.monitored_unstable || p.primary == IdentityType.monitored_marginal
                    || p.primary == IdentityType.monitored_sudden_hardship;
            if (monitored && selfPay >= 10_000_00L && rnd.nextDouble() < 0.8) {
                LocalDate filed = between(rnd, max(start, LocalDate.of(year, 10, 1)), LocalDate.of(year, 12, 15));
                out.add(application(p, year, ApplicationKind.tilt, filed, Decision.newBuilder().build(), seq));
            }
            if (p.primary == IdentityType.illness_expenditure_hardship && p.late && p.recognized.getYear() == year) {
                LocalDate filed = min(p.recognized.plusDays(5 + rnd.nextInt(25)), LocalDate.of(year, 12, 20));
                Decision decision = rnd.nextDouble() < 0.4
                        ? Decision.newBuilder().setDeductible(10_000_00L).setRate("0.65").setCap(100_000_00L).build()
                        : Decision.newBuilder().build(); // the policy's defaults
                out.add(application(p, year, ApplicationKind.one_time, filed, decision, seq));
            }
        }
    }

    private Draft application(Person p, int year, ApplicationKind kind, LocalDate filed, Decision decision, int[] seq) {
        String id = p.region.code() + "-A-" + year + "-" + p.number + (kind == ApplicationKind.tilt ? "-T" : "-O");
        Application a = Application.newBuilder().setApplicationId(id).setPersonId(p.personId).setRegion(p.region.id())
                .setYear(year).setKind(kind).setFiledDate(filed).setDecision(decision).build();
        return new Draft(filed, RANK_APPLICATION, p.region, p.index, seq[0]++, Principal.agency(p.region.id()), a);
    }

    private Claim claim(Random rnd, Person p, int year, int n, Hospital h, ClaimKind kind, DiseaseGroup group,
                        LocalDate discharge, int lengthOfStay, Amounts amounts) {
        Region r = p.region;
        boolean referred = h.location == Location.in_city || rnd.nextDouble() < (h.location == Location.in_province ? 0.92 : 0.75);
        boolean hardship = !referred && rnd.nextDouble() < 0.4;
        LocalDate admission = null;
        if (kind == ClaimKind.inpatient) {
            admission = discharge.minusDays(lengthOfStay);
            LocalDate floor = max(LocalDate.of(year, 1, 1), r.policyStart());
            if (admission.isBefore(floor)) admission = floor;
        }
        String hospitalId = r.hospitalId(h);
        return Claim.newBuilder()
                .setClaimId(hospitalId + "-" + year + "-" + p.number + "-" + String.format("%03d", n + 1))
                .setPersonId(p.personId)
                .setRegion(r.id())
                .setHospitalId(hospitalId)
                .setHospitalLevel(h.level)
                .setKind(kind)
                .setAdmissionDate(admission)
                .setDischargeDate(discharge)
                .setLocation(h.location)
                .setReferred(referred)
                .setHardship(hardship)
                .setDiseaseGroup(group)
                .setSpecialDiseaseRegistered(kind != ClaimKind.outpatient && p.specialRegistered)
                .setAmounts(amounts)
                .build();
    }

    private static Hospital inpatientHospital(Random rnd) {
        double u = rnd.nextDouble();
        if (u < 0.36) return Hospital.CITY_TERTIARY;
        if (u < 0.64) return Hospital.CITY_SECONDARY;
        if (u < 0.80) return Hospital.TOWNSHIP;
        if (u < 0.93) return Hospital.PROVINCIAL;
        return Hospital.OUT_OF_PROVINCE;
    }

    // ------------------------------------------------------------------------------------------------ amounts (fen)

    /** An inpatient bill: policy scope mostly 5k–80k yuan (much less at a township hospital), big bills 60k–300k. */
    private static Amounts inpatientAmounts(Random rnd, Hospital h, boolean big) {
        double yuan;
        if (big) {
            yuan = 60_000 + rnd.nextDouble() * 240_000;
        } else {
            yuan = 16_000 * Math.exp(rnd.nextGaussian() * 0.7);
            yuan *= switch (h) {
                case TOWNSHIP -> 0.3;
                case CITY_SECONDARY -> 0.65;
                case PROVINCIAL -> 1.3;
                case OUT_OF_PROVINCE -> 1.7;
                default -> 1.0;
            };
            yuan = Math.max(1_200, Math.min(yuan, 300_000));
        }
        long scope = toFen(rnd, yuan);
        double basicRate = switch (h.level) {
            case primary -> 0.65 + rnd.nextDouble() * 0.05;
            case secondary -> 0.60 + rnd.nextDouble() * 0.08;
            default -> h.location == Location.out_of_province ? 0.50 + rnd.nextDouble() * 0.05 : 0.52 + rnd.nextDouble() * 0.10;
        };
        return amounts(rnd, scope, basicRate, outOfScopeShare(rnd));
    }

    private static Amounts outpatientAmounts(Random rnd) {
        double yuan = Math.max(20, Math.min(150 * Math.exp(rnd.nextGaussian() * 0.8), 1_500));
        long scope = toFen(rnd, yuan);
        double basicRate = rnd.nextDouble() < 0.3 ? 0 : 0.3 + rnd.nextDouble() * 0.2; // 门诊统筹, not always
        return amounts(rnd, scope, basicRate, rnd.nextDouble() * 0.08);
    }

    private static Amounts seriesAmounts(Random rnd, double minYuan, double maxYuan, double minRate, double maxRate) {
        long scope = toFen(rnd, minYuan + rnd.nextDouble() * (maxYuan - minYuan));
        return amounts(rnd, scope, minRate + rnd.nextDouble() * (maxRate - minRate), rnd.nextDouble() * 0.06);
    }

    private static double outOfScopeShare(Random rnd) {
        double u = rnd.nextDouble();
        return u < 0.08 ? 0.15 + rnd.nextDouble() * 0.2 : 0.02 + rnd.nextDouble() * 0.10;
    }

    /**
     * Consistent amounts: total = scope + out-of-scope; basic pays {@code basicRate} of the scope; critical-illness
     * insurance pays 60–70 % above its 15,000-yuan deductible; a few have commercial insurance (惠民保).
     */
    private static Amounts amounts(Random rnd, long scope, double basicRate, double outShare) {
        long basic = Math.round(scope * basicRate);
        long self = scope - basic;
        long critical = self > CRITICAL_ILLNESS_DEDUCTIBLE
                ? Math.round((self - CRITICAL_ILLNESS_DEDUCTIBLE) * (0.60 + rnd.nextDouble() * 0.10)) : 0;
        long other = rnd.nextDouble() < 0.04 ? Math.round((self - critical) * (0.1 + rnd.nextDouble() * 0.2)) : 0;
        long outOfScope = Math.round(scope * outShare / (1 - outShare));
        return Amounts.newBuilder().setTotal(scope + outOfScope).setOutOfScope(outOfScope).setPolicyScope(scope)
                .setBasicInsurance(basic).setCriticalIllness(critical).setOtherInsurance(other).build();
    }

    /** The same bill scaled (a corrected claim): shares kept, consistency kept. */
    private static Amounts rescale(Amounts a, double factor) {
        long scope = Math.round(a.getPolicyScope() * factor);
        long basic = Math.min(scope, Math.round(a.getBasicInsurance() * factor));
        long critical = Math.min(scope - basic, Math.round(a.getCriticalIllness() * factor));
        long other = Math.min(scope - basic - critical, Math.round(a.getOtherInsurance() * factor));
        long out = Math.round(a.getOutOfScope() * factor);
        return Amounts.newBuilder().setTotal(scope + out).setOutOfScope(out).setPolicyScope(scope)
                .setBasicInsurance(basic).setCriticalIllness(critical).setOtherInsurance(other).build();
    }

    /** S = policyScope − basic − critical illness − other insurance. */
    private static long base(Amounts a) {
        return a.getPolicyScope() - a.getBasicInsurance() - a.getCriticalIllness() - a.getOtherInsurance();
    }

    /** Yuan to fen with realistic cents (hospital bills are itemised, rarely round). */
    private static long toFen(Random rnd, double yuan) {
        return Math.max(100, Math.round(Math.floor(yuan)) * 100 + rnd.nextInt(100));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Random random(Region r, int person, int year) {
        long h = config.seed();
        h = mix(h * 31 + r.ordinal());
        h = mix(h * 31 + person);
        h = mix(h * 31 + year);
        return new Random(h);
    }

    /** SplitMix64's finaliser: spreads nearby inputs over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int poisson(Random rnd, double lambda) {
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** {@code n} dates spread over [from, to] with some jitter, in order. */
    private static List<LocalDate> spread(Random rnd, LocalDate from, LocalDate to, int n) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        List<LocalDate> dates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long slot = days * i / n;
            long width = Math.max(1, days / n);
            dates.add(from.plusDays(Math.min(days - 1, slot + rnd.nextInt((int) width))));
        }
        return dates;
    }

    private static LocalDate between(Random rnd, LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        if (days <= 0) return from;
        return from.plusDays(rnd.nextInt((int) days + 1));
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static <T> T pick(Random rnd, List<T> items) {
        return items.get(rnd.nextInt(items.size()));
    }

    /** An event before its position in the stream is known. */
    record Draft(LocalDate date, int rank, Region region, int person, int step, Principal principal, SpecificRecord record) {
        /**
         * Simulated day within the year (the cities' years are aligned: Jiyuan runs a year earlier), then kind
         * (parameters, certifications, hospital events, applications, year close), then city, then sender (so that
         * a day's events from one hospital or department travel in one request), then person and the person's own
         * order.
         */
        static final Comparator<Draft> ORDER = Comparator
                .comparingInt((Draft d) -> d.date.getMonthValue() * 32 + d.date.getDayOfMonth())
                .thenComparingInt(Draft::rank)
                .thenComparingInt(d -> d.region.ordinal())
                .thenComparing(d -> d.principal.name())
                .thenComparingInt(Draft::person)
                .thenComparingInt(Draft::step);
    }
}
