package org.medassist.settlement.avro;

import java.util.ArrayList;
import java.util.List;
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
import org.medassist.engine.policy.Rates;
import org.medassist.events.Amounts;
import org.medassist.events.ApplicationKind;
import org.medassist.events.ClaimReversal;
import org.medassist.events.Decision;
import org.medassist.events.IdentityEvent;
import org.medassist.events.OtherPayers;
import org.medassist.events.Parameter;
import org.medassist.events.SettlementStatus;

/**
 * Converts between the contract's Avro records and the engine's model. Replay and the streaming topology both go
 * through here, so they feed the engine identical inputs.
 */
public final class AvroMapping {
    private AvroMapping() {}

    public static MedicalClaim claim(org.medassist.events.Claim c) {
        Amounts a = c.getAmounts();
        return new MedicalClaim(c.getClaimId(), c.getPersonId(), c.getRegion(), c.getHospitalId(),
                HospitalGrade.of(c.getHospitalLevel().name()), CareKind.of(c.getKind().name()), c.getAdmissionDate(),
                c.getDischargeDate(), CareLocation.of(c.getLocation().name()), c.getReferred(), c.getHardship(),
                c.getDiseaseGroup() == null ? null : c.getDiseaseGroup().name(), c.getSpecialDiseaseRegistered(),
                a.getTotal(), a.getOutOfScope(), a.getPolicyScope(), a.getBasicInsurance(), a.getCriticalIllness(),
                a.getOtherInsurance());
    }

    /** The shared mapping of {@code org.medassist.schemas.IdentityEvents}, so both services fold identical changes. */
    public static IdentityChange identity(IdentityEvent e) { return org.medassist.schemas.IdentityEvents.change(e); }

    public static Reversal reversal(ClaimReversal r) {
        return new Reversal(r.getReversalId(), r.getClaimId(), r.getPersonId(), r.getRegion(), r.getReason(), r.getHospitalId());
    }

    public static AidApplication application(org.medassist.events.Application a) {
        Decision d = a.getDecision();
        long deductible = d == null || d.getDeductible() == null ? -1 : d.getDeductible();
        long cap = d == null || d.getCap() == null ? -1 : d.getCap();
        int rate = d == null || d.getRate() == null ? -1 : Rates.parse(d.getRate());
        return new AidApplication(a.getApplicationId(), a.getPersonId(), a.getRegion(), a.getYear(),
                a.getKind() == ApplicationKind.one_time, a.getFiledDate(), deductible, cap, rate);
    }

    public static ParameterValue parameter(Parameter p) {
        return new ParameterValue(p.getRegion(), p.getYear(), p.getName(), p.getValue());
    }

    public static RegionYear yearClose(org.medassist.events.YearClose y) {
        return new RegionYear(y.getRegion(), y.getYear());
    }

    public static org.medassist.events.Settlement toAvro(SettlementResult s) {
        return org.medassist.events.Settlement.newBuilder()
                .setSettlementId(s.settlementId())
                .setClaimId(s.claimId())
                .setPersonId(s.personId())
                .setRegion(s.region())
                .setYear(s.year())
                .setStatus(SettlementStatus.valueOf(s.status().symbol()))
                .setTier(s.tier())
                .setIdentity(s.identity())
                .setEligible(s.eligible())
                .setAssistance(s.assistance())
                .setTilt(s.tilt())
                .setRemaining(s.remaining())
                .setOtherPayers(new OtherPayers(s.localFinanceRelief(), s.hospitalBorne()))
                .setPolicy(s.policy() == null ? "" : s.policy())
                .setExplanation(new ArrayList<>(s.explanation()))
                .setReference(s.reference())
                .setReason(s.reason())
                .setRecoveryDue(s.recoveryDue())
                .setKpiFlags(new ArrayList<>(s.kpiFlags()))
                .setHospitalId(s.hospitalId())
                .setClaimClass(s.claimClass())
                .setClaimDate(s.claimDate())
                .build();
    }

    public static org.medassist.events.Alert toAvro(MonitoringAlert a) {
        return org.medassist.events.Alert.newBuilder()
                .setAlertId(a.alertId())
                .setPersonId(a.personId())
                .setRegion(a.region())
                .setYear(a.year())
                .setMonth(a.month())
                .setRule(a.rule())
                .setMeasure(a.measure())
                .setValue(a.value())
                .setThreshold(a.threshold())
                .setRecipients(List.copyOf(a.recipients()))
                .setClaimId(a.claimId())
                .setHospitalId(a.hospitalId())
                .build();
    }
}
