package org.medassist.settlement.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.events.Claim;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventJson;
import org.medassist.settlement.avro.AvroMapping;

/**
 * The replay's claim reader accepts a line only when the contract's codec accepts it, and then reads the same record;
 * anything else it leaves to the codec (null).
 */
class ClaimLineReaderTest {
    static List<String> validClaimLines() throws IOException {
        List<String> lines = new ArrayList<>();
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("mvnw"))) root = root.getParent();
        try (Stream<Path> files = Files.list(root.resolve("docs/examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        long seed = 11;
        for (RegionPolicy p : ReplayProperties.CATALOG.all()) lines.addAll(new RandomEvents(seed++, p).generate(300));
        return lines.stream().filter(l -> l.contains("\"type\":\"claim\"")).toList();
    }

    /** The codec's claim record, or null when the codec refuses the line or it is not a claim. */
    static Claim codec(String line) {
        try {
            SpecificRecord r = EventJson.read(line);
            return r instanceof Claim c ? c : null;
        } catch (EventFormatException e) {
            return null;
        }
    }

    @Test
    void everyValidClaimIsReadWholeAndEqualsTheCodecsClaim() throws IOException {
        ClaimLineReader reader = new ClaimLineReader();
        List<String> lines = validClaimLines();
        assertTrue(lines.size() > 500, lines.size() + " claim lines");
        for (String line : lines) {
            Claim slow = codec(line);
            assertNotNull(slow, line);
            Claim fast = inPlace(reader, line);
            assertEquals(slow, fast, line);
            assertEquals(AvroMapping.claim(slow), AvroMapping.claim(fast), line); // the engine's claim too
        }
    }

    /** Text fields as the codec bounds them: 1,000 characters are read, 1,001, unpaired surrogates and U+FFFD are the codec's to refuse. */
    @Test
    void textFieldsAreBoundedAsTheCodecBoundsThem() throws IOException {
        String line = validClaimLines().get(0);
        String id = line.substring(line.indexOf("\"claimId\":\"") + 11, line.indexOf('"', line.indexOf("\"claimId\":\"") + 11));
        String atLimit = line.replace("\"claimId\":\"" + id + "\"", "\"claimId\":\"" + "C".repeat(1000) + "\"");
        assertNotNull(codec(atLimit));
        assertEquals(codec(atLimit), new ClaimLineReader().read(atLimit));
        for (String bad : List.of("C".repeat(1001), "C\ud83d", "\ude00C", "C\ud83dC", "C\ufffd")) {
            String mutated = line.replace("\"claimId\":\"" + id + "\"", "\"claimId\":\"" + bad + "\"");
            assertEquals(null, codec(mutated), bad);
            assertEquals(null, new ClaimLineReader().read(mutated), bad);
        }
        String hospital = line.replaceFirst("\"hospitalId\":\"[^\"]*\"", "\"hospitalId\":\"H" + "x".repeat(1000) + "\"");
        assertEquals(null, codec(hospital));
        assertEquals(null, new ClaimLineReader().read(hospital));
    }

    /** Mutated claim lines: the reader either leaves the line to the codec or reads what the codec reads. */
    @Property(tries = 3000)
    void aMutatedLineIsReadAsTheCodecReadsItOrLeftToIt(@ForAll @IntRange(min = 0, max = 100_000) int pick,
                                                       @ForAll @IntRange(min = 0, max = 1_000_000) int how) throws IOException {
        List<String> lines = LINES.get();
        String line = mutate(lines.get(pick % lines.size()), how);
        Claim slow = codec(line);
        Claim fast = inPlace(new ClaimLineReader(), line);
        if (fast != null) assertEquals(slow, fast, line);
        assertEquals(fast, new ClaimLineReader().read(line), line);
    }

    static Claim inPlace(ClaimLineReader reader, String line) { return LineMutations.inPlace(reader, line, "claim"); }

    private static final LineMutations.Memo LINES = new LineMutations.Memo(ClaimLineReaderTest::validClaimLines);

    private static final String[] FIELDS = {"type", "claimId", "personId", "region", "hospitalId", "hospitalLevel", "kind",
            "admissionDate", "dischargeDate", "location", "referred", "hardship", "diseaseGroup", "specialDiseaseRegistered",
            "amounts", "total", "outOfScope", "policyScope", "basicInsurance", "criticalIllness", "otherInsurance"};
    private static final String[] VALUES = {"null", "0", "1.5", "true", "false", "\"\"", "\" \"", "\"x\"", "{}", "[]",
            "\"-0.00\"", "\"1.234\"", "\"+1.00\"", "\"1e3\"", "\" 1.00\"", "\"100000000000.00\"", "\"10000000000000.01\"",
            "\"99999999999999.99\"", "\"0.5\"", "\"5.\"", "\".5\"", "\"-1.00\"", "\"2023-02-30\"", "\"2023-2-01\"",
            "\"２０２３-01-01\"", "\"0000-01-01\"", "\"1899-12-31\"", "\"3000-01-01\"", "\"2024-02-29\"", "\"2023-02-29\"",
            "\"2023-12-31\"", "\"in_city\"", "\"IN_CITY\"", "\"inpatient\"", "\"outpatient_major\"", "\"Tertiary\"",
            "\"tertiary\"", "\"other\"", "\"p-1\"", "\"P-\"", "\"-P\"", "\"P\"", "\"\\u0050-1\"", "\"claim\"", "\"settlement\"",
            "\"identity\"", "\"a\\\"b\"", "\"tab\\there\"", "\"\\ud83d\\ude00\"",
            // text fields: at most 1,000 characters of Unicode text (raw surrogates, paired or not)
            "\"" + "X".repeat(1000) + "\"", "\"" + "X".repeat(1001) + "\"", "\"P-\ud83d\"", "\"P-\ude00\"", "\"P-\ud83d\ude00\"", "\"P-\ufffd\""};

    /** One of several mutations, chosen by {@code how}. */
    static String mutate(String line, int how) {
        java.util.Random rnd = new java.util.Random(how);
        String field = FIELDS[rnd.nextInt(FIELDS.length)];
        String value = VALUES[rnd.nextInt(VALUES.length)];
        int choice = rnd.nextInt(10);
        String common = LineMutations.common(line, choice, field, value, rnd);
        if (common != null) return common;
        switch (choice) {
            case 3: // the same inside amounts
                return line.replace("\"amounts\":{", "\"amounts\":{\"" + field + "\":" + value + ",");
            case 6: { // an amount changed, which may break total = scope + out-of-scope or S >= 0
                int a = line.indexOf("\"" + FIELDS[15 + rnd.nextInt(6)] + "\":\"");
                if (a < 0) return line;
                int start = line.indexOf(':', a) + 1;
                return line.substring(0, start) + "\"" + rnd.nextInt(100_000) + "." + (10 + rnd.nextInt(90)) + "\""
                        + line.substring(valueEnd(line, start));
            }
            case 7: // an escaped character in a string
                return line.replace("\"claimId\":\"", "\"claimId\":\"\\u0041\\n");
            case 8: // null for a field with a default
                return line.replace("\"referred\":true", "\"referred\":null").replace("\"hardship\":false", "\"hardship\":null");
            default:
                return line;
        }
    }

    static int valueEnd(String line, int start) { return LineMutations.valueEnd(line, start); }
}
