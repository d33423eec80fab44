package org.medassist.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.medassist.events.Department;
import org.medassist.events.IdentityType;

/**
 * docs/contract.md describes the contract the code holds: every field and enumerated value of every event schema
 * is named there, and its department table is {@link Departments}.
 */
class ContractDocTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    static String contract() throws IOException {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
        assertTrue(p != null, "repository root not found");
        return Files.readString(p.resolve("docs/contract.md"), StandardCharsets.UTF_8);
    }

    /** Everything the document writes as inline code, `name`, outside fenced examples. */
    static Set<String> named(String text) {
        Set<String> out = new TreeSet<>();
        boolean fenced = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) continue;
            Matcher m = CODE.matcher(line);
            while (m.find()) out.add(m.group(1));
        }
        return out;
    }

    private static void collect(Schema s, List<String> fields, List<String> symbols, Set<String> seen) {
        switch (s.getType()) {
            case RECORD -> {
                if (!seen.add(s.getFullName())) return;
                for (Schema.Field f : s.getFields()) {
                    fields.add(f.name());
                    collect(f.schema(), fields, symbols, seen);
                }
            }
            case UNION -> { for (Schema b : s.getTypes()) collect(b, fields, symbols, seen); }
            case ARRAY -> collect(s.getElementType(), fields, symbols, seen);
            case ENUM -> symbols.addAll(s.getEnumSymbols());
            default -> { }
        }
    }

    @Test
    void everyFieldAndEveryValueOfTheContractIsNamed() throws IOException {
        Set<String> named = named(contract());
        List<String> missing = new ArrayList<>();
        for (Schema s : EventClasses.schemas()) {
            List<String> fields = new ArrayList<>();
            List<String> symbols = new ArrayList<>();
            collect(s, fields, symbols, new java.util.HashSet<>());
            if (!named.contains(s.getProp("jsonType"))) missing.add("type " + s.getProp("jsonType"));
            for (String f : fields) if (!named.contains(f)) missing.add(s.getName() + " field " + f);
            for (String v : symbols) if (!named.contains(v)) missing.add(s.getName() + " value " + v);
        }
        assertEquals(List.of(), missing, "docs/contract.md does not name these");
    }

    @Test
    void theDepartmentTableIsTheCodes() throws IOException {
        String doc = contract();
        int rows = 0;
        for (String line : doc.split("\n")) {
            for (Department d : Department.values()) {
                if (!line.startsWith("| `" + d.name() + "` ")) continue;
                rows++;
                Set<IdentityType> listed = EnumSet.noneOf(IdentityType.class);
                for (String n : named(line.substring(line.indexOf('|', 2)))) {
                    for (IdentityType t : IdentityType.values()) if (t.name().equals(n)) listed.add(t);
                }
                assertEquals(Departments.certifiedBy(d), listed, "docs/contract.md's row for " + d);
            }
        }
        assertEquals(Department.values().length, rows, "one row per department");
    }

    @Test
    void theCheckNoticesAValueTheDocumentDoesNotName() {
        Set<String> named = named("`claim` has `kind` `outpatient` and `inpatient`");
        assertTrue(named.contains("inpatient"));
        assertFalse(named.contains("outpatient_major"));
    }
}
