package org.medassist.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.medassist.engine.money.Money;
import org.medassist.events.Department;
import org.medassist.events.IdentityType;
import org.medassist.schemas.Departments;

/**
 * A test event file of a few thousand events: every docs/examples file, each person's events copied {@code copies}
 * times under ids of their own ({@code -K<n>}), parameters and year closes once, in file order. Some copies are
 * followed by a contract breach: a claim with a negative amount or a wrong total (published as they are), with a kind
 * the schema does not name (not publishable), sent again with other amounts, a reversal of an unknown claim, an
 * identity from the wrong department.
 */
final class ExampleStream {
    private ExampleStream() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path write(Path home, Path out, int copies) {
        List<ObjectNode> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(home.resolve("docs/examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) examples.add((ObjectNode) JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int claims = 0;
        int identities = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (ObjectNode e : examples) {
                String type = e.get("type").asText();
                if (type.equals("parameter") || type.equals("year_close")) {
                    line(w, e);
                    continue;
                }
                for (int k = 0; k < copies; k++) {
                    ObjectNode c = e.deepCopy();
                    for (String id : List.of("personId", "claimId", "eventId", "applicationId", "reversalId")) {
                        if (c.hasNonNull(id)) c.put(id, c.get(id).asText() + "-K" + k);
                    }
                    line(w, c);
                    if (type.equals("claim") && ++claims % 23 == 0) line(w, claimBreach(c, claims / 23));
                    if (type.equals("identity") && ++identities % 41 == 0) line(w, wrongDepartment(c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static ObjectNode claimBreach(ObjectNode claim, int n) {
        ObjectNode b = claim.deepCopy();
        ObjectNode amounts = (ObjectNode) b.get("amounts");
        String claimId = claim.get("claimId").asText();
        switch (n % 5) {
            case 0 -> {
                b.put("claimId", claimId + "-X");
                amounts.put("otherInsurance", "-1.00");
            }
            case 1 -> {
                b.put("claimId", claimId + "-X");
                amounts.put("total", Money.format(Money.parseYuan(amounts.get("total").asText()) + 100));
            }
            case 2 -> {
                b.put("claimId", claimId + "-X");
                b.put("kind", "emergency");
            }
            case 3 -> amounts.put("outOfScope", Money.format(Money.parseYuan(amounts.get("outOfScope").asText()) + 100))
                    .put("total", Money.format(Money.parseYuan(amounts.get("total").asText()) + 100));
            default -> {
                ObjectNode r = JSON.createObjectNode();
                r.put("type", "claim_reversal").put("reversalId", claimId + "-X-R").put("claimId", claimId + "-X")
                        .put("personId", claim.get("personId").asText()).put("region", claim.get("region").asText())
                        .put("reason", "duplicate billing");
                return r;
            }
        }
        return b;
    }

    private static ObjectNode wrongDepartment(ObjectNode identity) {
        ObjectNode b = identity.deepCopy();
        Department right = Departments.certifierOf(IdentityType.valueOf(identity.get("identity").asText()));
        b.put("eventId", identity.get("eventId").asText() + "-X");
        b.put("department", Department.values()[(right.ordinal() + 1) % Department.values().length].name());
        return b;
    }

    private static void line(BufferedWriter w, ObjectNode n) throws IOException {
        w.write(JSON.writeValueAsString(n));
        w.write('\n');
    }
}
