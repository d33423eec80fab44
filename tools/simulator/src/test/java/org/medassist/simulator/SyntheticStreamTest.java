package org.medassist.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
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
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventJson;

class SyntheticStreamTest {

    static final PolicyCatalog CATALOG = PolicyLoader.bundled();
    private static final SimulationConfig CONFIG = SimulationConfig.of(42, 500, 1);
    private static SyntheticStream stream;
    private static List<StreamEvent> events;

    @BeforeAll
    static void generate() {
        stream = new SyntheticStream(CATALOG, CONFIG);
        events = list(stream);
    }

    static List<StreamEvent> list(Iterable<StreamEvent> stream) {
        List<StreamEvent> l = new ArrayList<>();
        stream.forEach(l::add);
        return l;
    }

    private static final Map<StreamEvent, SpecificRecord> RECORDS = new java.util.IdentityHashMap<>();

    /** The event's record, read once (StreamEvent reads it from its JSON on every call). */
    static synchronized SpecificRecord rec(StreamEvent e) {
        return RECORDS.computeIfAbsent(e, StreamEvent::record);
    }

    private static List<StreamEvent> valid(List<StreamEvent> events) {
        return events.stream().filter(StreamEvent::valid).toList();
    }

    private static <T extends SpecificRecord> List<T> of(List<StreamEvent> events, Class<T> type) {
        return events.stream().filter(StreamEvent::valid).map(SyntheticStreamTest::rec).filter(type::isInstance).map(type::cast)
                .collect(Collectors.toList());
    }

    private static String field(SpecificRecord r, String name) {
        return r.getSchema().getField(name) == null ? null : String.valueOf(r.get(r.getSchema().getField(name).pos()));
    }

    private static City city(String region) {
        return stream.cities().stream().filter(c -> c.region().equals(region)).findFirst().orElseThrow();
    }

    @Test
    void theSameConfigurationGivesTheSameEventsByteForByteOnAnyNumberOfThreads() {
        List<StreamEvent> again = list(new SyntheticStream(CATALOG, CONFIG));
        assertEquals(events.size(), again.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(events.get(i).json(), again.get(i).json(), "event " + i);
            assertEquals(events.get(i).principal(), again.get(i).principal());
            assertEquals(events.get(i).simDate(), again.get(i).simDate());
        }
        assertEquals(events.size(), new SyntheticStream(CATALOG, CONFIG).count());
        // several cohorts, generated ahead on three threads: the same lines as on the reader's thread
        SyntheticStream big = new SyntheticStream(CATALOG, SimulationConfig.of(9, 5 * SyntheticStream.COHORT * 2 + 7, 1));
        List<String> serial = list(big).stream().map(StreamEvent::json).toList();
        List<String> parallel = new ArrayList<>();
        try (SyntheticStream.Events it = big.iterator(3)) {
            while (it.hasNext()) parallel.add(it.next().json());
        }
        assertEquals(serial, parallel);
    }

    /**
     * Each event names its simulated person: one number per personId the valid events carry, the same for all of
     * that person's events, and none for parameters and year closes (bin/run's publisher keeps each person's events
     * in order by it).
     */
    @Test
    void everyEventNamesItsPersonAndRegionWideEventsNone() {
        Map<String, Long> numberOf = new HashMap<>();
        Map<Long, String> personIdOf = new HashMap<>();
        for (StreamEvent e : valid(events)) {
            SpecificRecord r = rec(e);
            if (r instanceof Parameter || r instanceof YearClose) {
                assertEquals(StreamEvent.NO_PERSON, e.person(), e.json());
                continue;
            }
            String personId = field(r, "personId");
            assertNotNull(personId, e.json());
            assertTrue(e.person() >= 0, e.json());
            Long before = numberOf.putIfAbsent(personId, e.person());
            assertEquals(before == null ? e.person() : before, e.person(), "one number per person: " + personId);
            String other = personIdOf.putIfAbsent(e.person(), personId);
            assertEquals(other == null ? personId : other, personId, "one person per number: " + e.person());
        }
        assertTrue(numberOf.size() > 100, "persons: " + numberOf.size());
    }

    @Test
    void anotherSeedGivesAnotherStreamWhoseIdsDoNotCollide() {
        List<StreamEvent> other = list(new SyntheticStream(CATALOG, SimulationConfig.of(7, 500, 1)));
        assertNotEquals(events.stream().map(StreamEvent::json).toList(), other.stream().map(StreamEvent::json).toList());
        Set<String> claimIds = of(events, Claim.class).stream().map(Claim::getClaimId).collect(Collectors.toSet());
        for (Claim c : of(other, Claim.class)) assertFalse(claimIds.contains(c.getClaimId()), c.getClaimId());
    }

    @Test
    void aPersonIsTheSameWhateverThePopulationSize() {
        // person ids and their events do not depend on --people: a bigger run only adds people
        List<StreamEvent> small = list(new SyntheticStream(CATALOG, SimulationConfig.of(42, 100, 1)));
        Set<String> bigJson = events.stream().map(StreamEvent::json).collect(Collectors.toSet());
        for (StreamEvent e : small) {
            if (!(rec(e) instanceof Parameter) && !(rec(e) instanceof YearClose)) {
                assertTrue(bigJson.contains(e.json()), e.json());
            }
        }
    }

    @Test
    void everyValidEventPassesTheContractsValidationAndRoundTrips() {
        for (StreamEvent e : valid(events)) {
            String json = e.json();
            SpecificRecord read = EventJson.read(json);
            assertEquals(json, EventJson.write(read));
            assertEquals(EventJson.typeOf(read), e.type());
        }
    }

    @Test
    void breachesFollowAShareOfEventsAndTheValidEventsStayTheSame() {
        SimulationConfig many = CONFIG.withInvalidShare(0.2);
        List<StreamEvent> withBreaches = list(new SyntheticStream(CATALOG, many));
        List<StreamEvent> breaches = withBreaches.stream().filter(e -> !e.valid()).toList();
        long validCount = withBreaches.size() - breaches.size();
        assertTrue(breaches.size() > validCount * 0.15 && breaches.size() < validCount * 0.25, breaches.size() + " of " + validCount);
        // the valid events are those of a stream without breaches, in the same order
        List<String> none = list(new SyntheticStream(CATALOG, CONFIG.withInvalidShare(0))).stream().map(StreamEvent::json).toList();
        assertEquals(none, valid(withBreaches).stream().map(StreamEvent::json).toList());
        Set<Breach> kinds = new HashSet<>();
        for (StreamEvent e : breaches) {
            kinds.add(e.breach());
            assertEquals(e.breach().type(), e.type());
            assertNotNull(e.id());
            if (e.breach().wellFormed()) {
                // the engine refuses them (a known claimId with other content, an unknown claim)
                assertEquals(e.json(), EventJson.write(rec(e)));
            } else {
                assertTrue(e.id().matches(".*-X\\d+"), e.id());
                assertNull(rec(e));
                EventFormatException x = assertThrows(EventFormatException.class, () -> EventJson.read(e.json()), e.json());
                assertEquals(e.type(), x.type(), "the breach still names its type");
                assertEquals(e.id(), x.id(), "and its id, so that it is answered with a rejection");
            }
        }
        assertEquals(Set.of(Breach.values()), kinds, "every kind of breach occurs");
        assertTrue(events.stream().anyMatch(e -> !e.valid()), "the default share gives a few");
    }

    @Test
    void positionsCountFromZeroAndSimulatedDaysNeverGoBackInOneCohort() {
        LocalDate last = LocalDate.MIN;
        for (int i = 0; i < events.size(); i++) {
            StreamEvent e = events.get(i);
            assertEquals(i, e.seq());
            assertFalse(e.simDate().isBefore(last), "event " + i + " goes back to " + e.simDate());
            last = e.simDate();
        }
    }

    @Test
    void biggerStreamsGoThroughEachYearOnceACohortAndKeepEachPersonsOrder() {
        int people = 5 * SyntheticStream.COHORT + 10; // two cohorts in each city
        SyntheticStream s = new SyntheticStream(CATALOG, SimulationConfig.of(3, people, 2));
        assertEquals(2, s.cohorts());
        List<StreamEvent> all = list(s);
        Map<String, LocalDate> lastOfPerson = new HashMap<>();
        int wentBack = 0;
        LocalDate previous = LocalDate.MIN;
        for (StreamEvent e : all) {
            if (e.simDate().isBefore(previous)) wentBack++;
            previous = e.simDate();
            String person = rec(e) == null ? null : field(rec(e), "personId");
            if (person == null) continue;
            LocalDate before = lastOfPerson.put(person, e.simDate());
            assertTrue(before == null || !e.simDate().isBefore(before), person + " goes back");
        }
        assertEquals(2, wentBack, "back to January for the second cohort of each year");
        // a year's parameters come before its claims, its close after them
        int firstClaim2024 = -1;
        int lastClaim2023 = -1;
        for (int i = 0; i < all.size(); i++) {
            if (rec(all.get(i)) instanceof Claim c && c.getDischargeDate().getYear() == 2024 && firstClaim2024 < 0) firstClaim2024 = i;
            if (rec(all.get(i)) instanceof Claim c && c.getDischargeDate().getYear() == 2023) lastClaim2023 = i;
        }
        for (int i = 0; i < all.size(); i++) {
            if (rec(all.get(i)) instanceof YearClose y && y.getYear() == 2023) assertTrue(i > lastClaim2023 && i < firstClaim2024);
            if (rec(all.get(i)) instanceof Parameter p && p.getYear() == 2024 && all.get(i).simDate().getMonthValue() == 1) {
                assertTrue(i < firstClaim2024);
            }
        }
    }

    @Test
    void departmentsCertifyTheirOwnIdentitiesAndSendThemUnderTheirOwnToken() {
        List<IdentityEvent> identities = of(events, IdentityEvent.class);
        assertTrue(identities.size() > 200);
        for (StreamEvent e : valid(events)) {
            if (rec(e) instanceof IdentityEvent i) {
                assertEquals(Departments.certifierOf(i.getIdentity()), i.getDepartment(), i.toString());
                assertEquals(Principal.department(i.getDepartment()), e.principal());
                City c = city(i.getRegion());
                boolean companion = i.getIdentity() == IdentityType.severe_disability && !c.disabilityCompanions().isEmpty();
                assertTrue(c.identities().contains(i.getIdentity()) || companion, i + " is in its city's register");
            }
        }
        Set<String> ids = new HashSet<>();
        for (IdentityEvent i : identities) assertTrue(ids.add(i.getDepartment() + "/" + i.getEventId()), i.getEventId());
        assertEquals(5, identities.stream().map(IdentityEvent::getDepartment).distinct().count());
        assertTrue(identities.stream().anyMatch(i -> i.getAction() == IdentityAction.revoke));
        assertTrue(identities.stream().anyMatch(i -> i.getEffectiveDate().getYear() < 2022), "the register before the year");
        assertTrue(identities.stream().anyMatch(i -> i.getAction() == IdentityAction.grant && i.getEffectiveDate().getYear() == 2023));
    }

    @Test
    void someIdentityRecordsArriveAfterClaimsTheyChange() {
        // E8 (docs/decisions.md): a record whose effective date lies before claims already sent for the person
        int late = lateRecords(events);
        assertTrue(late >= 5, "late records: " + late);
        assertTrue(lateRecords(list(new SyntheticStream(CATALOG, CONFIG.withLateShare(0)))) < late);
        assertTrue(lateRecords(list(new SyntheticStream(CATALOG, CONFIG.withLateShare(1)))) > late);
    }

    private static int lateRecords(List<StreamEvent> events) {
        Map<String, List<LocalDate>> claimDates = new HashMap<>();
        int late = 0;
        for (StreamEvent e : valid(events)) {
            if (rec(e) instanceof Claim c) {
                claimDates.computeIfAbsent(c.getPersonId(), k -> new ArrayList<>()).add(c.getDischargeDate());
            } else if (rec(e) instanceof IdentityEvent i) {
                List<LocalDate> sent = claimDates.getOrDefault(i.getPersonId(), List.of());
                if (sent.stream().anyMatch(d -> !d.isBefore(i.getEffectiveDate()))) late++;
            }
        }
        return late;
    }

    @Test
    void claimsAreConsistentAndRealistic() {
        List<Claim> claims = of(events, Claim.class);
        assertTrue(claims.size() > 1_000);
        Set<String> ids = new HashSet<>();
        List<Double> inpatientScope = new ArrayList<>();
        for (StreamEvent e : valid(events)) {
            if (!(rec(e) instanceof Claim c)) continue;
            assertTrue(ids.add(c.getClaimId()), "claimId repeated: " + c.getClaimId());
            assertEquals(Principal.hospital(c.getHospitalId()), e.principal());
            City city = city(c.getRegion());
            assertTrue(city.hospitalIds().contains(c.getHospitalId()));
            assertTrue(PersonIds.FORMAT.matcher(c.getPersonId()).matches(), c.getPersonId());
            assertTrue(c.getPersonId().startsWith(city.prefix() + "-42-"), c.getPersonId());
            assertTrue(city.claimKinds().contains(c.getKind()), c.getKind() + " is covered in " + c.getRegion());
            if (c.getClaimId().endsWith("-C")) {
                assertFalse(e.simDate().isBefore(c.getDischargeDate()), "a corrected claim follows its reversal");
            } else {
                assertEquals(c.getDischargeDate(), e.simDate(), "hospitals settle at discharge");
            }
            assertFalse(c.getDischargeDate().isBefore(city.effectiveFrom()), c.toString());
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
        for (StreamEvent e : valid(events)) {
            if (rec(e) instanceof Claim c) {
                claimsSeen.put(c.getClaimId(), e);
            } else if (rec(e) instanceof ClaimReversal r) {
                reversals++;
                StreamEvent claim = claimsSeen.get(r.getClaimId());
                assertNotNull(claim, "reversal " + r.getReversalId() + " of a claim not sent before it");
                Claim c = (Claim) rec(claim);
                assertEquals(c.getPersonId(), r.getPersonId());
                assertEquals(c.getRegion(), r.getRegion());
                assertEquals(claim.principal(), e.principal());
                assertTrue(e.simDate().isAfter(claim.simDate()));
            }
        }
        assertTrue(reversals >= 10, "some reversals: " + reversals);
        assertTrue(of(events, Claim.class).stream().anyMatch(c -> c.getClaimId().endsWith("-C")));
    }

    @Test
    void everyCityOfTheCatalogWithWhatItsPolicyNeeds() {
        assertEquals(List.of("fangchenggang", "jiangyin", "jiujiang", "jiyuan", "nanjing"),
                stream.cities().stream().map(City::region).toList());
        assertEquals(2023, stream.startYear(), "the latest effective year of the five (Nanjing, 2023-01-01)");
        for (City c : stream.cities()) {
            assertTrue(of(events, IdentityEvent.class).stream().anyMatch(i -> i.getRegion().equals(c.region())), c + " identities");
            assertTrue(of(events, Claim.class).stream().anyMatch(cl -> cl.getRegion().equals(c.region())), c + " claims");
        }
        for (Claim c : of(events, Claim.class)) assertEquals(2023, c.getDischargeDate().getYear(), c.getClaimId());
        // parameters first, where a named amount is a percentage of I and 2023 has no published figure
        Map<String, Long> params = new HashMap<>();
        for (Parameter p : of(events, Parameter.class)) params.put(p.getRegion() + "/" + p.getYear() + "/" + p.getName(), p.getValue());
        assertEquals(Set.of("jiujiang/2023/per_capita_disposable_income", "jiyuan/2023/per_capita_disposable_income",
                "nanjing/2023/per_capita_disposable_income"), params.keySet());
        assertTrue(rec(events.get(0)) instanceof Parameter);
        assertEquals(Principal.ADMIN, events.get(0).principal());
        // applications where the policy pays on application: tilt in Jiujiang and Fangchenggang, one-time in Fangchenggang
        List<Application> apps = of(events, Application.class);
        assertTrue(apps.stream().anyMatch(a -> a.getRegion().equals("jiujiang") && a.getKind() == ApplicationKind.tilt));
        assertTrue(apps.stream().anyMatch(a -> a.getRegion().equals("fangchenggang") && a.getKind() == ApplicationKind.tilt));
        assertTrue(apps.stream().anyMatch(a -> a.getRegion().equals("fangchenggang") && a.getKind() == ApplicationKind.one_time));
        for (Application a : apps) {
            assertTrue(Set.of("jiujiang", "fangchenggang").contains(a.getRegion()), a.toString());
            assertTrue(a.getKind() == ApplicationKind.tilt || a.getRegion().equals("fangchenggang"));
        }
        for (StreamEvent e : valid(events)) {
            if (rec(e) instanceof Application a) assertEquals(Principal.agency(a.getRegion()), e.principal());
        }
        // Jiangyin's year is closed, last
        StreamEvent last = events.get(events.size() - 1);
        assertEquals(new YearClose("jiangyin", 2023), rec(last));
        assertEquals(1, of(events, YearClose.class).size());
        for (IdentityEvent i : of(events, IdentityEvent.class)) {
            if (i.getAction() != IdentityAction.grant) continue;
            if (i.getIdentity() == IdentityType.severe_disability) assertNotNull(i.getAttributes().getDisabilityGrade());
            if (i.getIdentity() == IdentityType.entitled_veteran) assertNotNull(i.getAttributes().getGroup());
        }
    }

    @Test
    void aStartYearWithPublishedFiguresNeedsNoParameterThere() {
        List<StreamEvent> from2022 = list(new SyntheticStream(CATALOG, CONFIG.withStartYear(2022).withRegions(List.of("jiyuan", "jiujiang"))));
        Set<String> params = of(from2022, Parameter.class).stream().map(p -> p.getRegion() + "/" + p.getYear()).collect(Collectors.toSet());
        assertEquals(Set.of("jiujiang/2022"), params, "Jiyuan's 2022 figures are in its policy file");
        for (Claim c : of(from2022, Claim.class)) {
            assertFalse(c.getDischargeDate().isBefore(c.getRegion().equals("jiyuan") ? LocalDate.of(2022, 5, 1) : LocalDate.of(2022, 10, 1)),
                    "nothing before the policy takes effect: " + c);
        }
        assertEquals(Set.of("jiyuan", "jiujiang"), of(from2022, Claim.class).stream().map(Claim::getRegion).collect(Collectors.toSet()));
    }

    @Test
    void unknownRegionsAreNamedWithTheCatalogs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticStream(CATALOG, CONFIG.withRegions(List.of("nanjing", "atlantis"))));
        assertEquals("no policy for region \"atlantis\"; the catalog has: fangchenggang, jiangyin, jiujiang, jiyuan, nanjing", e.getMessage());
    }

    @Test
    void peopleAreSpreadOverTheCities() {
        Map<String, Set<String>> people = new HashMap<>();
        for (StreamEvent e : valid(events)) {
            String person = field(rec(e), "personId");
            if (person != null) people.computeIfAbsent(field(rec(e), "region"), k -> new HashSet<>()).add(person);
        }
        assertEquals(5, people.size());
        for (City c : stream.cities()) {
            int n = people.get(c.region()).size();
            assertTrue(n > stream.peopleIn(c) * 0.8 && n <= stream.peopleIn(c), c + ": " + n);
        }
        SyntheticStream odd = new SyntheticStream(CATALOG, SimulationConfig.of(1, 503, 1));
        assertEquals(101, odd.peopleIn(odd.cities().get(0)));
        assertEquals(100, odd.peopleIn(odd.cities().get(4)));
    }

    @Test
    void laterYearsPublishTheirParametersEarlyOrInMarch() {
        List<StreamEvent> two = list(new SyntheticStream(CATALOG, SimulationConfig.of(42, 50, 2)));
        Map<String, LocalDate> published = new HashMap<>();
        for (StreamEvent e : valid(two)) {
            if (rec(e) instanceof Parameter p) published.put(p.getRegion() + "/" + p.getYear() + "/" + p.getName(), e.simDate());
        }
        assertEquals(6, published.size());
        for (Map.Entry<String, LocalDate> p : published.entrySet()) {
            LocalDate d = p.getValue();
            boolean first = p.getKey().contains("/2023/");
            assertTrue(first ? d.equals(LocalDate.of(2023, 1, 1))
                    : d.equals(LocalDate.of(2024, 1, 1)) || d.equals(LocalDate.of(2024, 3, 15)), p.toString());
        }
        assertEquals(2, of(two, YearClose.class).size());
        // the first year of a two-year stream is mostly the one-year stream, for the same people
        Set<String> oneYear = list(new SyntheticStream(CATALOG, SimulationConfig.of(42, 50, 1))).stream()
                .map(StreamEvent::json).collect(Collectors.toSet());
        long shared = two.stream().map(StreamEvent::json).filter(oneYear::contains).count();
        assertTrue(shared > oneYear.size() * 0.95, shared + " of " + oneYear.size());
    }

    @Test
    void theIteratorCanBeResumedAtAnyPosition() {
        Iterator<StreamEvent> it = new SyntheticStream(CATALOG, CONFIG).iterator();
        int skip = events.size() / 3;
        for (int i = 0; i < skip; i++) it.next();
        for (int i = skip; i < events.size(); i++) assertEquals(events.get(i).json(), it.next().json());
        assertFalse(it.hasNext());
    }
}
