package org.medassist.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.doc.PolicyTable;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;

/** docs/policies.md is current, and every quote in the policy files is verbatim in its seed document. */
class PolicyDocsTest {
    /** The cities whose documents are in docs/seeds/, as {@code <city>.txt} (docs/seeds/README.md). */
    static final java.util.Set<String> SEEDS = java.util.Set.of("jiujiang", "jiyuan", "fangchenggang", "nanjing", "jiangyin");

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
        Path seeds = repoRoot().resolve("docs/seeds");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (PolicySource source : PolicyLoader.sources(null)) {
            String region = source.region();
            if (!SEEDS.contains(region)) continue;
            String seed = sentences(Files.readString(seeds.resolve(region + ".txt"), StandardCharsets.UTF_8));
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

    /**
     * A document's text as its sentences run: without line breaks, and without the page headers the conversion kept
     * where a page broke (a "## …" heading line, the "---" rule), which can fall inside a sentence (docs/seeds/README.md).
     */
    static String sentences(String document) {
        StringBuilder out = new StringBuilder(document.length());
        for (String line : document.replace("\r", "").split("\n")) {
            if (line.startsWith("## ") || line.equals("---")) continue;
            out.append(line);
        }
        return out.toString();
    }

    @Test
    void aPageHeaderInsideASentenceIsNotPartOfIt() {
        assertEquals("超过九江市上一年度", sentences("超过九\n\n\n\n## 九江市人民政府规范性文件\n\n---\n\n江市上一年度"));
        assertTrue(sentences(String.join("\n", List.of("# 标题", "正文"))).startsWith("# 标题"), "a title is text");
    }
}
