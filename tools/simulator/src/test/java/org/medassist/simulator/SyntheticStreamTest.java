package org.medassist.launcher.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medassist.events.Amounts;
import org.medassist.events.Application;
import org.medassist.events.ApplicationKind;
import org.medassist.events.Claim;
import org.medassist.events.ClaimKind;
import org.medassist.events.ClaimReversal;
import org.medassist.events.IdentityAction;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentityType;
import org.medassist.events.Parameter;
import org.medassist.events.YearClose;
import org.medassist.schemas.Departments;
import org.medassist.schemas.json.EventJson;

class SyntheticStreamTest {

    private static final StreamConfig CONFIG = new StreamConfig(42, 250, 1);
    private static List<StreamEvent> events;

    @BeforeAll
    static void generate() {
        events = list(new SyntheticStream(CONFIG));
    }

    private static List<StreamEvent> list(SyntheticStream stream) {
        List<StreamEvent> l = new ArrayList<>();
        stream.forEach(l::add);
        return l;
    }

    private static <T extends SpecificRecord> List<T> of(List<StreamEvent> events, Class<T> type) {
        return events.stream().map(StreamEvent::record).filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    private static String region(SpecificRecord r) {
        return (String) r.get(r.getSchema().getField("region").pos());
    }

    @Test
    void theSameConfigurationGivesTheSameEventsByteForByte() {
        List<StreamEvent> again = list(new SyntheticStream(CONFIG));
        assertEquals(events.size(), again.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(events.get(i).json(), again.get(i).json(), "event " + i);
            assertEquals(events.get(i).principal(), again.get(i).principal());
            assertEquals(events.get(i).simDate(), again.get(i).simDate());
        }
        assertEquals(events.size(), new SyntheticStream(CONFIG).count());
    }

    @Test
    void anotherSeedGivesAnotherStreamWhoseIdsDoNotCollide() {
        List<StreamEvent> other = list(new SyntheticStream(new StreamConfig(7, 250, 1)));
        assertNotEquals(events.stream().map(StreamEvent::json).toList(), other.stream().map(StreamEvent::json).toList());
        Set<String> claimIds = of(events, Claim.class).stream().map(Claim::getClaimId).collect(Collectors.toSet());
        for (Claim c : of(other, Claim.class)) assertFalse(claimIds.contains(c.getClaimId()), c.getClaimId());
    }

    @Test
    void aPersonIsTheSameWhateverThePopulationSize() {
        // person ids and their events do not depend on --people: a bigger run only adds people
        List<StreamEvent> small = list(new SyntheticStream(new StreamConfig(42, 100, 1)));
        Set<String> bigJson = events.stream().map(StreamEvent::json).collect(Collectors.toSet());
        for (StreamEvent e : small) {
            if (!(e.record() instanceof Parameter) && !(e.record() instanceof YearClose)) {
                assertTrue(bigJson.contains(e.json()), e.json());
            }
        }
    }

    @Test
    void everyEventPassesTheContractsValidationAndRoundTrips() {
        for (StreamEvent e : events) {
            String json = e.json();
            SpecificRecord read = EventJson.read(json);
            assertEquals(e.record(), read, json);
            assertEquals(json, EventJson.write(read));
        }
    }

    @Test
    void positionsCountFromZeroAndSimulatedDaysNeverGoBack() {
        int lastDay = 0;
        for (int i = 0; i < events.size(); i++) {
            StreamEvent e = events.get(i);
            assertEquals(i, e.seq());
            // the cities' calendars are aligned (Jiyuan simulates 2022, the others 2023): compare month and day
            int day = e.simDate().getMonthValue() * 32 + e.simDate().getDayOfMonth();
            assertTrue(day >= lastDay, "event " + i + " goes back to " + e.simDate());
            lastDay = day;
        }
    }

    @Test
    void departmentsCertifyTheirOwnIdentitiesAndSendThemUnderTheirOwnToken() {
        List<IdentityEvent> identities = of(events, IdentityEvent.class);
        assertTrue(identities.size() > 200);
        for (StreamEvent e : events) {
            if (e.record() instanceof IdentityEvent i) {
                assertEquals(Departments.certifierOf(i.getIdentity()), i.getDepartment(), i.toString());
                assertEquals(Principal.department(i.getDepartment()), e.principal());
                assertEquals(Endpoint.IDENTITY_EVENTS, e.endpoint());
            }
        }
        // eventIds are unique per department
        Set<String> ids = new HashSet<>();
        for (IdentityEvent i : identities) assertTrue(ids.add(i.getDepartment() + "/" + i.getEventId()), i.getEventId());
        // all five departments appear, with grants and revocations
        assertEquals(5, identities.stream().map(IdentityEvent::getDepartment).distinct().count());
        assertTrue(identities.stream().anyMatch(i -> i.getAction() == IdentityAction.revoke));
        // a grant to the register before the year, and recognitions during it
        assertTrue(identities.stream().anyMatch(i -> i.getEffectiveDate().getYear() < 2022));
        assertTrue(identities.stream().anyMatch(i -> i.getAction() == IdentityAction.grant && i.getEffectiveDate().getYear() == 2023));
    }

    @Test
    void claimsAreConsistentAndRealistic() {
        List<Claim> claims = of(events, Claim.class);
        assertTrue(claims.size() > 1_000);
        Set<String> ids = new HashSet<>();
        List<Double> inpatientScope = new ArrayList<>();
        for (StreamEvent e : events) {
            if (!(e.record() instanceof Claim c)) continue;
            assertTrue(ids.add(c.getClaimId()), "claimId repeated: " + c.getClaimId());
            assertEquals(Principal.hospital(c.getHospitalId()), e.principal());
            assertTrue(Region.allHospitalIds().contains(c.getHospitalId()));
            assertTrue(c.getPersonId().startsWith(Region.of(c.getRegion()).code() + "-42-"), c.getPersonId());
            if (c.getClaimId().endsWith("-C")) {
                assertFalse(e.simDate().isBefore(c.getDischargeDate()), "a corrected claim follows its reversal");
            } else {
                assertEquals(c.getDischargeDate(), e.simDate(), "hospitals settle at discharge");
            }
            assertFalse(c.getDischargeDate().isBefore(Region.of(c.getRegion()).policyStart()), c.toString());
            Amounts a = c.getAmounts();
            if (c.getKind() == ClaimKind.inpatient) {
                inpatientScope.add(a.getPolicyScope() / 100.0);
                double basicShare = (double) a.getBasicInsurance() / a.getPolicyScope();
                assertTrue(basicShare >= 0.49 && basicShare <= 0.71, "basic insurance share " + basicShare);
            }
            if (c.getKind() == ClaimKind.outpatient) assertTrue(a.getPolicyScope() <= 1_500_99, c.toString());
        }
        inpatientScope.sort(Double::compare);
        double median = inpatientScope.get(inpatientScope.size() / 2);
        assertTrue(median > 5_000 && median < 30_000, "median inpatient policy scope " + median);
        long inRange = inpatientScope.stream().filter(v -> v >= 3_000 && v <= 80_000).count();
        assertTrue(inRange > inpatientScope.size() * 0.7, "mostly 5k–80k (township stays are smaller)");
        assertTrue(claims.stream().anyMatch(c -> c.getAmounts().getCriticalIllness() > 0), "critical illness on big bills");
        assertTrue(claims.stream().anyMatch(c -> c.getAmounts().getOutOfScope() > 0));
        assertTrue(claims.stream().anyMatch(c -> c.getAmounts().getOtherInsurance() > 0));
        for (ClaimKind k : ClaimKind.values()) assertTrue(claims.stream().anyMatch(c -> c.getKind() == k), "no " + k);
        assertTrue(claims.stream().anyMatch(c -> !c.getReferred()));
    }

    @Test
    void reversalsReferToEarlierClaimsOfTheSamePersonFromTheSameHospital() {
        Map<String, StreamEvent> claimsSeen = new HashMap<>();
        int reversals = 0;
        for (StreamEvent e : events) {
            if (e.record() instanceof Claim c) {
                claimsSeen.put(c.getClaimId(), e);
            } else if (e.record() instanceof ClaimReversal r) {
                reversals++;
                StreamEvent claim = claimsSeen.get(r.getClaimId());
                assertNotNull(claim, "reversal " + r.getReversalId() + " of a claim not sent before it");
                Claim c = (Claim) claim.record();
                assertEquals(c.getPersonId(), r.getPersonId());
                assertEquals(c.getRegion(), r.getRegion());
                assertEquals(claim.principal(), e.principal());
                assertTrue(e.simDate().isAfter(claim.simDate()));
            }
        }
        assertTrue(reversals >= 10, "some reversals: " + reversals);
        // some reversed claims come back corrected, after their reversal
        assertTrue(of(events, Claim.class).stream().anyMatch(c -> c.getClaimId().endsWith("-C")));
    }

    @Test
    void coversAllFiveCitiesWithTheirOwnFeatures() {
        for (Region r : Region.values()) {
            assertTrue(of(events, IdentityEvent.class).stream().anyMatch(i -> i.getRegion().equals(r.id())), r + " identities");
            assertTrue(of(events, Claim.class).stream().anyMatch(c -> c.getRegion().equals(r.id())), r + " claims");
        }
        // Jiyuan runs 2022 (its published figures), from its policy's start
        for (Claim c : of(events, Claim.class)) {
            int expectedYear = c.getRegion().equals("jiyuan") ? 2022 : 2023;
            assertEquals(expectedYear, c.getDischargeDate().getYear(), c.getClaimId());
        }
        // parameters first: Jiujiang's income for 2023, Nanjing's tier-D deductible; none for Jiyuan 2022
        Map<String, Long> params = new HashMap<>();
        for (Parameter p : of(events, Parameter.class)) params.put(p.getRegion() + "/" + p.getYear() + "/" + p.getName(), p.getValue());
        assertEquals(3_500_000L, params.get("jiujiang/2023/per_capita_disposable_income"));
        assertEquals(700_000L, params.get("nanjing/2023/tier_d_deductible"));
        assertFalse(params.keySet().stream().anyMatch(k -> k.startsWith("jiyuan/")));
        assertTrue(events.get(0).record() instanceof Parameter);
        assertEquals(Principal.ADMIN, events.get(0).principal());
        // applications: tilt in Jiujiang and Fangchenggang, one-time in Fangchenggang
        List<Application> apps = of(events, Application.class);
        assertTrue(apps.stream().anyMatch(a -> a.getRegion().equals("jiujiang") && a.getKind() == ApplicationKind.tilt));
        assertTrue(apps.stream().anyMatch(a -> a.getRegion().equals("fangchenggang") && a.getKind() == ApplicationKind.tilt));
        assertTrue(apps.stream().anyMatch(a -> a.getRegion().equals("fangchenggang") && a.getKind() == ApplicationKind.one_time));
        for (Application a : apps) {
            assertTrue(Set.of("jiujiang", "fangchenggang").contains(a.getRegion()));
            assertTrue(a.getKind() == ApplicationKind.tilt || a.getRegion().equals("fangchenggang"));
        }
        for (StreamEvent e : events) {
            if (e.record() instanceof Application a) assertEquals(Principal.agency(a.getRegion()), e.principal());
        }
        // Jiangyin's year is closed, last
        StreamEvent last = events.get(events.size() - 1);
        assertEquals(new YearClose("jiangyin", 2023), last.record());
        assertEquals(1, of(events, YearClose.class).size());
        // identities that need attributes have them
        for (IdentityEvent i : of(events, IdentityEvent.class)) {
            if (i.getAction() != IdentityAction.grant) continue;
            if (i.getIdentity() == IdentityType.severe_disability) assertNotNull(i.getAttributes().getDisabilityGrade());
            if (i.getIdentity() == IdentityType.entitled_veteran) assertNotNull(i.getAttributes().getGroup());
        }
    }

    @Test
    void peopleAreSpreadOverTheCities() {
        Map<String, Set<String>> people = new HashMap<>();
        for (StreamEvent e : events) {
            SpecificRecord r = e.record();
            if (r.getSchema().getField("personId") != null) {
                people.computeIfAbsent(region(r), k -> new HashSet<>()).add((String) r.get(r.getSchema().getField("personId").pos()));
            }
        }
        assertEquals(5, people.size());
        for (Region r : Region.values()) {
            int n = people.get(r.id()).size();
            assertTrue(n > CONFIG.peopleIn(r) * 0.8 && n <= CONFIG.peopleIn(r), r + ": " + n);
        }
        assertEquals(250, Region.values().length * CONFIG.peopleIn(Region.JIUJIANG));
        assertEquals(101, new StreamConfig(1, 503, 1).peopleIn(Region.JIUJIANG));
        assertEquals(100, new StreamConfig(1, 503, 1).peopleIn(Region.JIANGYIN));
    }

    @Test
    void laterYearsPublishTheirParametersAndNanjingsComesInMarch() {
        List<StreamEvent> two = list(new SyntheticStream(new StreamConfig(42, 50, 2)));
        Map<String, LocalDate> published = new HashMap<>();
        for (StreamEvent e : two) {
            if (e.record() instanceof Parameter p) published.put(p.getRegion() + "/" + p.getYear() + "/" + p.getName(), e.simDate());
        }
        assertEquals(LocalDate.of(2024, 3, 15), published.get("nanjing/2024/tier_d_deductible"));
        assertEquals(LocalDate.of(2024, 1, 1), published.get("jiujiang/2024/per_capita_disposable_income"));
        assertEquals(LocalDate.of(2023, 1, 1), published.get("jiyuan/2023/per_capita_disposable_income"));
        assertEquals(2, of(two, YearClose.class).size());
        // the first year of a two-year stream is the one-year stream's first year, for the same people
        Set<String> oneYear = list(new SyntheticStream(new StreamConfig(42, 50, 1))).stream().map(StreamEvent::json).collect(Collectors.toSet());
        long shared = two.stream().map(StreamEvent::json).filter(oneYear::contains).count();
        assertTrue(shared > oneYear.size() * 0.95, shared + " of " + oneYear.size());
    }

    @Test
    void theIteratorCanBeResumedAtAnyPosition() {
        Iterator<StreamEvent> it = new SyntheticStream(CONFIG).iterator();
        int skip = events.size() / 3;
        for (int i = 0; i < skip; i++) it.next();
        for (int i = skip; i < events.size(); i++) assertEquals(events.get(i).json(), it.next().json());
        assertFalse(it.hasNext());
    }
}
