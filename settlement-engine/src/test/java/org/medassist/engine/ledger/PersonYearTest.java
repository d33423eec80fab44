package org.medassist.engine.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medassist.engine.model.CareKind;
import org.medassist.engine.model.CareLocation;
import org.medassist.engine.model.ClaimKey;
import org.medassist.engine.model.HospitalGrade;
import org.medassist.engine.model.MedicalClaim;

/**
 * The person-year's claim index (key filter and open-addressing table) against a plain map: adds, look-ups of keys
 * present and absent, and rewinds to marks, with keys chosen so that many share one hash code.
 */
class PersonYearTest {

    @Test
    void indexAgreesWithAMapThroughAddsLookUpsAndRewinds() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            PersonYear py = new PersonYear("jiangyin", 2024, new YearTotals(1, 1, 1, 0));
            Map<ClaimKey, Entry> model = new LinkedHashMap<>();
            List<PersonYear.Mark> marks = new ArrayList<>();
            List<Map<ClaimKey, Entry>> modelAtMark = new ArrayList<>();
            int steps = 1 + rnd.nextInt(300);
            for (int step = 0; step < steps; step++) {
                int op = rnd.nextInt(10);
                if (op < 6) {
                    ClaimKey k = key(rnd);
                    if (model.containsKey(k)) continue; // the engine never adds a key twice
                    Entry e = py.add(Entry.claim(claim(k)));
                    model.put(k, e);
                } else if (op < 8) {
                    marks.add(py.mark());
                    modelAtMark.add(new LinkedHashMap<>(model));
                } else if (op == 8 && !marks.isEmpty()) {
                    int m = rnd.nextInt(marks.size());
                    py.rewind(marks.get(m));
                    model = new LinkedHashMap<>(modelAtMark.get(m));
                    marks.subList(m + 1, marks.size()).clear();
                    modelAtMark.subList(m + 1, modelAtMark.size()).clear();
                }
                for (int probe = 0; probe < 5; probe++) {
                    ClaimKey k = key(rnd);
                    Entry expected = model.get(k);
                    if (expected == null) assertNull(py.claim(k), "absent " + k);
                    else assertSame(expected, py.claim(k), "present " + k);
                }
                for (Map.Entry<ClaimKey, Entry> e : model.entrySet()) assertSame(e.getValue(), py.claim(e.getKey()));
                assertEquals(new ArrayList<>(model.values()), py.claimEntries());
                assertEquals(model.size(), py.entries.size());
            }
        }
    }

    /** Keys from a small space; claimIds spelled from "Aa" and "BB", which have the same String hash code. */
    private static ClaimKey key(Random rnd) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 5; i++) id.append(rnd.nextBoolean() ? "Aa" : "BB");
        String hospital = rnd.nextInt(4) == 0 ? "H" + rnd.nextInt(3) : "H0";
        return rnd.nextInt(3) == 0 ? new ClaimKey(hospital, "c" + rnd.nextInt(64)) : new ClaimKey(hospital, id.toString());
    }

    private static MedicalClaim claim(ClaimKey k) {
        LocalDate d = LocalDate.of(2024, 3, 1);
        return new MedicalClaim(k.claimId(), "P1", "jiangyin", k.hospitalId(), HospitalGrade.values()[0], CareKind.OUTPATIENT,
                null, d, CareLocation.IN_CITY, false, false, null, false, 100, 0, 100, 0, 0, 0);
    }
}
