package org.medassist.kit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A guard over the services' code (docs/security.md, "Data protection"): no log statement, and no dead-letter
 * reason, names a personId except through the keyed hash ({@code hash.of(…)}). A statement that names one is found
 * by its text: {@code personId}, {@code getPersonId()} or {@code personId()} outside a {@code .of(…)} call.
 */
class NoRawPersonIdInLogsTest {
    private static final Pattern STATEMENT = Pattern.compile(
            "(?s)\\b(?:LOG|log|AUDIT)\\.(?:trace|debug|info|warn|error)\\((.*?)\\);|\\bnew Rejected\\((.*?)\\);|\\bdeadLetter\\(([^;]*?)\\);");
    private static final Pattern PERSON = Pattern.compile("\\bgetPersonId\\(\\)|\\bpersonId\\(\\)|\\bpersonId\\b");

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
        return p;
    }

    @Test
    void logStatementsAndDeadLetterReasonsHashPersonIds() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String module : List.of("service-kit", "eligibility-service", "settlement-service", "schemas")) {
            Path src = repoRoot().resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    Matcher m = STATEMENT.matcher(Files.readString(f));
                    while (m.find()) {
                        String args = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                        String withoutHashes = args.replaceAll("\\.of\\([^()]*(?:\\([^()]*\\))?[^()]*\\)", "")
                                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\""); // text in quotes names no value
                        if (PERSON.matcher(withoutHashes).find()) offenders.add(repoRoot().relativize(f) + ": " + m.group().strip());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "hash personIds with PersonIdHash.of before they reach a log or a dead letter");
    }
}
