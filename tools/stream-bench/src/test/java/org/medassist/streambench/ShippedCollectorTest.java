package org.medassist.streambench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The benchmark measures the service as it is shipped: its default collector is the one deploy/production/compose.yaml
 * gives settlement-service (docs/operations.md, "The service's JVM"). Changing one without the other fails here.
 */
class ShippedCollectorTest {
    @Test
    void theDefaultCollectorIsTheOneTheSettlementServiceShipsWith() throws IOException {
        BenchE2e bench = new BenchE2e();
        new CommandLine(bench).parseArgs();
        assertEquals(BenchE2e.Collector.parallel, bench.collector);

        List<String> compose = Files.readAllLines(repositoryRoot().resolve("deploy/production/compose.yaml"));
        int start = compose.indexOf("x-settlement-env: &settlement-env");
        assertTrue(start >= 0, "compose.yaml has the settlement service's environment");
        String options = null;
        for (int i = start + 1; i < compose.size() && compose.get(i).startsWith(" "); i++) {
            String line = compose.get(i).trim();
            if (line.startsWith("JAVA_TOOL_OPTIONS:")) options = line;
        }
        assertTrue(options != null && options.contains(bench.collector.option),
                "settlement-service's JAVA_TOOL_OPTIONS name " + bench.collector.option + ": " + options);
    }

    private static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("deploy/production/compose.yaml"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("not inside the repository");
        return p;
    }
}
