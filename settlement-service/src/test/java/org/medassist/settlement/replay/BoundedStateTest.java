package org.medassist.settlement.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.settlement.ledger.MapLedgerStore;
import org.medassist.settlement.ledger.StoredLedgers;

/**
 * A person with thousands of claims in a year stays well under the broker's record size limit (1 MB by default), in
 * the stored form the stream writes (docs/reliability.md, limits), and a closed year's record is not read again by a
 * claim of a later year.
 */
class BoundedStateTest {
    static String claim(String id, String date, String scope) {
        return "{\"type\":\"claim\",\"claimId\":\"" + id + "\",\"personId\":\"P-1\",\"region\":\"jiangyin\",\"hospitalId\":\"H0012\","
                + "\"hospitalLevel\":\"tertiary\",\"kind\":\"outpatient_chronic\",\"dischargeDate\":\"" + date + "\","
                + "\"location\":\"in_city\",\"referred\":true,\"specialDiseaseRegistered\":true,\"diseaseGroup\":\"esrd_dialysis\","
                + "\"amounts\":{\"total\":\"" + scope + "\",\"outOfScope\":\"0.00\",\"policyScope\":\"" + scope + "\","
                + "\"basicInsurance\":\"100.00\",\"criticalIllness\":\"0.00\",\"otherInsurance\":\"0.00\"}}";
    }

    @Test
    void thousandsOfClaimsInAYearStayWellUnderTheRecordSizeLimit() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"identity\",\"eventId\":\"mz-1\",\"personId\":\"P-1\",\"region\":\"jiangyin\","
                + "\"department\":\"civil_affairs\",\"identity\":\"minimum_living\",\"action\":\"grant\",\"effectiveDate\":\"2023-01-01\"}");
        int claims = 3_000;
        for (int i = 0; i < claims; i++) {
            String date = java.time.LocalDate.of(2023, 1, 1).plusDays(i % 365).toString();
            lines.add(claim("H0012-2023-" + String.format("%06d", i), date, "640.50"));
        }
        MapLedgerStore store = new MapLedgerStore();
        SettlementEngine engine = new SettlementEngine(PolicyLoader.bundled(), new ParameterBook());
        StringWriter out = new StringWriter();
        long failed = new Replay(engine, new StoredLedgers(store, engine, 100), new PrintStream(new ByteArrayOutputStream()), false)
                .run(new BufferedReader(new StringReader(String.join("\n", lines))), out);
        assertEquals(0, failed);
        assertEquals(claims, out.toString().lines().filter(l -> l.contains("\"status\":\"settled\"")).count());
        int largest = store.largestRecord();
        assertTrue(largest < 350_000, "the person-year of " + claims + " claims takes " + largest + " bytes");
        assertTrue(largest > 30 * claims, "the record really holds the claims: " + largest + " bytes");
    }
}
