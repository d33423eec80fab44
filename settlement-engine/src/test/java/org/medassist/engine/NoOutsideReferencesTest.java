package org.medassist.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: no document, comment or file header sends a reader to the project's working notes
 * outside it. The contract, the decisions and the readings are in docs/ (contract.md, decisions.md, readings.md).
 * Released Avro history files are kept as they were released.
 */
class NoOutsideReferencesTest {
    // assembled so that this file does not match itself
    static final Pattern OUTSIDE = Pattern.compile(String.join("|", "\\.\\./" + "shared", "DECISIONS" + "\\.md",
            "EVENTS" + "\\.md", "DIG" + "EST", "shared/" + "recipes"));
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules", "avro-history", "data");
    private static final Set<String> TEXT = Set.of("md", "java", "yaml", "yml", "avsc", "xml", "properties", "html", "txt",
            "jsonl", "json", "sh", "conf", "example");

    static List<String> offenders(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path rel = root.relativize(f);
                boolean skipped = false;
                for (Path part : rel) if (SKIPPED_DIRECTORIES.contains(part.toString())) skipped = true;
                String name = f.getFileName().toString();
                int dot = name.lastIndexOf('.');
                boolean text = (dot >= 0 && TEXT.contains(name.substring(dot + 1))) || rel.startsWith("bin");
                if (skipped || !text) continue;
                String content;
                try {
                    content = Files.readString(f, StandardCharsets.UTF_8);
                } catch (MalformedInputException e) {
                    continue;
                }
                String[] lines = content.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (OUTSIDE.matcher(lines[i]).find()) out.add(rel + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        return out;
    }

    @Test
    void noCommittedFileReferencesTheWorkingNotesOutsideTheRepository() throws IOException {
        assertEquals(List.of(), offenders(PolicyDocsTest.repoRoot()), "cite docs/contract.md, docs/decisions.md or docs/readings.md instead");
    }

    @Test
    void theCheckFindsAnOutsideReference(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.md"), "see the contract\n(per EVENTS" + ".md)\n");
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/b.md"), "../" + "shared/x\n");
        List<String> found = offenders(dir);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("a.md:2:"), found.toString());
    }
}
