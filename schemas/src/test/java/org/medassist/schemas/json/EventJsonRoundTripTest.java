package org.medassist.schemas.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.medassist.events.Alert;
import org.medassist.events.Amounts;
import org.medassist.events.Application;
import org.medassist.events.ApplicationKind;
import org.medassist.events.Claim;
import org.medassist.events.ClaimKind;
import org.medassist.events.ClaimReversal;
import org.medassist.events.Department;
import org.medassist.events.DisabilityKind;
import org.medassist.events.HospitalLevel;
import org.medassist.events.IdentityAction;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentityType;
import org.medassist.events.Location;
import org.medassist.events.OtherPayers;
import org.medassist.events.Parameter;
import org.medassist.events.Settlement;
import org.medassist.events.SettlementStatus;
import org.medassist.events.YearClose;

/** The contract's example events (docs/contract.md) read into their records and write back as canonical lines. */
class EventJsonRoundTripTest {

    /** Reads, writes, reads again: the second read equals the first and the line is stable. */
    private static <T extends SpecificRecord> T roundTrip(String example, Class<T> expectedClass, String expectedLine) {
        SpecificRecord record = EventJson.read(example);
        T typed = assertInstanceOf(expectedClass, record);
        String line = EventJson.write(record);
        assertEquals(expectedLine, line);
        assertFalse(line.contains("\n"), "one line");
        SpecificRecord again = EventJson.read(line);
        assertEquals(record, again);
        assertEquals(line, EventJson.write(again));
        return typed;
    }

    @Test
    void identity() {
        String example = """
                {"type":"identity","eventId":"mz-2023-000123","personId":"P-0001","region":"nanjing",
                 "department":"civil_affairs","identity":"minimum_living","action":"grant",
                 "effectiveDate":"2023-04-20","attributes":{}}""";
        IdentityEvent e = roundTrip(example, IdentityEvent.class,
                "{\"type\":\"identity\",\"eventId\":\"mz-2023-000123\",\"personId\":\"P-0001\",\"region\":\"nanjing\","
                        + "\"department\":\"civil_affairs\",\"identity\":\"minimum_living\",\"action\":\"grant\","
                        + "\"effectiveDate\":\"2023-04-20\",\"attributes\":{\"disabilityGrade\":null,\"disabilityKind\":null,"
                        + "\"birthDate\":null,\"group\":null}}");
        assertEquals(Department.civil_affairs, e.getDepartment());
        assertEquals(IdentityType.minimum_living, e.getIdentity());
        assertEquals(IdentityAction.grant, e.getAction());
        assertEquals(LocalDate.of(2023, 4, 20), e.getEffectiveDate());
        assertNull(e.getAttributes().getDisabilityGrade());
    }

    @Test
    void identityWithoutAttributesReadsAsEmptyAttributes() {
        IdentityEvent withEmpty = (IdentityEvent) EventJson.read("{\"type\":\"identity\",\"eventId\":\"mz-1\",\"personId\":\"P-1\","
                + "\"region\":\"nanjing\",\"department\":\"civil_affairs\",\"identity\":\"orphan\",\"action\":\"revoke\","
                + "\"effectiveDate\":\"2023-01-31\",\"attributes\":{}}");
        IdentityEvent without = (IdentityEvent) EventJson.read("{\"type\":\"identity\",\"eventId\":\"mz-1\",\"personId\":\"P-1\","
                + "\"region\":\"nanjing\",\"department\":\"civil_affairs\",\"identity\":\"orphan\",\"action\":\"revoke\","
                + "\"effectiveDate\":\"2023-01-31\"}");
        assertEquals(withEmpty, without);
    }

    @Test
    void identityWithDisabilityAttributes() {
        String line = "{\"type\":\"identity\",\"eventId\":\"cl-7\",\"personId\":\"P-2\",\"region\":\"jiangyin\","
                + "\"department\":\"disabled_persons_federation\",\"identity\":\"severe_disability\",\"action\":\"grant\","
                + "\"effectiveDate\":\"2022-12-01\",\"attributes\":{\"disabilityGrade\":2,\"disabilityKind\":\"visual\","
                + "\"birthDate\":\"1950-02-28\",\"group\":null}}";
        IdentityEvent e = roundTrip(line, IdentityEvent.class, line);
        assertEquals(2, e.getAttributes().getDisabilityGrade());
        assertEquals(DisabilityKind.visual, e.getAttributes().getDisabilityKind());
        assertEquals(LocalDate.of(1950, 2, 28), e.getAttributes().getBirthDate());
    }

    @Test
    void claim() {
        String example = """
                {"type":"claim","claimId":"H0012-2023-88812","personId":"P-0001","region":"nanjing",
                 "hospitalId":"H0012","hospitalLevel":"tertiary","kind":"inpatient",
                 "admissionDate":"2023-05-10","dischargeDate":"2023-05-25",
                 "location":"in_city","referred":true,"hardship":false,
                 "diseaseGroup":null,"specialDiseaseRegistered":false,
                 "amounts":{"total":"60000.00","outOfScope":"7000.00","policyScope":"53000.00",
                            "basicInsurance":"30000.00","criticalIllness":"4400.00","otherInsurance":"0.00"}}""";
        // The example's fields are already in contract order, so the canonical line is the example without spaces.
        Claim c = roundTrip(example, Claim.class, example.replaceAll("\\s+", ""));
        assertEquals(HospitalLevel.tertiary, c.getHospitalLevel());
        assertEquals(ClaimKind.inpatient, c.getKind());
        assertEquals(Location.in_city, c.getLocation());
        assertTrue(c.getReferred());
        assertNull(c.getDiseaseGroup());
        assertEquals(LocalDate.of(2023, 5, 10), c.getAdmissionDate());
        Amounts a = c.getAmounts();
        assertEquals(6_000_000L, a.getTotal());
        assertEquals(700_000L, a.getOutOfScope());
        assertEquals(5_300_000L, a.getPolicyScope());
        assertEquals(3_000_000L, a.getBasicInsurance());
        assertEquals(440_000L, a.getCriticalIllness());
        assertEquals(0L, a.getOtherInsurance());
    }

    @Test
    void claimFlagsDefaultToFalseAndAmountsAcceptFewerDecimals() {
        Claim c = (Claim) EventJson.read("{\"type\":\"claim\",\"claimId\":\"C-1\",\"personId\":\"P-1\",\"region\":\"jiyuan\","
                + "\"hospitalId\":\"H1\",\"hospitalLevel\":\"primary\",\"kind\":\"outpatient_major\",\"dischargeDate\":\"2023-02-01\","
                + "\"location\":\"in_province\",\"diseaseGroup\":\"hemophilia\",\"ward\":\"7B\","
                + "\"amounts\":{\"total\":\"100\",\"outOfScope\":\"0.5\",\"policyScope\":\"99.50\","
                + "\"basicInsurance\":\"50\",\"criticalIllness\":\"0\",\"otherInsurance\":\"0.00\"}}");
        assertFalse(c.getReferred());
        assertFalse(c.getHardship());
        assertFalse(c.getSpecialDiseaseRegistered());
        assertNull(c.getAdmissionDate());
        assertEquals(10_000L, c.getAmounts().getTotal());
        assertEquals(50L, c.getAmounts().getOutOfScope());
        assertTrue(EventJson.write(c).contains("\"amounts\":{\"total\":\"100.00\",\"outOfScope\":\"0.50\",\"policyScope\":\"99.50\""));
        assertFalse(EventJson.write(c).contains("ward"), "fields the contract does not name are not kept");
    }

    @Test
    void claimReversal() {
        String example = """
                {"type":"claim_reversal","reversalId":"H0012-R-991","claimId":"H0012-2023-88812","personId":"P-0001","region":"nanjing","reason":"duplicate billing"}""";
        ClaimReversal r = roundTrip(example, ClaimReversal.class, example.replace("}", ",\"hospitalId\":null}"));
        assertEquals("duplicate billing", r.getReason());
        String withHospital = example.replace("}", ",\"hospitalId\":\"H0012\"}");
        assertEquals("H0012", roundTrip(withHospital, ClaimReversal.class, withHospital).getHospitalId());
    }

    @Test
    void application() {
        String example = """
                {"type":"application","applicationId":"A-77","personId":"P-0001","region":"jiujiang","year":2023,
                 "kind":"tilt","filedDate":"2023-11-01","decision":{}}""";
        Application a = roundTrip(example, Application.class,
                "{\"type\":\"application\",\"applicationId\":\"A-77\",\"personId\":\"P-0001\",\"region\":\"jiujiang\",\"year\":2023,"
                        + "\"kind\":\"tilt\",\"filedDate\":\"2023-11-01\",\"decision\":{\"deductible\":null,\"cap\":null,\"rate\":null}}");
        assertEquals(ApplicationKind.tilt, a.getKind());
        assertEquals(2023, a.getYear());
    }

    @Test
    void oneTimeApplicationWithADecision() {
        String line = "{\"type\":\"application\",\"applicationId\":\"A-78\",\"personId\":\"P-9\",\"region\":\"fangchenggang\","
                + "\"year\":2023,\"kind\":\"one_time\",\"filedDate\":\"2023-06-30\","
                + "\"decision\":{\"deductible\":\"10000.00\",\"cap\":\"100000.00\",\"rate\":\"0.65\"}}";
        Application a = roundTrip(line, Application.class, line);
        assertEquals(1_000_000L, a.getDecision().getDeductible());
        assertEquals(10_000_000L, a.getDecision().getCap());
        assertEquals("0.65", a.getDecision().getRate());
    }

    @Test
    void parameter() {
        String example = """
                {"type":"parameter","region":"jiujiang","year":2023,"name":"per_capita_disposable_income","value":"30000.00"}""";
        Parameter p = roundTrip(example, Parameter.class, example);
        assertEquals(3_000_000L, p.getValue());
    }

    @Test
    void yearClose() {
        String example = """
                {"type":"year_close","region":"jiangyin","year":2023}""";
        YearClose y = roundTrip(example, YearClose.class, example);
        assertEquals("jiangyin", y.getRegion());
    }

    @Test
    void settlement() {
        String example = """
                {"type":"settlement","settlementId":"...","claimId":"H0012-2023-88812","personId":"P-0001",
                 "region":"nanjing","year":2023,"status":"settled","tier":"B","identity":"minimum_living",
                 "eligible":"18600.00","assistance":"16740.00","tilt":"0.00","remaining":"1860.00",
                 "otherPayers":{"localFinanceRelief":"0.00","hospitalBorne":"0.00"},
                 "policy":"nanjing/宁政办发〔2023〕1号","explanation":["..."]}""";
        Settlement s = roundTrip(example, Settlement.class,
                "{\"type\":\"settlement\",\"settlementId\":\"...\",\"claimId\":\"H0012-2023-88812\",\"personId\":\"P-0001\","
                        + "\"region\":\"nanjing\",\"year\":2023,\"status\":\"settled\",\"tier\":\"B\",\"identity\":\"minimum_living\","
                        + "\"eligible\":\"18600.00\",\"assistance\":\"16740.00\",\"tilt\":\"0.00\",\"remaining\":\"1860.00\","
                        + "\"otherPayers\":{\"localFinanceRelief\":\"0.00\",\"hospitalBorne\":\"0.00\"},"
                        + "\"policy\":\"nanjing/宁政办发〔2023〕1号\",\"explanation\":[\"...\"],"
                        + "\"reference\":null,\"reason\":null,\"recoveryDue\":false,\"kpiFlags\":[],\"hospitalId\":null,\"claimClass\":null,\"claimDate\":null}");
        assertEquals(SettlementStatus.settled, s.getStatus());
        assertEquals(1_674_000L, s.getAssistance());
        assertEquals(List.of("..."), s.getExplanation());
        assertFalse(s.getRecoveryDue());
        assertEquals(List.of(), s.getKpiFlags());
    }

    @Test
    void settlementWithNegativeDeltasAndNoClaim() {
        Settlement s = Settlement.newBuilder()
                .setSettlementId("S-2").setClaimId(null).setPersonId("P-0001").setRegion("jiujiang").setYear(2023)
                .setStatus(SettlementStatus.adjustment).setTier(null).setIdentity(null)
                .setEligible(0).setAssistance(-1230).setTilt(-5).setRemaining(1235)
                .setOtherPayers(new OtherPayers(0L, 0L)).setPolicy("jiujiang/九医保发〔2022〕1号")
                .setExplanation(List.of("recompute after reversal H-1", "第二行"))
                .setReference("A-77").setReason(null).setRecoveryDue(true).setKpiFlags(List.of("nanjing-residual-10pct"))
                .build();
        String line = EventJson.write(s);
        assertEquals("{\"type\":\"settlement\",\"settlementId\":\"S-2\",\"claimId\":null,\"personId\":\"P-0001\","
                + "\"region\":\"jiujiang\",\"year\":2023,\"status\":\"adjustment\",\"tier\":null,\"identity\":null,"
                + "\"eligible\":\"0.00\",\"assistance\":\"-12.30\",\"tilt\":\"-0.05\",\"remaining\":\"12.35\","
                + "\"otherPayers\":{\"localFinanceRelief\":\"0.00\",\"hospitalBorne\":\"0.00\"},"
                + "\"policy\":\"jiujiang/九医保发〔2022〕1号\",\"explanation\":[\"recompute after reversal H-1\",\"第二行\"],"
                + "\"reference\":\"A-77\",\"reason\":null,\"recoveryDue\":true,\"kpiFlags\":[\"nanjing-residual-10pct\"],\"hospitalId\":null,\"claimClass\":null,\"claimDate\":null}", line);
        assertEquals(s, EventJson.read(line));
    }

    @Test
    void alert() {
        String example = """
                {"type":"alert","alertId":"...","personId":"P-0001","region":"fangchenggang","year":2023,"month":"2023-08",
                 "rule":"fangchenggang/monitoring/residents-10000","measure":"burden","value":"14500.00",
                 "threshold":"10000.00","recipients":["rural_revitalization","civil_affairs"],"claimId":"..."}""";
        Alert a = roundTrip(example, Alert.class, example.replaceAll("\n\\s*", "").replace("}", ",\"hospitalId\":null}"));
        assertEquals(1_450_000L, a.getValue());
        assertEquals(List.of("rural_revitalization", "civil_affairs"), a.getRecipients());
    }

    @Test
    void equalRecordsWriteIdenticalBytes() {
        String line = "{\"type\":\"year_close\",\"region\":\"jiangyin\",\"year\":2023}";
        YearClose a = (YearClose) EventJson.read(line);
        YearClose b = new YearClose("jiangyin", 2023);
        assertEquals(EventJson.write(a), EventJson.write(b));
    }

    @Test
    void typesAreTheContractsInOrder() {
        assertEquals(List.of("identity", "claim", "claim_reversal", "application", "parameter", "year_close", "settlement", "alert"),
                List.copyOf(EventJson.types()));
        assertEquals("claim_reversal", EventJson.typeOf(new ClaimReversal("R", "C", "P", "r", null, null)));
    }

    @Test
    void writingARecordWithARequiredFieldNullIsRefused() {
        YearClose broken = new YearClose(null, 2023);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventJson.write(broken));
        assertEquals("year_close: required field region is null", e.getMessage());
    }

    @Test
    void writingARecordThatIsNoEventIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EventJson.write(new OtherPayers(0L, 0L)));
    }
}
