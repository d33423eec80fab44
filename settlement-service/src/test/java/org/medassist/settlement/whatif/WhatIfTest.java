package org.medassist.settlement.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;
import org.medassist.events.Settlement;
import org.medassist.settlement.SettlementComparison;
import org.medassist.settlement.replay.RandomEvents;
import org.medassist.settlement.whatif.PolicyRun.YearFacts;
import org.medassist.settlement.whatif.WhatIfReport.Row;

/**
 * What-if against what it must equal: zero difference with no change, the hand-worked difference of a cap raise, and
 * {@code bin/settle replay} run once with each policy.
 */
class WhatIfTest {
    static final List<PolicySource> SOURCES = PolicyLoader.sources(null);
    static final PolicyCatalog CATALOG = PolicyLoader.load(SOURCES);

    /** A run's report and every person-year it compared, keyed {@code personId|region|year}: {base, changed}. */
    record Run(WhatIfReport report, Map<String, YearFacts[]> personYears) {}

    static Run run(List<String> lines, PolicyPair policies, Scope scope, int cachedPersons) {
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        History history = new JsonLinesHistory(null, new ByteArrayInputStream(bytes), new PrintStream(new ByteArrayOutputStream()));
        Map<String, YearFacts[]> each = new TreeMap<>();
        WhatIf.Options options = new WhatIf.Options(scope, cachedPersons, 50, 1000, Function.identity(), "raw personId");
        try {
            WhatIfReport report = WhatIf.run(history, policies, options, Progress.NONE, () -> false, (personId, b, c) -> {
                YearFacts any = b != null ? b : c;
                YearFacts[] old = each.put(personId + "|" + any.region() + "|" + any.year(), new YearFacts[] {b, c});
                if (old != null) throw new AssertionError("person-year compared twice: " + personId + " " + any.region() + " " + any.year());
            });
            assertEquals(0, report.meta().baseline().failed(), "baseline failures: " + report.meta().baseline().firstFailure());
            assertEquals(0, report.meta().changed().failed(), "changed failures: " + report.meta().changed().firstFailure());
            return new Run(report, each);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every worked case of the catalog, the example files and random events of every region: a varied history. */
    static List<String> history(long seed) throws IOException {
        List<String> lines = new ArrayList<>(SettlementComparison.caseLines(CATALOG, SOURCES));
        try (var files = Files.list(examples())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) lines.addAll(Files.readAllLines(f));
        }
        int i = 0;
        for (RegionPolicy p : CATALOG.all()) {
            // ids per region: the generators number claims and identity events alike, and an id met again under
            // another person is refused (ownership across persons), a reversal names only the claimId, and a reversal id
            // is remembered per person: each would tie the regions together
            for (String line : new RandomEvents(seed + i++, p).generate(150)) {
                lines.add(line.replace("\"hospitalId\":\"H1\"", "\"hospitalId\":\"H-" + p.region() + "\"")
                        .replace("\"eventId\":\"e", "\"eventId\":\"" + p.region() + "-e")
                        .replace("\"claimId\":\"C", "\"claimId\":\"" + p.region() + "-C")
                        .replace("\"reversalId\":\"R", "\"reversalId\":\"" + p.region() + "-R"));
            }
        }
        return lines;
    }

    /** The project's docs/examples, found from the working directory up. */
    static Path examples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
        return p.resolve("docs/examples");
    }

    @Test
    void withNoChangeEveryPersonYearIsTheSameToTheFen() throws IOException {
        List<String> lines = history(11);
        PolicyPair same = PolicyPair.of(null, null, List.of());
        assertEquals(List.of(), same.changes());
        for (int cached : new int[] {1, 7, WhatIf.Options.DEFAULT_CACHED_PERSONS}) { // 1 and 7: ledgers written back and read again all the time
            Run r = run(lines, same, Scope.ALL, cached);
            assertTrue(r.personYears().size() > 60, "a varied history: " + r.personYears().size() + " person-years");
            assertTrue(r.report().totals().basePaid() > 0);
            r.personYears().forEach((key, f) -> {
                assertNotNull(f[0], key + " only on the changed side");
                assertNotNull(f[1], key + " only on the baseline side");
                assertEquals(f[0].assistance(), f[1].assistance(), key + " assistance");
                assertEquals(f[0].tilt(), f[1].tilt(), key + " tilt");
                assertEquals(f[0].selfPay(), f[1].selfPay(), key + " self-pay");
                assertEquals(f[0].burden(), f[1].burden(), key + " burden");
                assertEquals(f[0].alertsFired(), f[1].alertsFired(), key + " alerts");
                assertEquals(f[0].items(), f[1].items(), key + " items");
            });
            WhatIfReport report = r.report();
            assertEquals(0, report.totals().difference());
            assertEquals(report.totals().baseAssistance(), report.totals().changedAssistance());
            assertEquals(0, report.persons().affected());
            assertEquals(0, report.alertChangesTotal());
            for (List<Row> table : List.of(report.byCity(), report.byTier(), report.byClass(), report.byMonth())) {
                for (Row row : table) {
                    assertEquals(row.baseAssistance(), row.changedAssistance(), row.key());
                    assertEquals(row.baseTilt(), row.changedTilt(), row.key());
                    assertEquals(row.baseClaims(), row.changedClaims(), row.key());
                }
            }
            assertTrue(java.util.Arrays.equals(report.burden().baseQuantiles(), report.burden().changedQuantiles()));
        }
    }

    @Test
    void theCacheOfDecodedLedgersChangesNothing() throws IOException {
        List<String> lines = history(23);
        PolicyPair pair = PolicyPair.of(null, null, List.of("nanjing:tiers[B].rates.inpatient.rate=0.95",
                "jiujiang:tiers[class2].caps.annual.amount=60000.00"));
        Run small = run(lines, pair, Scope.ALL, 1);
        Run large = run(lines, pair, Scope.ALL, WhatIf.Options.DEFAULT_CACHED_PERSONS);
        assertEquals(large.personYears().keySet(), small.personYears().keySet());
        large.personYears().forEach((key, f) -> {
            YearFacts[] g = small.personYears().get(key);
            for (int side = 0; side < 2; side++) assertEquals(f[side], g[side], key + " side " + side);
        });
        assertEquals(large.report().totals(), small.report().totals());
    }

    /**
     * Jiujiang, 二类人员 (低保, tier class2): 75% of the self-paid part S, no deductible, a yearly cap of 5万元
     * (三（三）2（2）「按75%予以救助，不设起付线，年度救助最高限额5万元」). The change raises the cap to 6万元.
     *
     * <pre>
     * person JJ-CAP (低保 from 2023-01-01), two inpatient stays in 2023, nothing paid by insurance, so S = policy scope:
     *   2023-03-10  S = 60,000.00   75% = 45,000.00   cap 5万: left 50,000.00 → pays 45,000.00   cap 6万: pays 45,000.00
     *   2023-06-10  S = 20,000.00   75% = 15,000.00   cap 5万: left  5,000.00 → pays  5,000.00   cap 6万: left 15,000.00 → pays 15,000.00
     *   year                                          50,000.00                                  60,000.00   difference +10,000.00
     *   burden R = S − assistance (no out-of-scope): 80,000.00 − 50,000.00 = 30,000.00  →  80,000.00 − 60,000.00 = 20,000.00
     * person JJ-LOW (低保), one stay, S = 10,000.00: 7,500.00 under either cap, unaffected.
     * Tilt is paid on application (三（三）2（5）「依申请」): none filed, none paid on either side.
     * </pre>
     */
    @Test
    void aCapRaiseGivesTheHandWorkedDifference() {
        List<String> lines = List.of(
                parameter(2022, "per_capita_disposable_income", "30000.00"),
                parameter(2023, "per_capita_disposable_income", "32000.00"),
                grant("JJ-CAP", "jj-e1"),
                grant("JJ-LOW", "jj-e2"),
                inpatient("JJ-CAP", "jj-c1", "2023-03-01", "2023-03-10", "60000.00"),
                inpatient("JJ-LOW", "jj-c2", "2023-04-01", "2023-04-05", "10000.00"),
                inpatient("JJ-CAP", "jj-c3", "2023-06-01", "2023-06-10", "20000.00"));
        PolicyPair pair = PolicyPair.of(null, null, List.of("jiujiang:tiers[class2].caps.annual.amount=60000.00"));
        assertEquals(1, pair.changes().size());
        assertEquals("三（三）2（2）", pair.changes().get(0).clause());
        assertEquals(List.of(new PolicyDiff.Change("tiers[class2].caps.annual.amount", "50000.00", "60000.00")), pair.changes().get(0).changes());

        Run r = run(lines, pair, Scope.ALL, WhatIf.Options.DEFAULT_CACHED_PERSONS);
        YearFacts[] cap = r.personYears().get("JJ-CAP|jiujiang|2023");
        assertEquals(5_000_000, cap[0].assistance());
        assertEquals(6_000_000, cap[1].assistance());
        assertEquals(0, cap[0].tilt());
        assertEquals(0, cap[1].tilt());
        assertEquals(3_000_000, cap[0].burden());
        assertEquals(2_000_000, cap[1].burden());
        YearFacts[] low = r.personYears().get("JJ-LOW|jiujiang|2023");
        assertEquals(750_000, low[0].assistance());
        assertEquals(750_000, low[1].assistance());

        WhatIfReport report = r.report();
        assertEquals(5_750_000, report.totals().basePaid());
        assertEquals(6_750_000, report.totals().changedPaid());
        assertEquals(1_000_000, report.totals().difference());
        assertEquals(1, report.persons().affected());
        assertEquals(1, report.persons().gainers());
        assertEquals(1_000_000, report.persons().gained());
        assertEquals(0, report.persons().losers());
        assertEquals("JJ-CAP", report.persons().topGains().get(0).person());
        assertEquals(Map.of("jiujiang", 1_000_000L), differences(report.byCity()));
        assertEquals(Map.of("jiujiang class2", 1_000_000L), differences(report.byTier()));
        assertEquals(Map.of("jiujiang inpatient", 1_000_000L), differences(report.byClass()));
        assertEquals(Map.of("2023-03", 0L, "2023-04", 0L, "2023-06", 1_000_000L), differences(report.byMonth()));
    }

    static Map<String, Long> differences(List<Row> rows) {
        Map<String, Long> out = new TreeMap<>();
        for (Row r : rows) out.put(r.key(), r.difference());
        return out;
    }

    /**
     * The issue's check: the fund difference equals {@code bin/settle replay} run once with each policy, and so does
     * every person-year's assistance and tilt on each side (the settlements' amounts summed per person-year).
     */
    @Test
    void eachSideEqualsReplayWithItsPolicy() throws IOException {
        List<String> lines = history(37);
        PolicyPair pair = PolicyPair.of(null, null, List.of("nanjing:tiers[B].rates.inpatient.rate=0.95",
                "jiujiang:tiers[class2].caps.annual.amount=60000.00", "nanjing:tilt.rate=0.70"));
        Run r = run(lines, pair, Scope.ALL, 50);
        Map<String, long[]> base = perPersonYear(SettlementComparison.replay(pair.baseline(), lines));
        Map<String, long[]> changed = perPersonYear(SettlementComparison.replay(pair.changed(), lines));
        long baseTotal = 0, changedTotal = 0;
        for (var e : r.personYears().entrySet()) {
            YearFacts b = e.getValue()[0], c = e.getValue()[1];
            long[] rb = base.remove(e.getKey());
            long[] rc = changed.remove(e.getKey());
            assertEquals(b == null ? 0 : b.assistance(), rb == null ? 0 : rb[0], e.getKey() + " baseline assistance");
            assertEquals(b == null ? 0 : b.tilt(), rb == null ? 0 : rb[1], e.getKey() + " baseline tilt");
            assertEquals(c == null ? 0 : c.assistance(), rc == null ? 0 : rc[0], e.getKey() + " changed assistance");
            assertEquals(c == null ? 0 : c.tilt(), rc == null ? 0 : rc[1], e.getKey() + " changed tilt");
            if (rb != null) baseTotal += rb[0] + rb[1];
            if (rc != null) changedTotal += rc[0] + rc[1];
        }
        base.values().removeIf(v -> v[0] == 0 && v[1] == 0);
        changed.values().removeIf(v -> v[0] == 0 && v[1] == 0);
        assertEquals(Map.of(), base, "replay paid person-years the what-if does not have");
        assertEquals(Map.of(), changed, "replay paid person-years the what-if does not have");
        assertEquals(baseTotal, r.report().totals().basePaid());
        assertEquals(changedTotal, r.report().totals().changedPaid());
        assertEquals(changedTotal - baseTotal, r.report().totals().difference());
        assertTrue(r.report().totals().difference() != 0, "the change costs something on this history");
    }

    /** Assistance and tilt summed per {@code personId|region|year} over the settlement events (rejections pay nothing). */
    static Map<String, long[]> perPersonYear(List<Settlement> settlements) {
        Map<String, long[]> out = new TreeMap<>();
        for (Settlement s : settlements) {
            if (s.getStatus().name().equals("rejected")) continue;
            long[] v = out.computeIfAbsent(s.getPersonId() + "|" + s.getRegion() + "|" + s.getYear(), k -> new long[2]);
            v[0] += s.getAssistance();
            v[1] += s.getTilt();
        }
        return out;
    }

    @Test
    void theScopeReportsOnlyItsRegionAndYear() throws IOException {
        List<String> lines = history(41);
        PolicyPair pair = PolicyPair.of(null, null, List.of("nanjing:tiers[B].rates.inpatient.rate=0.95"));
        Run all = run(lines, pair, Scope.ALL, 100);
        Run nanjing = run(lines, pair, Scope.of(List.of("nanjing"), 2023), 100);
        Map<String, YearFacts[]> expected = new TreeMap<>();
        all.personYears().forEach((k, v) -> { if (k.endsWith("|nanjing|2023")) expected.put(k, v); });
        assertTrue(!expected.isEmpty());
        assertEquals(expected.keySet(), nanjing.personYears().keySet());
        expected.forEach((k, v) -> {
            assertEquals(v[0], nanjing.personYears().get(k)[0], k);
            assertEquals(v[1], nanjing.personYears().get(k)[1], k);
        });
        for (Row row : nanjing.report().byCity()) assertEquals("nanjing", row.key());
        // what the scope leaves out is counted apart from what could not be read
        var all2 = all.report().meta();
        var scoped = nanjing.report().meta();
        assertEquals(0, all2.outOfScope());
        assertTrue(scoped.outOfScope() > 0, "events of other regions and years: " + scoped);
        assertEquals(all2.skipped(), scoped.skipped(), "the same malformed lines whatever the scope");
        assertEquals(all2.events(), scoped.events() + scoped.outOfScope());
    }

    // --------------------------------------------------------------------------------------------------- events

    static String parameter(int year, String name, String value) {
        return "{\"type\":\"parameter\",\"region\":\"jiujiang\",\"year\":" + year + ",\"name\":\"" + name + "\",\"value\":\"" + value + "\"}";
    }

    static String grant(String person, String eventId) {
        return "{\"type\":\"identity\",\"eventId\":\"" + eventId + "\",\"personId\":\"" + person + "\",\"region\":\"jiujiang\","
                + "\"department\":\"civil_affairs\",\"identity\":\"minimum_living\",\"action\":\"grant\",\"effectiveDate\":\"2023-01-01\",\"attributes\":{}}";
    }

    static String inpatient(String person, String claimId, String admission, String discharge, String policyScope) {
        return "{\"type\":\"claim\",\"claimId\":\"" + claimId + "\",\"personId\":\"" + person + "\",\"region\":\"jiujiang\",\"hospitalId\":\"H01\","
                + "\"hospitalLevel\":\"tertiary\",\"kind\":\"inpatient\",\"admissionDate\":\"" + admission + "\",\"dischargeDate\":\"" + discharge + "\","
                + "\"location\":\"in_city\",\"referred\":true,\"hardship\":false,\"diseaseGroup\":null,\"specialDiseaseRegistered\":false,"
                + "\"amounts\":{\"total\":\"" + policyScope + "\",\"outOfScope\":\"0.00\",\"policyScope\":\"" + policyScope + "\","
                + "\"basicInsurance\":\"0.00\",\"criticalIllness\":\"0.00\",\"otherInsurance\":\"0.00\"}}";
    }
}
