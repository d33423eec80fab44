package org.medassist.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medassist.dashboard.Fixtures;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.events.Alert;

/** The monthly list as CSV: a cell a spreadsheet would run as a formula is written as text. */
class AlertViewsTest {
    @Test
    void everyFormulaStartIsQuotedWithAnApostrophe() {
        for (String start : List.of("=", "+", "@", "\t", "\r", "-")) {
            Alert a = Fixtures.alert("P-1", "nanjing", 2023, "2023-08", "nanjing/monitoring/expenditure-self-pay", "S", 1, 1, List.of("civil_affairs"));
            a.setClaimId(start + "HYPERLINK(\"x\")");
            String csv = AlertViews.csv(List.of(a), false, PolicyLoader.bundled());
            String row = csv.split("\r\n", 3)[1];
            String cell = row.substring(row.lastIndexOf(",H01,") + 5);
            assertEquals("\"'" + start + "HYPERLINK(\"\"x\"\")\"", cell, "a claimId starting with " + (int) start.charAt(0));
        }
    }
}
