package org.medassist.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.doc.ClauseCoverage;
import org.medassist.engine.policy.doc.PolicyTable;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;

/**
 * Every region's coverage.yaml lists what each clause of its document became, and agrees with its policy file: the
 * keys it names exist, every clause a rule cites is there and implemented (at least in part), and names that rule.
 */
class ClauseCoverageTest {
    private static PolicySource shipped(String region) {
        return PolicyLoader.sources(null).stream().filter(s -> s.region().equals(region)).findFirst().orElseThrow();
    }

    private static PolicySource withCoverage(PolicySource s, String coverage) {
        return new PolicySource(s.region(), "test:" + s.region(), coverage == null
                ? Map.of(PolicySource.POLICY, s.policy())
                : Map.of(PolicySource.POLICY, s.policy(), PolicySource.COVERAGE, coverage));
    }

    private static String coverageOf(PolicySource s) { return s.file(PolicySource.COVERAGE).orElseThrow(); }

    private static void assertProblem(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem containing «" + expected
                + "» among " + problems);
    }

    @Test
    void everyRegionOfTheCatalogHasACoverageFileThatAgreesWithItsPolicy() {
        List<String> problems = new ArrayList<>();
        List<PolicySource> sources = PolicyLoader.sources(null);
        assertTrue(sources.size() >= 5, "the five cities ship");
        for (PolicySource s : sources) problems.addAll(ClauseCoverage.problems(s));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyCityAccountsForItsWholeDocument() {
        for (PolicySource s : PolicyLoader.sources(null)) {
            List<ClauseCoverage.Clause> clauses = ClauseCoverage.read(s).orElseThrow();
            Map<ClauseCoverage.Status, Integer> counts = ClauseCoverage.counts(clauses);
            // each document has at least 15 numbered clauses, most of which the engine carries out
            assertTrue(clauses.size() >= 15, s.region() + " lists " + clauses.size() + " clauses");
            assertTrue(counts.get(ClauseCoverage.Status.IMPLEMENTED) + counts.get(ClauseCoverage.Status.PARTIAL) >= 8,
                    s.region() + ": " + counts);
            assertTrue(counts.get(ClauseCoverage.Status.NOT_APPLICABLE) >= 5, s.region() + ": " + counts);
        }
    }

    @Test
    void codeNamedByACoverageEntryIsAClassOfTheProject() throws IOException {
        Path root = PolicyDocsTest.repoRoot();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/")).toList();
        }
        List<String> unknown = new ArrayList<>();
        int named = 0;
        for (PolicySource s : PolicyLoader.sources(null)) {
            for (ClauseCoverage.Clause c : ClauseCoverage.read(s).orElseThrow()) {
                for (String name : c.code()) {
                    named++;
                    long found = sources.stream().filter(p -> p.getFileName().toString().equals(name + ".java")).count();
                    if (found != 1) unknown.add(s.region() + " " + c.clause() + ": " + name + " (" + found + " files)");
                }
            }
        }
        assertTrue(named > 5, "coverage files name engine code " + named + " times");
        assertEquals(List.of(), unknown, "classes not found exactly once in the project's main sources");
    }

    // ------------------------------------------------------------------ the checks can fail

    @Test
    void aMissingCoverageFileIsAProblem() {
        List<String> problems = ClauseCoverage.problems(withCoverage(shipped("jiujiang"), null));
        assertProblem(problems, "coverage.yaml: missing");
    }

    @Test
    void aKeyThePolicyFileLacksIsAProblem() {
        PolicySource s = shipped("jiujiang");
        String coverage = coverageOf(s).replace("      - tiers[class4].source\n", "      - tiers[class9].source\n");
        assertProblem(ClauseCoverage.problems(withCoverage(s, coverage)), "names key tiers[class9].source");
    }

    @Test
    void aCitedClauseThatIsNotListedIsAProblem() {
        PolicySource s = shipped("jiujiang");
        String coverage = coverageOf(s).replaceAll("(?s)  - clause: 三（三）2（5）\n.*?(?=  - clause: )", "");
        assertTrue(!coverage.contains("clause: 三（三）2（5）"), "the entry was removed");
        List<String> problems = ClauseCoverage.problems(withCoverage(s, coverage));
        assertProblem(problems, "clause 三（三）2（5） is cited by amounts[tilt_threshold].source but not listed");
        assertProblem(problems, "clause 三（三）2（5） is cited by tilt.source but not listed");
    }

    @Test
    void aCitedClauseMarkedNotApplicableIsAProblem() {
        PolicySource s = shipped("jiyuan");
        String coverage = coverageOf(s).replaceAll("(?s)(  - clause: 四（三）4\n    title: [^\n]*\n)    status: implemented\n.*?(?=  - clause: )",
                "$1    status: not_applicable\n    reason: test\n");
        List<String> problems = ClauseCoverage.problems(withCoverage(s, coverage));
        assertProblem(problems, "clause 四（三）4 is cited by tilt.source but marked not_applicable");
    }

    @Test
    void aRuleItsClauseDoesNotNameIsAProblem() {
        PolicySource s = shipped("nanjing");
        String coverage = coverageOf(s).replace("      - referral.hardshipSource\n", "");
        assertProblem(ClauseCoverage.problems(withCoverage(s, coverage)), "clause 四（十一） does not name referral.hardshipSource");
    }

    @Test
    void malformedEntriesAreProblems() {
        PolicySource s = shipped("jiangyin");
        String coverage = "region: jiangyin\nclauses:\n"
                + "  - {clause: 第一条, title: a, status: partial, keys: [source]}\n"
                + "  - {clause: 第二条, title: b, status: not_applicable}\n"
                + "  - {clause: 第三条, title: c, status: done, keys: [source]}\n"
                + "  - {clause: 第四条, title: d, status: implemented}\n"
                + "  - {clause: 第一条, title: e, status: not_applicable, reason: twice, extra: 1}\n";
        List<String> problems = ClauseCoverage.problems(withCoverage(s, coverage));
        assertProblem(problems, "clause 第一条: partial needs missing");
        assertProblem(problems, "clause 第二条: not_applicable needs a reason");
        assertProblem(problems, "clause 第三条: status must be implemented, partial or not_applicable");
        assertProblem(problems, "clause 第四条: implemented needs keys or code");
        assertProblem(problems, "clause 第一条: unknown key extra");
        assertProblem(problems, "clause 第一条 is listed twice");
        assertThrows(IllegalArgumentException.class, () -> ClauseCoverage.read(withCoverage(s, coverage)));
    }

    @Test
    void aCoverageFileOfAnotherRegionIsAProblem() {
        PolicySource s = shipped("jiyuan");
        String coverage = coverageOf(s).replace("region: jiyuan", "region: jiujiang");
        assertProblem(ClauseCoverage.problems(withCoverage(s, coverage)), "region is \"jiujiang\"");
    }

    @Test
    void citedClausesLoseTheirRemarkAndDecisionsAreNotDocumentClauses() {
        assertEquals("三（三）3（4）", ClauseCoverage.documentClause("三（三）3（4） (exit not in text; JJ-A2)"));
        assertEquals("三（四） para 2", ClauseCoverage.documentClause("三（四） para 2"));
        assertEquals(null, ClauseCoverage.documentClause("DECISIONS R-table (text silent, JY-A6)"));
    }

    @Test
    void theGeneratedDocumentRendersEachCitysCoverage() {
        String md = PolicyTable.markdown();
        for (PolicySource s : PolicyLoader.sources(null)) {
            assertTrue(md.contains("`policies/" + s.region() + "/coverage.yaml`"), s.region());
        }
        String without = PolicyTable.markdown(List.of(withCoverage(shipped("jiyuan"), null)));
        assertTrue(without.contains("No `policies/jiyuan/coverage.yaml`"), without);
    }
}
