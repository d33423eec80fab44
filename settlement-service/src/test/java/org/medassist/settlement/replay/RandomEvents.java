package org.medassist.settlement.replay;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.events.IdentityType;
import org.medassist.schemas.Departments;
import org.medassist.engine.money.Money;

/**
 * Random but contract-valid event sequences for one region: identity changes from the certifying departments,
 * claims of every kind, reversals of earlier claims, applications, parameters (sometimes missing) and year closes.
 */
public final class RandomEvents {
    static final String[] KINDS = {"outpatient", "outpatient_chronic", "outpatient_major", "inpatient"};
    static final String[] GROUPS = {"esrd_dialysis", "hemophilia", "cml_tki", "t1dm_insulin", "mdr_tb", "aplastic_anemia",
            "cancer_treatment", "transplant_antirejection", "severe_mental_illness", "thalassemia", "other"};
    static final String[] LOCATIONS = {"in_city", "in_city", "in_city", "in_province", "out_of_province"};
    static final String[] DISABILITY = {"physical", "intellectual", "mental", "visual", "hearing", "speech", "multiple"};

    private final Random rnd;
    private final RegionPolicy policy;
    private final int year;
    private final List<String> identities;
    private final List<String[]> claims = new ArrayList<>(); // {claimId, personId}
    private int seq;

    public RandomEvents(long seed, RegionPolicy policy) {
        this.rnd = new Random(seed);
        this.policy = policy;
        this.year = policy.region().equals("jiyuan") && rnd.nextBoolean() ? 2022 : 2023;
        this.identities = new ArrayList<>(policy.assistanceIdentities());
        identities.add("severe_disability");
        identities.add("entitled_veteran");
        identities.sort(null);
    }

    public List<String> generate(int count) { return generate(count, false); }

    /** With {@code allParameters}, every yearly figure is published up front, so no person-year waits on one. */
    public List<String> generate(int count, boolean allParameters) {
        List<String> out = new ArrayList<>();
        for (int y = year - 1; y <= year; y++) {
            if (allParameters || (y == year && rnd.nextInt(4) > 0)) out.add(parameter(y, "per_capita_disposable_income", 20000 + rnd.nextInt(60000)));
            if (policy.region().equals("nanjing") && (allParameters || (y == year && rnd.nextInt(4) > 0))) {
                out.add(parameter(y, "tier_d_deductible", 3000 + rnd.nextInt(6000)));
            }
        }
        for (int i = 0; i < count; i++) {
            int r = rnd.nextInt(100);
            if (r < 25) out.add(identity());
            else if (r < 85) out.add(claim());
            else if (r < 91 && !claims.isEmpty()) out.add(reversal());
            else if (r < 95) out.add(application());
            else if (r < 97) out.add(parameter(year, "per_capita_disposable_income", 20000 + rnd.nextInt(60000)));
            else out.add("{\"type\":\"year_close\",\"region\":\"" + policy.region() + "\",\"year\":" + year + "}");
        }
        return out;
    }

    private String person() { return "P" + (1 + rnd.nextInt(3)); }

    private LocalDate date() {
        LocalDate start = LocalDate.of(year - (rnd.nextInt(5) == 0 ? 1 : 0), 1, 1);
        return start.plusDays(rnd.nextInt(365));
    }

    private String identity() {
        String identity = identities.get(rnd.nextInt(identities.size()));
        String dept = Departments.certifierOf(IdentityType.valueOf(identity)).name();
        boolean grant = rnd.nextInt(4) > 0;
        String attributes = "{}";
        if (grant && identity.equals("severe_disability")) {
            attributes = "{\"disabilityGrade\":" + (1 + rnd.nextInt(4)) + ",\"disabilityKind\":\"" + DISABILITY[rnd.nextInt(DISABILITY.length)] + "\"}";
        } else if (grant && identity.equals("entitled_veteran")) {
            attributes = "{\"group\":\"" + (rnd.nextBoolean() ? "key" : "other") + "\"}";
        }
        return "{\"type\":\"identity\",\"eventId\":\"e" + (++seq) + "\",\"personId\":\"" + person() + "\",\"region\":\""
                + policy.region() + "\",\"department\":\"" + dept + "\",\"identity\":\"" + identity + "\",\"action\":\""
                + (grant ? "grant" : "revoke") + "\",\"effectiveDate\":\"" + date() + "\",\"attributes\":" + attributes + "}";
    }

    private String claim() {
        String kind = KINDS[rnd.nextInt(KINDS.length)];
        String person = person();
        String id = "C" + (++seq);
        claims.add(new String[] {id, person});
        LocalDate discharge = date();
        long scope = money(rnd.nextInt(10) == 0 ? 30_000_000L : 5_000_000L);
        long basic = rnd.nextBoolean() ? money(scope / 2 + 1) : 0;
        long ci = rnd.nextInt(3) == 0 ? money(Math.max(1, (scope - basic) / 3)) : 0;
        long other = rnd.nextInt(8) == 0 ? money(Math.max(1, (scope - basic - ci) / 4)) : 0;
        long oos = rnd.nextInt(3) == 0 ? money(1_000_000L) : 0;
        String group = kind.equals("outpatient_major") || (kind.equals("outpatient_chronic") && rnd.nextBoolean())
                ? "\"" + GROUPS[rnd.nextInt(GROUPS.length)] + "\"" : "null";
        String admission = kind.equals("inpatient") ? ",\"admissionDate\":\"" + discharge.minusDays(rnd.nextInt(40)) + "\"" : "";
        return "{\"type\":\"claim\",\"claimId\":\"" + id + "\",\"personId\":\"" + person + "\",\"region\":\"" + policy.region()
                + "\",\"hospitalId\":\"H1\",\"hospitalLevel\":\"" + new String[] {"primary", "secondary", "tertiary"}[rnd.nextInt(3)]
                + "\",\"kind\":\"" + kind + "\"" + admission + ",\"dischargeDate\":\"" + discharge + "\",\"location\":\""
                + LOCATIONS[rnd.nextInt(LOCATIONS.length)] + "\",\"referred\":" + (rnd.nextInt(4) > 0) + ",\"hardship\":"
                + rnd.nextBoolean() + ",\"diseaseGroup\":" + group + ",\"specialDiseaseRegistered\":" + rnd.nextBoolean()
                + ",\"amounts\":{\"total\":\"" + Money.format(scope + oos) + "\",\"outOfScope\":\"" + Money.format(oos)
                + "\",\"policyScope\":\"" + Money.format(scope) + "\",\"basicInsurance\":\"" + Money.format(basic)
                + "\",\"criticalIllness\":\"" + Money.format(ci) + "\",\"otherInsurance\":\"" + Money.format(other) + "\"}}";
    }

    private String reversal() {
        String[] c = claims.get(rnd.nextInt(claims.size()));
        return "{\"type\":\"claim_reversal\",\"reversalId\":\"R" + (++seq) + "\",\"claimId\":\"" + c[0] + "\",\"personId\":\""
                + c[1] + "\",\"region\":\"" + policy.region() + "\",\"reason\":\"test\"}";
    }

    private String application() {
        boolean oneTime = policy.oneTime() != null && rnd.nextBoolean();
        boolean tilt = (policy.residualTilt() != null && policy.residualTilt().onApplication())
                || (policy.targetTilt() != null && policy.targetTilt().onApplication());
        if (!oneTime && !tilt) return claim(); // this region takes no applications
        String decision = oneTime && rnd.nextBoolean()
                ? "{\"deductible\":\"" + Money.format(1_000_000 + money(1_000_000)) + "\",\"rate\":\"0.7\",\"cap\":\"50000.00\"}" : "{}";
        return "{\"type\":\"application\",\"applicationId\":\"A" + (++seq) + "\",\"personId\":\"" + person() + "\",\"region\":\""
                + policy.region() + "\",\"year\":" + year + ",\"kind\":\"" + (oneTime ? "one_time" : "tilt")
                + "\",\"filedDate\":\"" + LocalDate.of(year, 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)) + "\",\"decision\":" + decision + "}";
    }

    private String parameter(int y, String name, long yuan) {
        return "{\"type\":\"parameter\",\"region\":\"" + policy.region() + "\",\"year\":" + y + ",\"name\":\"" + name
                + "\",\"value\":\"" + yuan + ".00\"}";
    }

    private long money(long maxFen) { return 1 + Math.floorMod(rnd.nextLong(), maxFen); }
}
