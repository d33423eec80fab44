package org.medassist.settlement.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.medassist.events.IdentityEvent;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventJson;

/**
 * The replay's identity reader accepts a line only when the contract's codec accepts it, and then reads the same
 * record; anything else it leaves to the codec (null).
 */
class IdentityLineReaderTest {
    /** Identity lines the codec accepts: the examples, random events of every region, and forms the writers do not use. */
    static List<String> validIdentityLines() throws IOException {
        List<String> lines = new ArrayList<>();
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("mvnw"))) root = root.getParent();
        try (Stream<Path> files = Files.list(root.resolve("docs/examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        long seed = 23;
        for (RegionPolicy p : ReplayProperties.CATALOG.all()) lines.addAll(new RandomEvents(seed++, p).generate(300));
        String head = "{\"type\":\"identity\",\"eventId\":\"E1\",\"personId\":\"P-1\",\"region\":\"nanjing\",";
        lines.add(head + "\"department\":\"civil_affairs\",\"identity\":\"minimum_living\",\"action\":\"grant\",\"effectiveDate\":\"2023-01-01\"}");
        lines.add(head + "\"department\":\"civil_affairs\",\"identity\":\"minimum_living\",\"action\":\"revoke\",\"effectiveDate\":\"2024-02-29\","
                + "\"attributes\":{\"disabilityGrade\":null,\"disabilityKind\":null,\"birthDate\":null,\"group\":null}}");
        lines.add(head + "\"department\":\"disabled_persons_federation\",\"identity\":\"severe_disability\",\"action\":\"grant\","
                + "\"effectiveDate\":\"1999-12-31\",\"attributes\":{\"birthDate\":\"1950-03-31\",\"disabilityKind\":\"multiple\",\"disabilityGrade\":4}}");
        lines.add(head + "\"department\":\"disabled_persons_federation\",\"identity\":\"severe_disability\",\"action\":\"revoke\","
                + "\"effectiveDate\":\"2023-06-30\",\"attributes\":{\"disabilityGrade\":1}}");
        lines.add(head + "\"department\":\"veterans_affairs\",\"identity\":\"entitled_veteran\",\"action\":\"grant\","
                + "\"effectiveDate\":\"2023-01-01\",\"attributes\":{\"group\":\"six_categories\"}}");
        lines.add(" { \"attributes\" : { } , \"effectiveDate\" : \"2023-01-01\" , \"action\" : \"grant\" , \"identity\" : \"orphan\" ,"
                + " \"department\" : \"civil_affairs\" , \"region\" : \"jiyuan\" , \"personId\" : \"P\" , \"eventId\" : \"X\" , \"type\" : \"identity\" } ");
        return lines.stream().filter(l -> l.contains("\"identity\"") && l.replace(" ", "").contains("\"type\":\"identity\"")).toList();
    }

    /** The codec's identity record, or null when the codec refuses the line or it is not an identity event. */
    static IdentityEvent codec(String line) {
        try {
            SpecificRecord r = EventJson.read(line);
            return r instanceof IdentityEvent e ? e : null;
        } catch (EventFormatException e) {
            return null;
        }
    }

    @Test
    void everyValidIdentityLineIsReadWholeAndEqualsTheCodecsRecord() throws IOException {
        IdentityLineReader reader = new IdentityLineReader();
        List<String> lines = validIdentityLines();
        assertTrue(lines.size() > 100, lines.size() + " identity lines");
        for (String line : lines) {
            IdentityEvent slow = codec(line);
            assertNotNull(slow, line);
            IdentityEvent fast = inPlace(reader, line);
            assertNotNull(fast, line);
            assertEquals(slow, fast, line);
            assertEquals(slow.toString(), fast.toString(), line);
        }
    }

    @Test
    void otherLinesAreLeftToTheCodec() throws IOException {
        IdentityLineReader reader = new IdentityLineReader(new ClaimLineReader());
        for (String line : ClaimLineReaderTest.validClaimLines()) assertNull(reader.read(line), line);
        String valid = validIdentityLines().get(0);
        for (String bad : List.of(valid.replace("\"eventId\":\"", "\"eventId\":\"\\u0041"), // an escape
                valid.replace("\"attributes\":{}", "\"attributes\":null"), // the codec's default
                valid.replace("\"attributes\":{}", "\"attributes\":{\"disabilityGrade\":5}"), // out of range: refused
                valid.replace("\"attributes\":{}", "\"attributes\":{\"disabilityGrade\":2.0}"), // not an integer: refused
                valid.replace("\"attributes\":{}", "\"attributes\":{\"disabilityGrade\":02}"), // not JSON: refused
                valid.replace("\"department\":\"civil_affairs\"", "\"department\":\"trade_union\""))) { // not certified
            assertNull(reader.read(bad), bad);
        }
    }

    /** Mutated identity lines: the reader either leaves the line to the codec or reads what the codec reads. */
    @Property(tries = 3000)
    void aMutatedLineIsReadAsTheCodecReadsItOrLeftToIt(@ForAll @IntRange(min = 0, max = 100_000) int pick,
                                                       @ForAll @IntRange(min = 0, max = 1_000_000) int how) throws IOException {
        List<String> lines = LINES.get();
        String line = mutate(lines.get(pick % lines.size()), how);
        IdentityEvent slow = codec(line);
        IdentityEvent fast = inPlace(new IdentityLineReader(), line);
        if (fast != null) assertEquals(slow, fast, line);
        assertEquals(fast, new IdentityLineReader().read(line), line);
    }

    static IdentityEvent inPlace(IdentityLineReader reader, String line) { return LineMutations.inPlace(reader, line, "identity"); }

    private static final LineMutations.Memo LINES = new LineMutations.Memo(IdentityLineReaderTest::validIdentityLines);

    private static final String[] FIELDS = {"type", "eventId", "personId", "region", "department", "identity", "action",
            "effectiveDate", "attributes", "disabilityGrade", "disabilityKind", "birthDate", "group"};
    private static final String[] VALUES = {"null", "0", "1", "2", "4", "5", "10", "-1", "2.0", "1e0", "01", "true", "\"2\"",
            "\"\"", "\" \"", "\"x\"", "{}", "[]", "\"grant\"", "\"revoke\"", "\"Grant\"", "\"civil_affairs\"",
            "\"veterans_affairs\"", "\"disabled_persons_federation\"", "\"severe_disability\"", "\"entitled_veteran\"",
            "\"orphan\"", "\"physical\"", "\"key\"", "\"two_categories\"", "\"2023-02-30\"", "\"2023-2-01\"", "\"0000-01-01\"",
            "\"1899-12-31\"", "\"3000-01-01\"", "\"2024-02-29\"", "\"2023-02-29\"", "\"2049-12-31\"", "\"2050-01-01\"",
            "\"p-1\"", "\"P-\"", "\"P\"", "\"identity\"", "\"claim\"", "\"a\\\"b\"", "\"\\ud83d\\ude00\"",
            "\"" + "X".repeat(1000) + "\"", "\"" + "X".repeat(1001) + "\"", "\"P-\ud83d\"", "\"P-\ud83d\ude00\"", "\"P-\ufffd\"",
            "{\"disabilityGrade\":3,\"disabilityKind\":\"mental\"}", "{\"group\":\"key\"}", "{\"group\":null}"};

    /** One of several mutations, chosen by {@code how}. */
    static String mutate(String line, int how) {
        java.util.Random rnd = new java.util.Random(how);
        String field = FIELDS[rnd.nextInt(FIELDS.length)];
        String value = VALUES[rnd.nextInt(VALUES.length)];
        String key = "\"" + field + "\":";
        int choice = rnd.nextInt(9);
        String common = LineMutations.common(line, choice, field, value, rnd);
        if (common != null) return common;
        switch (choice) {
            case 3: // the same inside the attributes
                return line.replace("\"attributes\":{", "\"attributes\":{\"" + field + "\":" + value
                        + (line.contains("\"attributes\":{}") ? "" : ","));
            case 6: // an escaped character in a string
                return line.replace("\"eventId\":\"", "\"eventId\":\"\\u0041\\n");
            case 7: // the department, action or identity of another line
                return line.replaceFirst("\"(department|action|identity)\":\"[^\"]*\"", java.util.regex.Matcher.quoteReplacement(key + value));
            default:
                return line;
        }
    }
}
