package org.medassist.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Schema evolution is checked at build time: every schema under {@code src/main/avro} must be able to read data
 * written with every earlier version kept under {@code src/test/resources/avro-history/<Name>/v<N>.avsc} (backward
 * compatibility, as a schema registry's BACKWARD_TRANSITIVE mode checks it).
 *
 * <p>When a schema changes in a release, copy the released file to the next {@code v<N>.avsc}; never edit a
 * history file.
 */
class SchemaCompatibilityTest {
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.avsc");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path avroDir() {
        return Path.of(System.getProperty("medassist.avro.dir", "src/main/avro"));
    }

    static Path historyDir() throws URISyntaxException {
        URL url = SchemaCompatibilityTest.class.getClassLoader().getResource("avro-history");
        if (url == null) throw new IllegalStateException("avro-history is not on the test classpath");
        return Path.of(url.toURI());
    }

    static List<Path> currentSchemas() throws IOException {
        try (Stream<Path> files = Files.list(avroDir())) {
            return files.filter(p -> p.toString().endsWith(".avsc")).sorted().collect(Collectors.toList());
        }
    }

    /** The history files of one schema, oldest first; they must be numbered v1, v2, … without gaps. */
    static List<Path> history(String name) throws IOException, URISyntaxException {
        Path dir = historyDir().resolve(name);
        if (!Files.isDirectory(dir)) return List.of();
        List<Path> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted((a, b) -> Integer.compare(version(a), version(b))).forEach(versions::add);
        }
        for (int i = 0; i < versions.size(); i++) {
            assertEquals(i + 1, version(versions.get(i)), "history of " + name + " must be v1.avsc, v2.avsc, … without gaps");
        }
        return versions;
    }

    private static int version(Path file) {
        Matcher m = VERSION.matcher(file.getFileName().toString());
        if (!m.matches()) throw new IllegalStateException("not a history file name (v<N>.avsc): " + file);
        return Integer.parseInt(m.group(1));
    }

    static Schema parse(Path file) throws IOException {
        String text = Files.readString(file);
        Schema.Parser parser = new Schema.Parser();
        // internal records (person-eligibility) embed the contract's IdentityEvent by name
        if (text.contains("\"org.medassist.events.IdentityEvent\"") && !file.getFileName().toString().startsWith("IdentityEvent")) {
            parser.parse(Files.readString(file.getParent().resolve(file.getParent().getFileName().toString().equals("avro")
                    ? "IdentityEvent.avsc" : "../IdentityEvent/v1.avsc").normalize()));
        }
        return parser.parse(text);
    }

    static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    /** Null when {@code reader} reads everything {@code writer} wrote; otherwise the incompatibilities. */
    static String incompatibilities(Schema reader, Schema writer) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) return null;
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .collect(Collectors.joining("; "));
    }

    @Test
    void everySchemaHasAHistory() throws Exception {
        List<Path> schemas = currentSchemas();
        List<String> names = schemas.stream().map(f -> f.getFileName().toString().replace(".avsc", "")).toList();
        assertTrue(names.containsAll(List.of("IdentityEvent", "Claim", "ClaimReversal", "Application", "Parameter",
                "YearClose", "Settlement", "Alert")), "one .avsc per event of docs/contract.md: " + names);
        for (Path file : schemas) {
            String name = file.getFileName().toString().replace(".avsc", "");
            assertFalse(history(name).isEmpty(), name + ".avsc has no avro-history/" + name + "/v1.avsc");
            assertEquals(name, parse(file).getName(), "the file name is the record name");
        }
    }

    @TestFactory
    Stream<DynamicTest> everySchemaReadsEveryEarlierVersion() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : currentSchemas()) {
            String name = file.getFileName().toString().replace(".avsc", "");
            Schema current = parse(file);
            for (Path old : history(name)) {
                tests.add(DynamicTest.dynamicTest(name + " reads " + old.getFileName(), () -> {
                    String problems = incompatibilities(current, parse(old));
                    if (problems != null) {
                        fail(name + ".avsc cannot read data written with " + old.getFileName() + ": " + problems);
                    }
                }));
            }
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    // ------------------------------------------------------------------ the check can fail: changes it must refuse

    private static ObjectNode claimV1() throws Exception {
        return (ObjectNode) JSON.readTree(Files.readString(historyDir().resolve("Claim/v1.avsc")));
    }

    private static ObjectNode field(ObjectNode record, String name) {
        for (var f : record.get("fields")) {
            if (name.equals(f.get("name").asText())) return (ObjectNode) f;
        }
        throw new IllegalArgumentException("no field " + name);
    }

    @Test
    void addingARequiredFieldIsDetected() throws Exception {
        Schema v1 = parse(claimV1().toString());
        ObjectNode changed = claimV1();
        ((ArrayNode) changed.get("fields")).addObject().put("name", "ward").put("type", "string");
        String problems = incompatibilities(parse(changed.toString()), v1);
        assertTrue(problems != null && problems.contains("READER_FIELD_MISSING_DEFAULT") && problems.contains("ward"), problems);
    }

    @Test
    void removingAnEnumSymbolIsDetected() throws Exception {
        Schema v1 = parse(claimV1().toString());
        ObjectNode changed = claimV1();
        ArrayNode symbols = (ArrayNode) field(changed, "kind").get("type").get("symbols");
        symbols.remove(symbols.size() - 1); // inpatient
        String problems = incompatibilities(parse(changed.toString()), v1);
        assertTrue(problems != null && problems.contains("MISSING_ENUM_SYMBOLS") && problems.contains("inpatient"), problems);
    }

    @Test
    void narrowingMoneyFromLongToIntIsDetected() throws Exception {
        Schema v1 = parse(claimV1().toString());
        ObjectNode changed = claimV1();
        ObjectNode amounts = (ObjectNode) field(changed, "amounts").get("type");
        field(amounts, "total").put("type", "int");
        String problems = incompatibilities(parse(changed.toString()), v1);
        assertTrue(problems != null && problems.contains("TYPE_MISMATCH"), problems);
    }

    @Test
    void addingAnOptionalFieldIsAccepted() throws Exception {
        Schema v1 = parse(claimV1().toString());
        ObjectNode changed = claimV1();
        ObjectNode ward = ((ArrayNode) changed.get("fields")).addObject().put("name", "ward");
        ward.putArray("type").add("null").add("string");
        ward.putNull("default");
        assertNull(incompatibilities(parse(changed.toString()), v1));
    }
}
