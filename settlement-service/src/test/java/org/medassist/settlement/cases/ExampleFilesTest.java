package org.medassist.settlement.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;

/**
 * {@code docs/examples/<region>.jsonl}, the inputs of the README's {@code bin/settle replay} demo, are generated from
 * each region's cases (their combined input, docs/engine.md "Cases"), and this test fails when one is out of date.
 * Rewrite them with {@code ./mvnw -o -pl settlement-service test -Dtest=ExampleFilesTest -Dmedassist.examples.write=true}.
 */
class ExampleFilesTest {
    static Path examples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
        return p.resolve("docs/examples");
    }

    static String generated(String region, List<WorkedCase> cases) {
        return String.join("\n", CaseInputs.combined(Map.of(region, cases))) + "\n";
    }

    @Test
    void everyRegionsExampleFileIsItsCases() throws IOException {
        List<PolicySource> sources = PolicyLoader.sources(null);
        PolicyCatalog catalog = PolicyLoader.load(sources);
        boolean write = Boolean.getBoolean("medassist.examples.write");
        Path dir = examples();
        for (Map.Entry<String, List<WorkedCase>> e : CaseInputs.cases(catalog, sources).entrySet()) {
            Path file = dir.resolve(e.getKey() + ".jsonl");
            String text = generated(e.getKey(), e.getValue());
            if (write) Files.writeString(file, text, StandardCharsets.UTF_8);
            assertTrue(Files.exists(file), "docs/examples/" + file.getFileName() + " is missing: run with -Dmedassist.examples.write=true");
            assertEquals(text, Files.readString(file, StandardCharsets.UTF_8), "docs/examples/" + file.getFileName()
                    + " is not the region's cases: run  ./mvnw -o -pl settlement-service test -Dtest=ExampleFilesTest -Dmedassist.examples.write=true");
        }
        TreeSet<String> stale = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                    .filter(n -> catalog.get(n.substring(0, n.length() - ".jsonl".length())) == null).forEach(stale::add);
        }
        assertEquals(new TreeSet<>(), stale, "example files of regions the catalog does not have");
    }
}
