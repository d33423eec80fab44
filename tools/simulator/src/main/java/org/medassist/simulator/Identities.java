package org.medassist.simulator;

import static org.medassist.simulator.Dates.between;
import static org.medassist.simulator.Dates.max;
import static org.medassist.simulator.Dates.min;
import static org.medassist.simulator.Dates.pick;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.medassist.events.Department;
import org.medassist.events.DisabilityKind;
import org.medassist.events.DiseaseGroup;
import org.medassist.events.IdentityAction;
import org.medassist.events.IdentityAttributes;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentityType;
import org.medassist.events.VeteranGroup;
import org.medassist.schemas.Departments;

/**
 * Makes people and what the departments record about them.
 *
 * <ul>
 *   <li>Most are on the register before the simulated years: their grant is sent on the first simulated day.</li>
 *   <li>Some are recognised during the simulated years, most in the first; 因病支出型 and 临时救助 families after the
 *       bill that made them poor. A share of these records (the late share) reaches the system weeks or months after
 *       the recognition date, after claims it changes, so settled claims are recomputed (E1 and E8 in
 *       docs/decisions.md).</li>
 *   <li>Then changes: 低保边缘 → 低保 upgrades where the city knows both, and exits (退出), some recorded late too,
 *       which take back what was paid after the exit (a recovery).</li>
 *   <li>Each record is sent by the department that certifies the identity ({@link Departments#certifierOf}).</li>
 * </ul>
 */
final class Identities {

    /** Short department prefixes for event ids, as the departments' own systems number them. */
    private static final Map<Department, String> DEPARTMENT_PREFIX = Map.of(
            Department.civil_affairs, "mz",
            Department.rural_revitalization, "xc",
            Department.veterans_affairs, "ty",
            Department.trade_union, "gh",
            Department.disabled_persons_federation, "cl");

    private static final List<DiseaseGroup> ALL_GROUPS = List.of(DiseaseGroup.values());
    private static final List<VeteranGroup> ALL_VETERAN_GROUPS = List.of(VeteranGroup.values());
    private static final List<DisabilityKind> DISABILITY_KINDS = List.of(DisabilityKind.values());

    private final long seed;
    private final LocalDate firstDay;
    private final LocalDate lastDay;
    private final double lateShare;

    Identities(long seed, LocalDate firstDay, LocalDate lastDay, double lateShare) {
        this.seed = seed;
        this.firstDay = firstDay;
        this.lastDay = lastDay;
        this.lateShare = lateShare;
    }

    Person person(City c, int index) {
        Random rnd = Seeds.random(seed, c.region(), index, Seeds.PERSON);
        Person p = new Person(c, index, seed);

        double u = rnd.nextDouble();
        p.condition = u < 0.28 ? Person.Condition.CHRONIC : u < 0.38 ? Person.Condition.MAJOR : Person.Condition.NONE;
        if (p.condition == Person.Condition.MAJOR) {
            // mostly a disease the city singles out; some others, which its classes may not cover
            p.disease = rnd.nextDouble() < 0.9 ? pick(rnd, c.diseaseGroups()) : pick(rnd, ALL_GROUPS);
        }
        p.specialRegistered = p.condition != Person.Condition.NONE && rnd.nextDouble() < 0.75;
        p.utilization = Math.exp(rnd.nextGaussian() * 0.5);

        p.primary = c.pickIdentity(rnd);
        if (p.primary == null) return p; // a resident: no department knows them

        boolean illness = Register.AFTER_ILLNESS.contains(p.primary);
        p.late = illness || rnd.nextDouble() < Register.RECOGNISED_DURING_SHARE;
        LocalDate sent;
        if (p.late) {
            int year = firstDay.getYear();
            while (rnd.nextDouble() < 0.4) year++; // 60 % in the first simulated year, 24 % in the second, ...
            LocalDate from = illness ? LocalDate.of(year, 3, 1) : LocalDate.of(year, 1, 15);
            p.recognized = between(rnd, from, LocalDate.of(year, 10, 31));
            if (p.recognized.isAfter(lastDay)) {
                p.primary = null; // recognised after the simulated years: a resident within them
                return p;
            }
            sent = p.recognized.plusDays(delay(rnd));
        } else {
            p.recognized = firstDay.minusDays(30 + rnd.nextInt(1500));
            sent = firstDay;
        }
        if (illness) p.utilization = Math.max(p.utilization, 1.3);
        sent = min(sent, lastDay);
        int step = 0;
        p.identitySteps.add(identity(p, step++, sent, p.primary, IdentityAction.grant, p.recognized,
                attributes(rnd, c, p.primary)));

        if (c.disabilityCompanions().contains(p.primary) && rnd.nextDouble() < Register.DISABILITY_COMPANION_SHARE) {
            // the federation certifies a disability beside the main identity (a tier counts the two together)
            p.identitySteps.add(identity(p, step++, sent, IdentityType.severe_disability, IdentityAction.grant,
                    p.recognized, attributes(rnd, c, IdentityType.severe_disability)));
        }

        double change = rnd.nextDouble();
        LocalDate known = max(p.recognized, firstDay);
        LocalDate earliestChange = known.plusDays(60);
        LocalDate upgradeBy = LocalDate.of(known.getYear(), 10, 1);
        if (p.primary == IdentityType.marginal_low_income && c.identities().contains(IdentityType.minimum_living)
                && change < 0.12 && earliestChange.isBefore(upgradeBy)) {
            // 低保边缘 → 低保: civil affairs ends one identity and grants the other from the next day
            LocalDate upgrade = between(rnd, max(earliestChange, LocalDate.of(known.getYear(), 4, 1)),
                    LocalDate.of(known.getYear(), 9, 30));
            LocalDate upgradeSent = min(upgrade.plusDays(rnd.nextInt(6)), lastDay);
            p.identitySteps.add(identity(p, step++, upgradeSent, IdentityType.marginal_low_income,
                    IdentityAction.revoke, upgrade.minusDays(1), none()));
            p.identitySteps.add(identity(p, step++, upgradeSent, IdentityType.minimum_living,
                    IdentityAction.grant, upgrade, none()));
        } else if (change > 0.93 && earliestChange.isBefore(lastDay.minusDays(30))) {
            // an exit (退出): income rose, the child came of age, the family moved away...
            LocalDate exit = between(rnd, earliestChange, lastDay.minusDays(30));
            LocalDate exitSent = min(exit.plusDays(delay(rnd)), lastDay);
            p.identitySteps.add(identity(p, step, exitSent, p.primary, IdentityAction.revoke, exit,
                    none()));
        }
        return p;
    }

    /** Days between a change and its record reaching the system: a few, or (the late share) weeks to months. */
    private int delay(Random rnd) {
        return rnd.nextDouble() < lateShare ? 20 + rnd.nextInt(130) : rnd.nextInt(8);
    }

    private Draft identity(Person p, int step, LocalDate sent, IdentityType identity, IdentityAction action,
                           LocalDate effective, IdentityAttributes attributes) {
        Department dept = Departments.certifierOf(identity);
        IdentityEvent e = new IdentityEvent(DEPARTMENT_PREFIX.get(dept) + "-" + p.personId + "-" + (step + 1),
                p.personId, p.city.region(), dept, identity, action, effective, attributes);
        return Draft.of(sent, Draft.RANK_IDENTITY, p.city.order(), p.index, step, Principal.department(dept), e);
    }

    /** No attributes. */
    private static IdentityAttributes none() {
        return new IdentityAttributes(null, null, null, null);
    }

    /** What the certifying department records with a grant: grade and kind, veteran group, birth date. */
    private IdentityAttributes attributes(Random rnd, City c, IdentityType identity) {
        switch (identity) {
            case severe_disability: {
                double g = rnd.nextDouble();
                int grade = g < 0.3 ? 1 : g < 0.65 ? 2 : g < 0.85 ? 3 : 4;
                return new IdentityAttributes(grade, pick(rnd, DISABILITY_KINDS), null, null);
            }
            case entitled_veteran: {
                boolean usual = !c.veteranGroups().isEmpty() && rnd.nextDouble() < 0.8;
                return new IdentityAttributes(null, null, null, pick(rnd, usual ? c.veteranGroups() : ALL_VETERAN_GROUPS));
            }
            case orphan:
            case de_facto_unsupported_child:
            case child_in_difficulty:
                return new IdentityAttributes(null, null, firstDay.minusYears(2 + rnd.nextInt(15)).plusDays(rnd.nextInt(365)), null);
            default:
                return rnd.nextDouble() < 0.3
                        ? new IdentityAttributes(null, null, LocalDate.of(1940 + rnd.nextInt(60), 1, 1).plusDays(rnd.nextInt(365)), null)
                        : none();
        }
    }
}
