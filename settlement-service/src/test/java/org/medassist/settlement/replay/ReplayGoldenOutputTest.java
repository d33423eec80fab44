package org.medassist.settlement.replay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.load.PolicyLoader;

/**
 * {@code bin/settle replay} of each {@code docs/examples/<region>.jsonl} writes exactly the bytes of
 * {@code src/test/resources/replay-golden/<region>.jsonl}: the output as the replay wrote it before the fast paths
 * (lazy explanations, the claim reader, the streaming writer) went in, explanations included. When the cases, and so
 * the examples, change on purpose, rewrite the expected files with
 * {@code ./mvnw -o -pl settlement-service test -Dtest=ReplayGoldenOutputTest -Dmedassist.golden.write=true} and read the diff.
 */
class ReplayGoldenOutputTest {
    @Test
    void everyExampleFileReplaysToItsGoldenOutputByteForByte() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("mvnw"))) root = root.getParent();
        Path golden = Path.of("src/test/resources/replay-golden").toAbsolutePath();
        boolean write = Boolean.getBoolean("medassist.golden.write");
        int checked = 0;
        try (Stream<Path> files = Files.list(root.resolve("docs/examples"))) {
            for (Path in : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                StringWriter out = new StringWriter();
                try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
                    new Replay(PolicyLoader.bundled(), new PrintStream(new ByteArrayOutputStream()), false).run(reader, out);
                }
                Path expected = golden.resolve(in.getFileName());
                if (write) Files.writeString(expected, out.toString(), StandardCharsets.UTF_8);
                ReplayProperties.assertSameOutput(Files.readString(expected, StandardCharsets.UTF_8), out.toString(),
                        "replay of docs/examples/" + in.getFileName());
                assertTrue(Files.readString(expected, StandardCharsets.UTF_8).equals(out.toString()), in + ": not byte-identical");
                checked++;
            }
        }
        assertTrue(checked >= 5, "found " + checked + " example files");
    }
}
