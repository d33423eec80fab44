package org.medassist.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mixes claim-identity cases into an event file (docs/contract.md, "Idempotency"; a claim is identified by hospitalId
 * and claimId): a claim of one person sent again later under another person of its region (one of the two is
 * rejected: the claim belongs to the first to reach the claim owners' registry, which in the stream may be the later
 * one; {@link ClaimOwners}), the same claim sent again unchanged (no further effect), and a claim of another
 * hospital that reuses the claimId (a claim of its own). Each goes some hundred lines after the claim it copies, so
 * that in the stream the copies meet the original on other partitions, at other moments.
 */
final class CrossedClaims {
    private CrossedClaims() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    static int mix(Path file, long seed, int each) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            List<Integer> claims = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("\"type\":\"claim\"")) claims.add(i);
            Random rnd = new Random(seed);
            List<String[]> inserts = new ArrayList<>(); // {after line index, text}
            int added = 0;
            for (int n = 0; n < 3 * each && claims.size() > 2; n++) {
                int at = claims.get(rnd.nextInt(claims.size() / 2));
                ObjectNode claim = (ObjectNode) JSON.readTree(lines.get(at));
                if (!claim.path("amounts").isObject()) continue;
                ObjectNode copy = claim.deepCopy();
                switch (n % 3) {
                    case 0 -> {
                        // another person of the region, with this claim's hospital and claimId
                        ObjectNode other = null;
                        for (int k = 0; k < 200 && other == null; k++) {
                            ObjectNode c = (ObjectNode) JSON.readTree(lines.get(claims.get(rnd.nextInt(claims.size()))));
                            if (c.path("region").equals(claim.path("region")) && !c.path("personId").equals(claim.path("personId"))) other = c;
                        }
                        if (other == null) continue;
                        copy = other.deepCopy();
                        copy.set("claimId", claim.get("claimId"));
                        copy.set("hospitalId", claim.get("hospitalId"));
                        copy.set("hospitalLevel", claim.get("hospitalLevel"));
                    }
                    case 1 -> { } // the same claim again
                    default -> copy.put("hospitalId", claim.get("hospitalId").asText() + "B");
                }
                int after = Math.min(lines.size() - 1, at + 100 + rnd.nextInt(400));
                inserts.add(new String[] {Integer.toString(after), JSON.writeValueAsString(copy)});
                added++;
            }
            inserts.sort((a, b) -> Integer.compare(Integer.parseInt(b[0]), Integer.parseInt(a[0])));
            for (String[] ins : inserts) lines.add(Integer.parseInt(ins[0]) + 1, ins[1]);
            Files.write(file, lines, StandardCharsets.UTF_8);
            return added;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
