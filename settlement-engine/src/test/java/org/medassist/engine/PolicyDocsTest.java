package org.medassist.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.doc.PolicyTable;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;

/** docs/policies.md is current, and every quote in the policy files is verbatim in its seed document. */
class PolicyDocsTest {
    static final Map<String, String> SEEDS = Map.of("jiujiang", "000_dd7b66a6176473c1.txt", "jiyuan", "001_5d3f24d403f1b2e0.txt",
            "fangchenggang", "002_6f2b64d48afd9d4f.txt", "nanjing", "003_a8d7d8e3c7e8d865.txt", "jiangyin", "004_7be84b644cfc71ee.txt");

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
        return p;
    }

    @Test
    void policiesDocumentIsGeneratedFromThePolicyFiles() throws IOException {
        Path doc = repoRoot().resolve("docs/policies.md");
        assertEquals(PolicyTable.markdown(), Files.readString(doc, StandardCharsets.UTF_8),
                "docs/policies.md is out of date: run  bin/settle policies > docs/policies.md");
    }

    @Test
    void everyRuleCitesAClauseAndEveryQuoteIsVerbatimInItsSeed() throws IOException {
        // the original documents are kept outside this repository; -Dmedassist.seeds=DIR points at them elsewhere
        String configured = System.getProperty("medassist.seeds");
        Path seeds = configured != null ? Path.of(configured) : repoRoot().getParent().resolve("shared/seeds");
        assumeTrue(Files.isDirectory(seeds), "the seed documents are not beside this checkout");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (PolicySource source : PolicyLoader.sources(null)) {
            String region = source.region();
            if (!SEEDS.containsKey(region)) continue;
            String seed = Files.readString(seeds.resolve(SEEDS.get(region)), StandardCharsets.UTF_8).replace("\r", "").replace("\n", "");
            List<PolicyTable.Row> rows = PolicyTable.rows(source);
            assertTrue(rows.size() > 15, region + " cites too few rules");
            for (PolicyTable.Row r : rows) {
                if (r.clause().startsWith("DECISIONS")) continue;
                checked++;
                if (!seed.contains(r.quote())) missing.add(region + " " + r.key() + ": 「" + r.quote() + "」");
            }
        }
        assertTrue(checked > 100, "checked " + checked);
        assertEquals(List.of(), missing, "quotes not found verbatim in the seeds");
    }
}
