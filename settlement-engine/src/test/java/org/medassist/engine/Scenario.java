package org.medassist.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medassist.engine.ledger.PersonLedger;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.AidApplication;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.CareKind;
import org.medassist.engine.model.HospitalGrade;
import org.medassist.engine.timeline.IdentityChange;
import org.medassist.engine.model.CareLocation;
import org.medassist.engine.model.ParameterValue;
import org.medassist.engine.model.Reversal;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.model.RegionYear;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.money.Money;

/** A small driver for engine tests: one region, people by id, amounts in yuan strings. */
public final class Scenario implements EngineOutput {
    static final PolicyCatalog CATALOG = PolicyLoader.bundled();

    final String region;
    public final SettlementEngine engine;
    final Map<String, PersonLedger> people = new HashMap<>();
    public final List<SettlementResult> settlements = new ArrayList<>();
    public final List<MonitoringAlert> alerts = new ArrayList<>();
    private int eventSeq;

    private Scenario(PolicyCatalog catalog, String region) {
        this.region = region;
        this.engine = new SettlementEngine(catalog, new ParameterBook());
    }

    public static Scenario of(String region) { return new Scenario(CATALOG, region); }

    /** A scenario over another catalog, such as a policy written by the test. */
    public static Scenario of(PolicyCatalog catalog, String region) { return new Scenario(catalog, region); }

    public PersonLedger person(String id) { return people.computeIfAbsent(id, PersonLedger::new); }

    public static long fen(String yuan) { return Money.parseYuan(yuan); }

    public Scenario param(int year, String name, String yuan) {
        if (engine.parameter(new ParameterValue(region, year, name, fen(yuan)))) {
            for (PersonLedger l : people.values()) engine.recompute(l, region, this);
        }
        return this;
    }

    public Scenario grant(String person, String identity, String date) { return identity(person, identity, date, true, 0, null, null); }

    public Scenario revoke(String person, String identity, String date) { return identity(person, identity, date, false, 0, null, null); }

    public Scenario disability(String person, int grade, String kind, String date) {
        return identity(person, "severe_disability", date, true, grade, kind, null);
    }

    public Scenario veteran(String person, String group, String date) {
        return identity(person, "entitled_veteran", date, true, 0, null, group);
    }

    Scenario identity(String person, String identity, String date, boolean grant, int grade, String kind, String group) {
        engine.identity(person(person), new IdentityChange("e" + (++eventSeq), person, region, "dept", identity, grant,
                LocalDate.parse(date), grade, kind, group), this);
        return this;
    }

    public ClaimBuilder claim(String person, String claimId, String kind) { return new ClaimBuilder(person, claimId, CareKind.of(kind)); }

    public Scenario reverse(String person, String claimId) {
        engine.reversal(person(person), new Reversal("R-" + claimId, claimId, person, region, "test"), this);
        return this;
    }

    public Scenario applyTilt(String person, String applicationId, int year, String filed) {
        engine.application(person(person), new AidApplication(applicationId, person, region, year, false,
                LocalDate.parse(filed), -1, -1, -1), this);
        return this;
    }

    public Scenario applyOneTime(String person, String applicationId, int year, String filed) {
        engine.application(person(person), new AidApplication(applicationId, person, region, year, true,
                LocalDate.parse(filed), -1, -1, -1), this);
        return this;
    }

    public Scenario closeYear(int year) {
        if (engine.yearClose(new RegionYear(region, year))) {
            for (PersonLedger l : people.values()) engine.closeYear(l, region, year, this);
        }
        return this;
    }

    /** Sum of assistance over every settlement event of the claim: what is finally paid. */
    public long assistance(String claimId) {
        return settlements.stream().filter(s -> claimId.equals(s.claimId())).mapToLong(SettlementResult::assistance).sum();
    }

    public long tilt(String claimId) {
        return settlements.stream().filter(s -> claimId.equals(s.claimId())).mapToLong(SettlementResult::tilt).sum();
    }

    /** Tilt paid on items without a claim (applications, year end) with this reference. */
    public long tiltOf(String reference) {
        return settlements.stream().filter(s -> s.claimId() == null && reference.equals(s.reference()))
                .mapToLong(SettlementResult::tilt).sum();
    }

    public long totalTilt() { return settlements.stream().mapToLong(SettlementResult::tilt).sum(); }

    public SettlementResult last(String claimId) {
        SettlementResult found = null;
        for (SettlementResult s : settlements) if (claimId.equals(s.claimId())) found = s;
        return found;
    }

    @Override public void settlement(SettlementResult s) { settlements.add(s); }

    @Override public void alert(MonitoringAlert a) { alerts.add(a); }

    /** Builds a claim whose S is given directly (policyScope = S, insurance 0) unless amounts are set. */
    public final class ClaimBuilder {
        private final String person;
        private final String claimId;
        private final CareKind kind;
        private LocalDate admission;
        private LocalDate discharge;
        private CareLocation location = CareLocation.IN_CITY;
        private boolean referred = true;
        private boolean hardship;
        private String disease;
        private boolean registered;
        private HospitalGrade level = HospitalGrade.TERTIARY;
        private long scope;
        private long basic;
        private long outOfScope;

        ClaimBuilder(String person, String claimId, CareKind kind) {
            this.person = person;
            this.claimId = claimId;
            this.kind = kind;
        }

        public ClaimBuilder on(String date) { discharge = LocalDate.parse(date); return this; }

        public ClaimBuilder stay(String from, String to) {
            admission = LocalDate.parse(from);
            discharge = LocalDate.parse(to);
            return this;
        }

        public ClaimBuilder selfPay(String yuan) { scope = fen(yuan); basic = 0; return this; }

        /** Policy-scope total T with self-pay S: basic insurance covers T − S. */
        public ClaimBuilder scope(String t, String s) { scope = fen(t); basic = fen(t) - fen(s); return this; }

        public ClaimBuilder outOfScope(String yuan) { outOfScope = fen(yuan); return this; }

        public ClaimBuilder at(String location) { this.location = CareLocation.of(location); return this; }

        public ClaimBuilder notReferred() { referred = false; return this; }

        public ClaimBuilder hardship() { hardship = true; return this; }

        public ClaimBuilder disease(String group) { disease = group; return this; }

        public ClaimBuilder registered() { registered = true; return this; }

        public ClaimBuilder level(String l) { level = HospitalGrade.of(l); return this; }

        public MedicalClaim build() {
            LocalDate adm = kind == CareKind.INPATIENT ? (admission != null ? admission : discharge) : null;
            return new MedicalClaim(claimId, person, region, "H1", level, kind, adm, discharge, location, referred, hardship,
                    disease, registered, scope + outOfScope, outOfScope, scope, basic, 0, 0);
        }

        public Scenario send() {
            engine.claim(person(person), build(), Scenario.this);
            return Scenario.this;
        }
    }
}
