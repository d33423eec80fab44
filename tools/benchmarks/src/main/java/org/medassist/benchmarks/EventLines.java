package org.medassist.benchmarks;

import org.medassist.engine.model.AidApplication;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.ParameterValue;
import org.medassist.engine.model.RegionYear;
import org.medassist.engine.model.Reversal;
import org.medassist.engine.money.Money;
import org.medassist.engine.timeline.IdentityChange;

/** The generator's events as contract JSON lines (docs/contract.md), written directly. Ids are plain ASCII. */
public final class EventLines {
    private EventLines() {}

    public static String line(Object e) {
        StringBuilder sb = new StringBuilder(512);
        if (e instanceof MedicalClaim c) {
            sb.append("{\"type\":\"claim\",\"claimId\":\"").append(c.claimId()).append("\",\"personId\":\"").append(c.personId())
                    .append("\",\"region\":\"").append(c.region()).append("\",\"hospitalId\":\"").append(c.hospitalId())
                    .append("\",\"hospitalLevel\":\"").append(c.hospitalLevel().symbol()).append("\",\"kind\":\"")
                    .append(c.kind().symbol()).append('"');
            if (c.admissionDate() != null) sb.append(",\"admissionDate\":\"").append(c.admissionDate()).append('"');
            sb.append(",\"dischargeDate\":\"").append(c.dischargeDate()).append("\",\"location\":\"").append(c.location().symbol())
                    .append("\",\"referred\":").append(c.referred()).append(",\"hardship\":").append(c.hardship())
                    .append(",\"diseaseGroup\":").append(c.diseaseGroup() == null ? "null" : "\"" + c.diseaseGroup() + "\"")
                    .append(",\"specialDiseaseRegistered\":").append(c.specialDiseaseRegistered()).append(",\"amounts\":{");
            money(sb, "total", c.total()).append(',');
            money(sb, "outOfScope", c.outOfScope()).append(',');
            money(sb, "policyScope", c.policyScope()).append(',');
            money(sb, "basicInsurance", c.basicInsurance()).append(',');
            money(sb, "criticalIllness", c.criticalIllness()).append(',');
            money(sb, "otherInsurance", c.otherInsurance()).append("}}");
        } else if (e instanceof IdentityChange c) {
            sb.append("{\"type\":\"identity\",\"eventId\":\"").append(c.eventId()).append("\",\"personId\":\"").append(c.personId())
                    .append("\",\"region\":\"").append(c.region()).append("\",\"department\":\"").append(c.department())
                    .append("\",\"identity\":\"").append(c.identity()).append("\",\"action\":\"").append(c.grant() ? "grant" : "revoke")
                    .append("\",\"effectiveDate\":\"").append(c.effectiveDate()).append("\",\"attributes\":{");
            String sep = "";
            if (c.disabilityGrade() > 0) {
                sb.append("\"disabilityGrade\":").append(c.disabilityGrade());
                sep = ",";
            }
            if (c.disabilityKind() != null) {
                sb.append(sep).append("\"disabilityKind\":\"").append(c.disabilityKind()).append('"');
                sep = ",";
            }
            if (c.group() != null) sb.append(sep).append("\"group\":\"").append(c.group()).append('"');
            sb.append("}}");
        } else if (e instanceof AidApplication a) {
            sb.append("{\"type\":\"application\",\"applicationId\":\"").append(a.applicationId()).append("\",\"personId\":\"")
                    .append(a.personId()).append("\",\"region\":\"").append(a.region()).append("\",\"year\":").append(a.year())
                    .append(",\"kind\":\"").append(a.oneTime() ? "one_time" : "tilt").append("\",\"filedDate\":\"")
                    .append(a.filedDate()).append("\",\"decision\":{}}");
        } else if (e instanceof Reversal r) {
            sb.append("{\"type\":\"claim_reversal\",\"reversalId\":\"").append(r.reversalId()).append("\",\"claimId\":\"")
                    .append(r.claimId()).append("\",\"personId\":\"").append(r.personId()).append("\",\"region\":\"")
                    .append(r.region()).append("\",\"reason\":\"").append(r.reason()).append('"');
            if (r.hospitalId() != null) sb.append(",\"hospitalId\":\"").append(r.hospitalId()).append('"');
            sb.append('}');
        } else if (e instanceof ParameterValue v) {
            sb.append("{\"type\":\"parameter\",\"region\":\"").append(v.region()).append("\",\"year\":").append(v.year())
                    .append(",\"name\":\"").append(v.name()).append("\",");
            money(sb, "value", v.value()).append('}');
        } else if (e instanceof RegionYear y) {
            sb.append("{\"type\":\"year_close\",\"region\":\"").append(y.region()).append("\",\"year\":").append(y.year()).append('}');
        } else {
            throw new IllegalArgumentException(String.valueOf(e));
        }
        return sb.toString();
    }

    private static StringBuilder money(StringBuilder sb, String name, long fen) {
        return Money.appendYuan(sb.append('"').append(name).append("\":\""), fen).append('"');
    }
}
