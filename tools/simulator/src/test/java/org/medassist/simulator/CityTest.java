package org.medassist.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimKind;
import org.medassist.events.DiseaseGroup;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentityType;
import org.medassist.events.Parameter;
import org.medassist.events.VeteranGroup;
import org.medassist.events.YearClose;

/** The cities come from the policy catalog: what each policy says is what the generator does. */
class CityTest {

    private static final SyntheticStream FIVE = new SyntheticStream(PolicyLoader.bundled(), SimulationConfig.of(42, 10, 1));

    private static City city(SyntheticStream s, String region) {
        return s.cities().stream().filter(c -> c.region().equals(region)).findFirst().orElseThrow();
    }

    @Test
    void theShippedCitiesAreReadFromTheirPolicies() {
        City jiyuan = city(FIVE, "jiyuan");
        assertEquals(EnumSet.of(ClaimKind.outpatient_chronic, ClaimKind.outpatient_major, ClaimKind.inpatient), jiyuan.claimKinds(),
                "Jiyuan covers only the nine diseases outside hospital");
        assertEquals(9, jiyuan.diseaseGroups().size());
        assertFalse(jiyuan.diseaseGroups().contains(DiseaseGroup.thalassemia));
        assertEquals(Map.of(), jiyuan.parameters(2022), "2022's figures are published in the policy file");
        assertEquals(Set.of("per_capita_disposable_income"), jiyuan.parameters(2023).keySet());
        assertFalse(jiyuan.hasResidents());

        City fcg = city(FIVE, "fangchenggang");
        assertTrue(fcg.hasResidents(), "an alert rule watches residents");
        assertEquals(Set.of(IdentityType.minimum_living), fcg.disabilityCompanions(), "二类人员中的重度残疾人");
        assertEquals(EnumSet.of(IdentityType.monitored_unstable, IdentityType.monitored_marginal, IdentityType.monitored_sudden_hardship),
                fcg.tiltApplicants());
        assertEquals(1_000_000, fcg.tiltApplicationFloor(), "the target-ratio tilt's trigger");
        assertNotNull(fcg.oneTime());
        assertTrue(fcg.identities().contains(IdentityType.illness_expenditure_hardship), "the one-time identity, in no tier");
        assertEquals(Map.of(), fcg.parameters(2023), "no named amounts");
        assertEquals(5, fcg.diseaseGroups().size());

        City nanjing = city(FIVE, "nanjing");
        assertEquals(List.of(VeteranGroup.other), nanjing.veteranGroups());
        assertEquals(Set.of(), nanjing.tiltApplicants(), "automatic tilt");
        assertEquals(10, nanjing.diseaseGroups().size(), "no group singled out: every group but other");
        assertEquals(Set.of("per_capita_disposable_income"), nanjing.parameters(2024).keySet());

        City jiangyin = city(FIVE, "jiangyin");
        assertTrue(jiangyin.closesYears());
        assertEquals(List.of(VeteranGroup.key), jiangyin.veteranGroups());
        assertTrue(jiangyin.identities().contains(IdentityType.severe_disability));
        assertEquals(EnumSet.allOf(ClaimKind.class), jiangyin.claimKinds());

        City jiujiang = city(FIVE, "jiujiang");
        assertTrue(jiujiang.tiltApplicants().contains(IdentityType.minimum_living), "residual tilt on application, for every tier");
        assertEquals(City.RESIDUAL_TILT_APPLICATION_FLOOR, jiujiang.tiltApplicationFloor());
        assertFalse(jiujiang.closesYears());
        assertEquals(List.of("JIUJIANG-H01", "JIUJIANG-H02", "JIUJIANG-H03", "JIUJIANG-H11", "JIUJIANG-H21"), jiujiang.hospitalIds());
    }

    /** A city no Java knows: one tier, two classes, a deductible of 20 % × I, tilt on application, resident alerts. */
    static final String ATLANTIS = """
            region: atlantis
            name: 亚特兰蒂斯
            document: 虚构〔2024〕1号
            title: a fictional city for the simulator's tests
            effectiveFrom: 2024-03-01
            source: {clause: "一", quote: "本办法自2024年3月1日起施行"}
            classes:
              - key: inpatient
                kinds: [inpatient]
                source: {clause: "二", quote: "住院"}
              - key: haemophilia
                kinds: [outpatient_major]
                diseaseGroups: [hemophilia]
                source: {clause: "三", quote: "血友病门诊"}
            deductiblePools:
              - key: annual
                classes: [inpatient]
                source: {clause: "四", quote: "起付线"}
            capPools:
              - key: annual
                classes: [inpatient, haemophilia]
                source: {clause: "四", quote: "年度限额"}
            amounts:
              - key: deductible
                percentOfIncome: "0.20"
                source: {clause: "四", quote: "上年居民人均可支配收入的20%"}
            timing:
              start: recognition_day
              end: end_of_exit_month
              stay: whole_stay
              sources:
                start: {clause: "五", quote: "认定之日起"}
                end: {clause: "五", quote: "次月起"}
                stay: {clause: "五", quote: "当次住院"}
            referral:
              nonReferred: allow
              source: {clause: "九", quote: "定点医疗机构"}
            tiers:
              - key: only
                label: 低保对象、六类对象
                qualifiers: [{identity: minimum_living}, {identity: entitled_veteran, groups: [six_categories]}]
                rates:
                  inpatient: {rate: "0.75", source: {clause: "六", quote: "住院75%"}}
                  haemophilia: {rate: "0.60", source: {clause: "六", quote: "门诊60%"}}
                deductibles:
                  annual: {amount: deductible, source: {clause: "四", quote: "起付线"}}
                caps:
                  annual: {amount: "50000.00", source: {clause: "四", quote: "年度限额5万元"}}
                source: {clause: "六", quote: "救助对象"}
            tilt:
              type: residual
              payment: on_application
              classes: [inpatient]
              threshold: {amount: "20000.00", source: {clause: "七", quote: "2万元以上"}}
              rate: "0.50"
              cap: {amount: "10000.00", source: {clause: "七", quote: "1万元"}}
              source: {clause: "七", quote: "依申请"}
              locationSource: {clause: "七", quote: "省域内就医"}
            alerts:
              - key: atlantis/monitoring/residents
                measure: burden
                threshold: "8000.00"
                comparison: at_least
                population: {identities: [], residents: true}
                recipients: [civil_affairs]
                source: {clause: "八", quote: "8000元以上"}
            """;

    @Test
    void aCityInAnOperatorsDirectoryIsSimulatedWithNoJavaChange(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("atlantis"));
        Files.writeString(dir.resolve("atlantis/policy.yaml"), ATLANTIS);
        PolicyCatalog catalog = PolicyLoader.catalog(dir);
        SyntheticStream s = new SyntheticStream(catalog, SimulationConfig.of(5, 3_000, 2));
        assertEquals(List.of("atlantis", "fangchenggang", "jiangyin", "jiujiang", "jiyuan", "nanjing"),
                s.cities().stream().map(City::region).toList());
        assertEquals(2024, s.startYear(), "its policy takes effect last");

        City atlantis = city(s, "atlantis");
        assertEquals("ATLANTIS", atlantis.prefix());
        assertEquals(EnumSet.of(IdentityType.minimum_living, IdentityType.entitled_veteran), atlantis.identities());
        assertTrue(atlantis.hasResidents());
        assertEquals(EnumSet.of(ClaimKind.inpatient, ClaimKind.outpatient_major), atlantis.claimKinds());
        assertEquals(List.of(DiseaseGroup.hemophilia), atlantis.diseaseGroups());
        assertEquals(List.of(VeteranGroup.six_categories), atlantis.veteranGroups());

        List<SpecificRecord> mine = new ArrayList<>();
        for (StreamEvent e : s) {
            if (e.valid() && e.json().contains("\"region\":\"atlantis\"")) mine.add(e.record());
        }
        Set<IdentityType> identities = new HashSet<>();
        Set<ClaimKind> kinds = new HashSet<>();
        Set<String> parameters = new HashSet<>();
        int veterans = 0;
        int sixCategories = 0;
        int haemophilia = 0;
        int applications = 0;
        for (SpecificRecord r : mine) {
            if (r instanceof IdentityEvent i) {
                identities.add(i.getIdentity());
                assertTrue(i.getPersonId().matches("ATLANTIS-5-\\d{6}"), i.getPersonId());
                if (i.getAttributes().getGroup() != null) {
                    veterans++;
                    if (i.getAttributes().getGroup() == VeteranGroup.six_categories) sixCategories++;
                }
            } else if (r instanceof Claim c) {
                kinds.add(c.getKind());
                assertTrue(c.getHospitalId().startsWith("ATLANTIS-H"));
                assertFalse(c.getDischargeDate().isBefore(java.time.LocalDate.of(2024, 3, 1)));
                if (c.getDiseaseGroup() == DiseaseGroup.hemophilia) haemophilia++;
            } else if (r instanceof Parameter p) {
                parameters.add(p.getYear() + "/" + p.getName() + "/" + p.getValue());
            } else if (r instanceof Application a) {
                applications++;
                assertEquals(org.medassist.events.ApplicationKind.tilt, a.getKind());
            } else {
                assertFalse(r instanceof YearClose, "no year-end item, no year close");
            }
        }
        assertEquals(EnumSet.of(IdentityType.minimum_living, IdentityType.entitled_veteran), identities);
        assertEquals(EnumSet.of(ClaimKind.inpatient, ClaimKind.outpatient_major), kinds);
        assertTrue(sixCategories > veterans / 2, "veterans mostly of the group its tier names: " + sixCategories + "/" + veterans);
        assertTrue(haemophilia > 0);
        assertTrue(applications > 0, "tilt is paid on application");
        assertEquals(2, parameters.size(), "I for each year, for the 20 % deductible: " + parameters);
        assertTrue(parameters.stream().allMatch(p -> p.contains("/per_capita_disposable_income/")));
        assertNull(atlantis.oneTime());
    }

    @Test
    void personIdsAreUpperCaseLettersDigitsAndDashes() {
        assertEquals("NANJING", PersonIds.prefix("nanjing"));
        assertEquals("NEW-CITY", PersonIds.prefix("new_city"));
        assertEquals("A1-B", PersonIds.prefix("--a1..b--"));
        assertTrue(PersonIds.prefix("南京").matches("R[0-9A-F]{8}"), "a key with no ASCII letter or digit: a hash");
        Map<String, String> p = PersonIds.prefixes(List.of("new-city", "new_city", "nanjing"));
        assertEquals("NANJING", p.get("nanjing"));
        assertEquals(3, new HashSet<>(p.values()).size(), "keys that share a prefix get their hash appended: " + p);
        assertEquals("NANJING-42-000123", PersonIds.personId("NANJING", 42, 123));
        assertEquals("NANJING-7-1234567", PersonIds.personId("NANJING", 7, 1_234_567));
        for (String id : List.of("NANJING-42-000123", "R1A2B3C4D-0-000000", PersonIds.personId(p.get("new_city"), 1, 2))) {
            assertTrue(PersonIds.FORMAT.matcher(id).matches(), id);
        }
        assertFalse(PersonIds.FORMAT.matcher("nj-1").matches());
    }
}
