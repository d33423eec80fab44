package org.medassist.settlement.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;
import org.medassist.events.Settlement;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.settlement.cases.CaseCheck;
import org.medassist.settlement.cases.CaseFile;
import org.medassist.settlement.cases.CaseInputs;
import org.medassist.settlement.cases.CaseReplay;
import org.medassist.settlement.cases.WorkedCase;

/**
 * A new city is data (docs/engine.md, "Dated values" and "Cases"): a fictional sixth city, 海滨 (haibin), with its
 * own tiers, a deductible, a cap and an inpatient rate revised on 2024-07-01, is written into an operator's
 * directory and settled through replay and through the streaming topology on the real broker, with no Java of its
 * own. The amounts are the hand-worked ones of its cases.yaml, to the fen.
 */
@ExtendWith(KafkaTestEnvironment.class)
class SixthCityTest {
    static final String POLICY = """
            # 海滨 — a fictional city to show that a new city needs no Java: 海医保发〔2024〕7号, revised from 2024-07-01.
            region: haibin
            name: 海滨
            document: 海医保发〔2024〕7号
            title: 海滨市医疗救助实施办法
            effectiveFrom: 2024-01-01
            source: {clause: "第十条", quote: "本办法自2024年1月1日起施行"}
            classes:
              - {key: outpatient, kinds: [outpatient], source: {clause: "第三条", quote: "普通门诊费用"}}
              - {key: inpatient, kinds: [inpatient, outpatient_chronic, outpatient_major], source: {clause: "第三条", quote: "住院及门诊慢特病费用"}}
            deductiblePools:
              - {key: annual, classes: [inpatient], source: {clause: "第五条", quote: "住院年度起付标准2000元"}}
            capPools:
              - {key: annual, classes: [outpatient, inpatient], source: {clause: "第六条", quote: "年度救助限额3万元"}}
            timing:
              start: recognition_day
              end: day_before_exit
              stay: discharge_date
              sources:
                start: {clause: "第八条", quote: "自认定之日起享受待遇"}
                end: {clause: "第八条", quote: "自退出之日起停止享受待遇"}
                stay: {clause: "第八条", quote: "住院费用以出院时间为准"}
            referral:
              nonReferred: exclude
              source: {clause: "第九条", quote: "未按规定转诊的不予救助"}
            tiers:
              - key: A
                label: 特困人员、孤儿
                qualifiers: [{identity: special_hardship}, {identity: orphan}]
                rates:
                  outpatient: {rate: "1.00", source: {clause: "第四条（一）", quote: "特困人员、孤儿按100%救助"}}
                  inpatient: {rate: "1.00", source: {clause: "第四条（一）", quote: "特困人员、孤儿按100%救助"}}
                source: {clause: "第二条（一）", quote: "特困人员、孤儿"}
              - key: B
                label: 低保对象
                qualifiers: [{identity: minimum_living}]
                rates:
                  outpatient: {rate: "0.50", source: {clause: "第四条（二）", quote: "普通门诊按50%救助"}}
                  inpatient:
                    values:
                      - {rate: "0.60", source: {clause: "第四条（二）", quote: "住院按60%救助"}}
                      - {validFrom: 2024-07-01, rate: "0.75", source: {clause: "修订通知 第一条", quote: "自2024年7月1日起住院救助比例提高至75%"}}
                deductibles:
                  annual: {amount: "2000.00", source: {clause: "第五条", quote: "住院年度起付标准2000元"}}
                caps:
                  annual: {amount: "30000.00", source: {clause: "第六条", quote: "年度救助限额3万元"}}
                source: {clause: "第二条（二）", quote: "最低生活保障对象"}
            """;

    static final String CASES = """
            # 海滨's cases, worked by hand (docs/engine.md, "Cases").
            region: haibin
            cases:
              - name: inpatient rate revised on 2024-07-01, across the annual cap
                cites: dated values
                events:
                  - identity: {personId: B, identity: minimum_living, effectiveDate: 2024-01-01}
                  - identity: {personId: A, identity: special_hardship, effectiveDate: 2024-01-01}
                  # 60% × (12,000 − deductible 2,000) = 6,000.00; cap used 6,000.00
                  - claim: {claimId: h1, personId: B, kind: inpatient, admissionDate: 2024-03-01, dischargeDate: 2024-03-10, selfPay: "12000.00"}
                  # discharged the day before the revision: 60% × 8,000.01 = 4,800.006 → 4,800.01 (half-up); cap used 10,800.01
                  - claim: {claimId: h2, personId: B, kind: inpatient, admissionDate: 2024-06-20, dischargeDate: 2024-06-30, selfPay: "8000.01"}
                  - expect: {claims: {h1: {assistance: "6000.00"}, h2: {assistance: "4800.01"}}}
                  # admitted before, discharged on 2024-07-01 (E3): 75% × 9,000 = 6,750.00; cap used 17,550.01
                  - claim: {claimId: h3, personId: B, kind: inpatient, admissionDate: 2024-06-28, dischargeDate: 2024-07-01, selfPay: "9000.00"}
                  # 75% × 20,000 = 15,000.00, capped at 30,000 − 17,550.01 = 12,449.99; the cap is reached
                  - claim: {claimId: h4, personId: B, kind: inpatient, admissionDate: 2024-09-01, dischargeDate: 2024-09-20, selfPay: "20000.00"}
                  # 50% × 1,000 = 500.00, but nothing is left under the cap
                  - claim: {claimId: h5, personId: B, kind: outpatient, dischargeDate: 2024-10-01, selfPay: "1000.00"}
                  # tier A: 100%, no deductible, no cap
                  - claim: {claimId: a1, personId: A, kind: inpatient, admissionDate: 2024-08-01, dischargeDate: 2024-08-05, selfPay: "50000.00"}
                expect:
                  claims:
                    h1: {assistance: "6000.00", tier: B}
                    h2: {assistance: "4800.01"}
                    h3: {assistance: "6750.00"}
                    h4: {assistance: "12449.99"}
                    h5: {assistance: "0.00"}
                    a1: {assistance: "50000.00", tier: A}
                  totalTilt: "0.00"
                  alerts: []
            """;

    @TempDir
    Path operatorDir;

    PolicyCatalog writeTheCity() throws Exception {
        Path city = Files.createDirectories(operatorDir.resolve("haibin"));
        Files.writeString(city.resolve(PolicySource.POLICY), POLICY, StandardCharsets.UTF_8);
        Files.writeString(city.resolve(PolicySource.CASES), CASES, StandardCharsets.UTF_8);
        return PolicyLoader.catalog(operatorDir);
    }

    @Test
    void aSixthCityFromAnOperatorsDirectorySettlesThroughReplayAndTheStream(KafkaTestEnvironment.Environment env) throws Exception {
        PolicyCatalog catalog = writeTheCity();
        assertNotNull(catalog.get("haibin"));
        assertEquals(PolicyLoader.bundled().all().size() + 1, catalog.all().size(), catalog.regions());
        List<PolicySource> sources = PolicyLoader.sources(operatorDir);
        Map<String, List<WorkedCase>> cases = Map.of("haibin", CaseFile.read(
                sources.stream().filter(s -> s.region().equals("haibin")).findFirst().orElseThrow()));
        assertEquals(1, cases.get("haibin").size());

        // replay: every case alone, with its checkpoint, to the fen
        for (WorkedCase c : cases.get("haibin")) assertEquals(List.of(), CaseReplay.check(catalog, c));

        // the explanation cites the value actually used on each side of the revision
        List<String> lines = CaseInputs.combined(cases);
        List<Settlement> replayed = CaseReplay.run(catalog, lines).settlements();
        assertTrue(explanation(replayed, "HAIBIN-1-h2").stream().anyMatch(l -> l.startsWith("rate 60%") && l.endsWith("第四条（二）「住院按60%救助」")),
                () -> explanation(replayed, "HAIBIN-1-h2").toString());
        assertTrue(explanation(replayed, "HAIBIN-1-h3").stream().anyMatch(l -> l.startsWith("rate 75%")
                && l.endsWith("修订通知 第一条「自2024年7月1日起住院救助比例提高至75%」")), () -> explanation(replayed, "HAIBIN-1-h3").toString());

        // the stream on the real broker, with the same catalog: equal to replay, and to the hand-worked amounts
        List<Settlement> streamed = StreamMatchesReplayTest.settleThroughTheStream(env, catalog, lines, "sixth-city");
        assertEquals(List.of(), CaseCheck.checkCombined(cases, streamed, List.of(), CaseCheck.Depth.AMOUNTS));
        assertEquals(12_449_99L, streamed.stream().filter(s -> "HAIBIN-1-h4".equals(s.getClaimId())).mapToLong(Settlement::getAssistance).sum());
    }

    static List<String> explanation(List<Settlement> settlements, String claimId) {
        return settlements.stream().filter(s -> claimId.equals(s.getClaimId())).reduce((a, b) -> b).orElseThrow().getExplanation();
    }
}
