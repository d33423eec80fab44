package org.medassist.settlement.fuzz;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.medassist.engine.money.Money;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.events.Department;
import org.medassist.events.IdentityType;
import org.medassist.schemas.Departments;

/**
 * Contract-valid input events in their JSON form (docs/contract.md), each with ids no other event of the run has, so
 * that whatever becomes of an event (a settlement, a rejection, a dead letter) can be traced back to it. The personId
 * is new for every event unless a caller names one, so fuzzed persons never share a ledger with each other.
 */
final class ValidEvents {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> HOSPITALS = List.of("H01", "H02");
    static final String[] LEVELS = {"primary", "secondary", "tertiary"};
    static final String[] KINDS = {"outpatient", "outpatient_chronic", "outpatient_major", "inpatient"};
    static final String[] LOCATIONS = {"in_city", "in_province", "out_of_province"};
    static final String[] GROUPS = {"esrd_dialysis", "hemophilia", "cml_tki", "t1dm_insulin", "mdr_tb", "aplastic_anemia",
            "cancer_treatment", "transplant_antirejection", "severe_mental_illness", "thalassemia", "other"};
    static final String[] DISABILITY = {"physical", "intellectual", "mental", "visual", "hearing", "speech", "multiple"};
    static final String[] VETERAN_GROUPS = {"key", "other", "six_categories", "two_categories"};

    private final Random rnd;
    private final PolicyCatalog catalog;
    private final List<String> regions = new ArrayList<>();
    /** Unique within the run and across runs on a shared broker: upper case, so it is also a valid personId part. */
    private final String prefix;
    private int seq;

    ValidEvents(Random rnd, PolicyCatalog catalog, String prefix) {
        this.rnd = rnd;
        this.catalog = catalog;
        this.prefix = prefix;
        catalog.all().forEach(p -> regions.add(p.region()));
    }

    /** A fresh id: {@code <prefix>-<what>-<n>}, upper-case ASCII, a valid personId as well. */
    String id(String what) { return prefix + "-" + what + "-" + (++seq); }

    String person() { return id("P"); }

    String region() { return regions.get(rnd.nextInt(regions.size())); }

    List<String> regions() { return regions; }

    int year() { return 2022 + rnd.nextInt(3); }

    LocalDate day(int year) { return LocalDate.of(year, 1, 1).plusDays(rnd.nextInt(365)); }

    <T> T pick(T[] values) { return values[rnd.nextInt(values.length)]; }

    String money(long maxFen) { return Money.format(maxFen <= 0 ? 0 : (long) (rnd.nextDouble() * (maxFen + 1))); }

    ObjectNode identity(String personId) { return identity(personId, pick(IdentityType.values())); }

    ObjectNode identity(String personId, IdentityType identity) {
        Department dept = Departments.certifierOf(identity);
        boolean grant = rnd.nextInt(5) > 0;
        ObjectNode e = NODES.objectNode();
        e.put("type", "identity");
        e.put("eventId", id("E"));
        e.put("personId", personId);
        e.put("region", region());
        e.put("department", dept.name());
        e.put("identity", identity.name());
        e.put("action", grant ? "grant" : "revoke");
        e.put("effectiveDate", day(year()).toString());
        ObjectNode a = e.putObject("attributes");
        if (identity == IdentityType.severe_disability && (grant || rnd.nextBoolean())) {
            a.put("disabilityGrade", 1 + rnd.nextInt(4));
            a.put("disabilityKind", pick(DISABILITY));
        }
        if (identity == IdentityType.entitled_veteran && (grant || rnd.nextBoolean())) a.put("group", pick(VETERAN_GROUPS));
        if (rnd.nextInt(4) == 0) a.put("birthDate", day(1940 + rnd.nextInt(80)).toString());
        return e;
    }

    ObjectNode claim(String personId, String hospitalId) {
        int year = year();
        LocalDate discharge = day(year);
        String kind = pick(KINDS);
        long scope = rnd.nextInt(5) == 0 ? 0 : (long) (rnd.nextDouble() * 20_000_000L);
        long outOfScope = (long) (rnd.nextDouble() * 2_000_000L);
        long basic = (long) (rnd.nextDouble() * scope * 0.7);
        long critical = (long) (rnd.nextDouble() * (scope - basic) * 0.5);
        long other = rnd.nextInt(4) == 0 ? (long) (rnd.nextDouble() * (scope - basic - critical)) : 0;
        ObjectNode e = NODES.objectNode();
        e.put("type", "claim");
        e.put("claimId", id("C"));
        e.put("personId", personId);
        e.put("region", region());
        e.put("hospitalId", hospitalId);
        e.put("hospitalLevel", pick(LEVELS));
        e.put("kind", kind);
        if (kind.equals("inpatient") || rnd.nextInt(4) == 0) e.put("admissionDate", discharge.minusDays(rnd.nextInt(40)).toString());
        e.put("dischargeDate", discharge.toString());
        e.put("location", pick(LOCATIONS));
        if (rnd.nextBoolean()) e.put("referred", rnd.nextBoolean());
        if (rnd.nextBoolean()) e.put("hardship", rnd.nextBoolean());
        if (kind.equals("outpatient_major")) e.put("diseaseGroup", pick(GROUPS));
        if (rnd.nextBoolean()) e.put("specialDiseaseRegistered", rnd.nextBoolean());
        ObjectNode a = e.putObject("amounts");
        a.put("total", Money.format(scope + outOfScope));
        a.put("outOfScope", Money.format(outOfScope));
        a.put("policyScope", Money.format(scope));
        a.put("basicInsurance", Money.format(basic));
        a.put("criticalIllness", Money.format(critical));
        a.put("otherInsurance", Money.format(other));
        return e;
    }

    /** A reversal of {@code claim} (null: of a claim no one sent, which the engine rejects with a reason). */
    ObjectNode reversal(ObjectNode claim) { return reversal(claim, null); }

    /**
     * The same, naming {@code hospitalId} when not null (over HTTP a reversal names its sender's hospital, docs/contract.md);
     * on the topic the field is optional.
     */
    ObjectNode reversal(ObjectNode claim, String hospitalId) {
        ObjectNode e = NODES.objectNode();
        e.put("type", "claim_reversal");
        e.put("reversalId", id("R"));
        e.put("claimId", claim == null ? id("C") : claim.get("claimId").asText());
        e.put("personId", claim == null ? person() : claim.get("personId").asText());
        e.put("region", claim == null ? region() : claim.get("region").asText());
        e.put("reason", rnd.nextBoolean() ? "duplicate billing" : null);
        if (hospitalId != null) e.put("hospitalId", hospitalId);
        else if (claim != null && rnd.nextBoolean()) e.put("hospitalId", claim.get("hospitalId").asText());
        return e;
    }

    ObjectNode application(String personId) {
        boolean oneTime = rnd.nextInt(3) == 0;
        int year = year();
        ObjectNode e = NODES.objectNode();
        e.put("type", "application");
        e.put("applicationId", id("A"));
        e.put("personId", personId);
        e.put("region", oneTime || rnd.nextBoolean() ? "fangchenggang" : rnd.nextBoolean() ? "jiujiang" : region());
        e.put("year", year);
        e.put("kind", oneTime ? "one_time" : "tilt");
        e.put("filedDate", day(year).toString());
        ObjectNode d = e.putObject("decision");
        if (oneTime && rnd.nextBoolean()) {
            // a county decision within the standard's bounds (docs/readings.md, Fangchenggang one-time assistance):
            // a deductible of at least 10,000, a rate of at least 60%, a cap of at most 100,000
            d.put("deductible", Money.format(1_000_000L + (long) (rnd.nextDouble() * 2_000_001)));
            d.put("cap", money(10_000_000));
            d.put("rate", "0." + (60 + rnd.nextInt(40)));
        }
        return e;
    }

    ObjectNode parameter() {
        String region = region();
        RegionPolicy p = catalog.get(region);
        List<String> names = new ArrayList<>(List.of("per_capita_disposable_income"));
        names.addAll(p.namedAmounts().keySet());
        ObjectNode e = NODES.objectNode();
        e.put("type", "parameter");
        e.put("region", region);
        e.put("year", year());
        e.put("name", names.get(rnd.nextInt(names.size())));
        e.put("value", Money.format(1_500_000L + (long) (rnd.nextDouble() * 6_000_000L)));
        return e;
    }

    ObjectNode yearClose() {
        ObjectNode e = NODES.objectNode();
        e.put("type", "year_close");
        e.put("region", region());
        e.put("year", 2019 + rnd.nextInt(3)); // years no valid claim of the run uses: nothing to pay, nothing to wait for
        return e;
    }

    /** A valid event of the contract type {@code type}. */
    ObjectNode of(String type) {
        return switch (type) {
            case "identity" -> identity(person());
            case "claim" -> claim(person(), HOSPITALS.get(rnd.nextInt(HOSPITALS.size())));
            case "claim_reversal" -> reversal(null, pick(HOSPITALS.toArray(new String[0])));
            case "application" -> application(person());
            case "parameter" -> parameter();
            case "year_close" -> yearClose();
            default -> throw new IllegalArgumentException(type);
        };
    }
}
