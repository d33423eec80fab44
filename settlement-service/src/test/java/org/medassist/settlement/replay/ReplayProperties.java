package org.medassist.settlement.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.Tier;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.events.Settlement;
import org.medassist.schemas.json.EventJson;
import org.medassist.settlement.avro.AvroMapping;

/** Properties over random event sequences for all five cities, run through the replay path end to end. */
class ReplayProperties {
    static final PolicyCatalog CATALOG = PolicyLoader.bundled();

    static String replay(List<String> lines) {
        StringWriter out = new StringWriter();
        try {
            new Replay(CATALOG, new PrintStream(new ByteArrayOutputStream()), false)
                    .run(new BufferedReader(new StringReader(String.join("\n", lines))), out);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out.toString();
    }

    static List<Settlement> settlements(String output) {
        List<Settlement> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isEmpty()) continue;
            SpecificRecord r = EventJson.read(line);
            if (r instanceof Settlement s) out.add(s);
        }
        return out;
    }

    /** Final amounts: per claim (or per claimless reference and person) the sums of assistance and tilt. */
    static Map<String, String> finalAmounts(List<Settlement> settlements, String excludedClaim) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Settlement s : settlements) {
            if (s.getStatus().name().equals("rejected")) continue;
            String key = s.getClaimId() != null ? "claim " + s.getClaimId() : s.getReference() + " " + s.getPersonId();
            if (excludedClaim != null && excludedClaim.equals(s.getClaimId())) continue;
            long[] m = sums.computeIfAbsent(key, k -> new long[2]);
            m[0] += s.getAssistance();
            m[1] += s.getTilt();
        }
        Map<String, String> out = new TreeMap<>();
        sums.forEach((k, v) -> { if (v[0] != 0 || v[1] != 0) out.put(k, v[0] + "/" + v[1]); });
        return out;
    }

    /** Compares outputs line by line and reports only the first difference. */
    static void assertSameOutput(String expected, String actual, String context) {
        String[] a = expected.split("\n");
        String[] b = actual.split("\n");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end of output>";
            String y = i < b.length ? b[i] : "<end of output>";
            if (!x.equals(y)) throw new AssertionError(context + ": outputs differ at line " + (i + 1) + "\n expected: " + x + "\n actual:   " + y);
        }
    }

    static final java.util.List<RegionPolicy> REGIONS = java.util.List.copyOf(CATALOG.all());

    static RegionPolicy region(int index) { return REGIONS.get(Math.floorMod(index, REGIONS.size())); }

    @Property(tries = 150)
    void assistanceNeverExceedsSAndIsNeverNegative(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int r) {
        List<String> events = new RandomEvents(seed, region(r)).generate(60);
        Map<String, Long> selfPay = new HashMap<>();
        for (String line : events) {
            if (EventJson.read(line) instanceof org.medassist.events.Claim c) selfPay.put(c.getClaimId(), AvroMapping.claim(c).selfPay());
        }
        Map<String, Long> paid = new HashMap<>();
        for (Settlement s : settlements(replay(events))) {
            if (s.getClaimId() != null) paid.merge(s.getClaimId(), s.getAssistance(), Long::sum);
        }
        paid.forEach((claim, amount) -> {
            assertTrue(amount >= 0, claim + " paid " + amount);
            assertTrue(amount <= selfPay.get(claim), claim + " paid " + amount + " > S " + selfPay.get(claim));
        });
    }

    @Property(tries = 150)
    void noCapIsExceeded(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int r) {
        RegionPolicy p = region(r);
        List<String> events = new RandomEvents(seed, p).generate(80);
        Map<String, MedicalClaim> claims = new HashMap<>();
        for (String line : events) {
            if (EventJson.read(line) instanceof org.medassist.events.Claim c) claims.put(c.getClaimId(), AvroMapping.claim(c));
        }
        Map<String, Long> poolTotals = new HashMap<>();
        Map<String, Long> tiltTotals = new HashMap<>();
        for (Settlement s : settlements(replay(events))) {
            String py = s.getPersonId() + "|" + s.getYear();
            tiltTotals.merge(py, s.getTilt(), Long::sum);
            if (s.getClaimId() == null) continue;
            int cls = p.classifier().classify(claims.get(s.getClaimId()));
            int pool = cls < 0 ? -1 : p.pools().capPoolOfClass()[cls];
            if (pool >= 0) poolTotals.merge(py + "|" + pool, s.getAssistance(), Long::sum);
        }
        poolTotals.forEach((key, total) -> {
            long cap = largestCap(p, Integer.parseInt(key.substring(key.lastIndexOf('|') + 1)));
            if (cap >= 0) assertTrue(total <= cap, p.region() + " " + key + ": " + total + " > cap " + cap);
        });
        if (p.residualTilt() != null && p.residualTilt().cap() != null) {
            long tiltCap = p.residualTilt().cap().fixedFen();
            tiltTotals.forEach((key, total) -> assertTrue(total <= tiltCap, p.region() + " " + key + " tilt " + total));
        }
    }

    /** The largest cap any tier puts on the pool, or −1 when some tier leaves it uncapped. */
    static long largestCap(RegionPolicy p, int pool) {
        long max = 0;
        for (Tier t : p.tiers()) {
            boolean coversPool = false;
            for (int c = 0; c < p.classifier().classCount(); c++) {
                if (t.covers(c) && p.pools().capPoolOfClass()[c] == pool) coversPool = true;
            }
            if (!coversPool) continue;
            if (t.caps()[pool] == null || t.caps()[pool].isNamed()) return -1;
            max = Math.max(max, t.caps()[pool].fixedFen());
        }
        return max;
    }

    @Property(tries = 100)
    void replayingTheSameInputTwiceIsByteIdentical(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int r) {
        List<String> events = new RandomEvents(seed, region(r)).generate(60);
        assertSameOutput(replay(events), replay(events), "second replay");
    }

    @Property(tries = 150)
    void duplicatingAnyEventChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int r,
                                           @ForAll @IntRange(min = 0, max = 1000) int which,
                                           @ForAll @IntRange(min = 0, max = 1000) int where) {
        List<String> events = new RandomEvents(seed, region(r)).generate(50);
        String expected = replay(events);
        int i = which % events.size();
        String dup = events.get(i);
        // a parameter is last-wins by design, so its duplicate goes right after it; anything else anywhere later
        int at = dup.contains("\"type\":\"parameter\"") ? i + 1 : i + 1 + where % (events.size() - i);
        List<String> withDuplicate = new ArrayList<>(events);
        withDuplicate.add(at, dup);
        assertSameOutput(expected, replay(withDuplicate), "duplicate of event " + i + " at " + at + ": " + dup);
    }

    @Property(tries = 150)
    void afterAReversalTheAmountsEqualAFreshRunWithoutThatClaim(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int r,
                                                               @ForAll @IntRange(min = 0, max = 1000) int which) {
        // every parameter is present: a year still waiting on one holds what it paid, so its amounts are not final
        List<String> events = new ArrayList<>();
        for (String e : new RandomEvents(seed, region(r)).generate(50, true)) if (!e.contains("claim_reversal")) events.add(e);
        List<Integer> claimLines = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) if (events.get(i).contains("\"type\":\"claim\"")) claimLines.add(i);
        if (claimLines.isEmpty()) return;
        int line = claimLines.get(which % claimLines.size());
        var claim = (org.medassist.events.Claim) EventJson.read(events.get(line));
        List<String> withReversal = new ArrayList<>(events);
        withReversal.add("{\"type\":\"claim_reversal\",\"reversalId\":\"RX\",\"claimId\":\"" + claim.getClaimId()
                + "\",\"personId\":\"" + claim.getPersonId() + "\",\"region\":\"" + claim.getRegion() + "\",\"reason\":\"test\"}");
        List<String> without = new ArrayList<>(events);
        without.remove(line);
        assertEquals(finalAmounts(settlements(replay(without)), null),
                finalAmounts(settlements(replay(withReversal)), claim.getClaimId()));
    }

    @Property(tries = 60)
    void aLedgerStoredAndReadBackAfterEveryEventGivesTheSameOutput(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int r) {
        List<String> events = new RandomEvents(seed, region(r)).generate(60);
        var engine = new org.medassist.engine.SettlementEngine(CATALOG, new org.medassist.engine.policy.ParameterBook());
        // every event reads the person back from bytes: the header, and only the years the engine asks for
        var stored = new org.medassist.settlement.ledger.StoredLedgers(new org.medassist.settlement.ledger.MapLedgerStore(), engine);
        StringWriter out = new StringWriter();
        try {
            new Replay(engine, stored, new PrintStream(new ByteArrayOutputStream()), false)
                    .run(new BufferedReader(new StringReader(String.join("\n", events))), out);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertSameOutput(replay(events), out.toString(), "stored ledgers");
    }

    /**
     * Replay's engine lets each claim's explanation figures go once published (docs/performance.md, retained memory per
     * claim); an engine that keeps them writes the same bytes, so no explanation is read again after it is published.
     */
    @Property(tries = 80)
    void anEngineThatKeepsExplanationsGivesTheSameOutput(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int r) {
        List<String> events = new RandomEvents(seed, region(r)).generate(120);
        var keeping = new org.medassist.engine.SettlementEngine(CATALOG, new org.medassist.engine.policy.ParameterBook());
        StringWriter out = new StringWriter();
        try {
            new Replay(keeping, null, new PrintStream(new ByteArrayOutputStream()), false)
                    .run(new BufferedReader(new StringReader(String.join("\n", events))), out);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertSameOutput(out.toString(), replay(events), "an engine that keeps explanations");
    }

    @Example
    void theGeneratorProducesEveryEventType() {
        String all = String.join("\n", new RandomEvents(7, region(2)).generate(400));
        for (String t : new String[] {"identity", "claim", "claim_reversal", "application", "parameter", "year_close"}) {
            assertTrue(all.contains("\"type\":\"" + t + "\""), t);
        }
    }
}
