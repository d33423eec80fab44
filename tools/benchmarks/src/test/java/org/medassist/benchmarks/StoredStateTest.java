package org.medassist.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import org.junit.jupiter.api.Test;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.settlement.ledger.MapLedgerStore;
import org.medassist.settlement.ledger.StoredLedgers;
import org.medassist.settlement.replay.Replay;

/**
 * What the stream stores per person, as a property of the stored form (docs/capacity.md, state): the benchmark's
 * population settled through the ledger stores the stream writes ({@link StoredLedgers}, in maps here), then the
 * keys and values of the headers, person-years and region index counted per person and per claim. The capacity plan
 * is written from these bytes; a change that stores more per claim (a figure kept that could be refolded, a key
 * repeated per entry) fails here before it shows in a full benchmark run.
 */
class StoredStateTest {
    /**
     * 576 bytes per person and 77 per claim when these bounds were set (1,976 persons with 7.4 claims each in one year;
     * the stream's identity timelines, each person-year's entries and what was paid on them, the region index).
     */
    private static final long BYTES_PER_PERSON = 750;
    private static final long BYTES_PER_CLAIM = 100;

    @Test
    void aPersonYearIsStoredInAFewHundredBytes() throws Exception {
        PolicyCatalog catalog = PolicyLoader.bundled();
        StringWriter input = new StringWriter();
        ReplayInput.write(catalog, 2_000, 1, 7, input);
        long claims = input.toString().lines().filter(l -> l.startsWith("{\"type\":\"claim\"")).count();

        MapLedgerStore store = new MapLedgerStore();
        SettlementEngine engine = new SettlementEngine(catalog, new ParameterBook());
        long failed = new Replay(engine, new StoredLedgers(store, engine, 100), new PrintStream(new ByteArrayOutputStream()), false)
                .run(new BufferedReader(new StringReader(input.toString())), Writer.nullWriter());
        assertEquals(0, failed, "every line of the benchmark's input is read");
        assertTrue(claims > 2_000, "the population files claims: " + claims);

        long bytes = store.storedBytes();
        long perPerson = bytes / store.persons();
        long perClaim = bytes / claims;
        assertTrue(perPerson <= BYTES_PER_PERSON && perClaim <= BYTES_PER_CLAIM, store.persons() + " persons and " + claims
                + " claims are stored in " + bytes + " bytes: " + perPerson + " per person (bound " + BYTES_PER_PERSON
                + "), " + perClaim + " per claim (bound " + BYTES_PER_CLAIM + ")");
        assertTrue(perClaim >= 20, "the stored years really hold the claims: " + perClaim + " bytes per claim");
    }
}
