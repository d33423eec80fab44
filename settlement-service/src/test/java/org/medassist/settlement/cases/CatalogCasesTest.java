package org.medassist.settlement.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;

/**
 * Every case of every region in the catalog (its {@code cases.yaml}), run through replay and checked to the fen.
 * The regions come from the catalog: a new city's directory brings its cases, and no list of cities exists here.
 */
class CatalogCasesTest {
    static final List<PolicySource> SOURCES = PolicyLoader.sources(null);
    static final PolicyCatalog CATALOG = PolicyLoader.load(SOURCES);

    static Map<String, List<WorkedCase>> cases() { return CaseInputs.cases(CATALOG, SOURCES); }

    @TestFactory
    Stream<DynamicTest> everyCaseOfEveryRegionSettlesAsExpected() {
        return cases().values().stream().flatMap(List::stream).map(c -> DynamicTest.dynamicTest(c.label(), () -> {
            List<String> failures = CaseReplay.check(CATALOG, c);
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        }));
    }

    @Test
    void everyRegionOfTheCatalogHasCases() {
        for (var e : cases().entrySet()) assertFalse(e.getValue().isEmpty(), e.getKey() + " has no cases.yaml");
        assertEquals(CATALOG.all().size(), cases().size());
    }

    /** The worked examples Ex 1–27 each survive as a case. */
    @Test
    void everyWorkedExampleIsACase() {
        Set<String> cited = cases().values().stream().flatMap(List::stream).map(WorkedCase::cites).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>(IntStream.rangeClosed(1, 27).mapToObj(i -> "Ex " + i).toList());
        missing.removeAll(cited);
        assertEquals(Set.of(), missing);
    }

    /** All cases as one input (what the stream tests send and docs/examples holds): each still meets its expectation. */
    @Test
    void theCasesTogetherMeetEveryCasesExpectation() {
        Map<String, List<WorkedCase>> all = cases();
        CaseReplay.Output out = CaseReplay.run(CATALOG, CaseInputs.combined(all));
        List<String> failures = CaseCheck.checkCombined(all, out.settlements(), out.alerts(), CaseCheck.Depth.EXACT);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void aBrokenCaseFileIsRefusedWithFileAndKeyPath() {
        String file = """
                region: nanjing
                cases:
                  - name: one
                    cites: Ex 16
                    events:
                      - claim: {claimId: c1, personId: P, kind: outpatient, dischargeDate: 2023-02-01, selfpay: "800.00"}
                    expect: {claims: {c1: {assistance: "800.00"}}}
                """;
        var e = assertThrows(IllegalArgumentException.class,
                () -> CaseFile.read(new PolicySource("nanjing", "test:nanjing", Map.of(PolicySource.CASES, file))));
        assertTrue(e.getMessage().startsWith("test:nanjing/cases.yaml: cases[0].events[0].claim: unknown key \"selfpay\""), e.getMessage());
        String typo = file.replace("selfpay", "selfPay").replace("{c1: {assistance", "{c2: {assistance");
        e = assertThrows(IllegalArgumentException.class,
                () -> CaseFile.read(new PolicySource("nanjing", "test:nanjing", Map.of(PolicySource.CASES, typo))));
        assertEquals("test:nanjing/cases.yaml: cases[0].expect.claims.c2: no claim \"c2\" is sent before this point", e.getMessage());
    }
}
