package org.medassist.launcher.monitor;

import org.medassist.schemas.PersonIdHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medassist.events.Alert;
import org.medassist.events.OtherPayers;
import org.medassist.events.Settlement;
import org.medassist.events.SettlementStatus;

/** Totals and the console block, fed by hand (no Kafka). The page is dashboard-service's (docs/dashboard-service.md). */
class MonitorViewsTest {

    private static Settlement settlement(String region, SettlementStatus status, long assistance, long tilt) {
        return Settlement.newBuilder().setSettlementId("s-" + Math.random()).setClaimId("C-1").setPersonId("P-1")
                .setRegion(region).setYear(2023).setStatus(status).setEligible(0).setAssistance(assistance).setTilt(tilt)
                .setRemaining(0).setOtherPayers(new OtherPayers(0L, 0L)).setPolicy("p").setExplanation(List.of("line"))
                .build();
    }

    private static Alert alert() {
        return Alert.newBuilder().setAlertId("a-1").setPersonId("P-1").setRegion("fangchenggang").setYear(2023)
                .setMonth("2023-08").setRule("fangchenggang/monitoring/residents-10000").setMeasure("burden")
                .setValue(1_450_000).setThreshold(1_000_000).setRecipients(List.of("civil_affairs")).build();
    }

    /** The cities shown before they have figures. */
    private static final List<String> CITIES = List.of("fangchenggang", "jiangyin", "jiujiang", "jiyuan", "nanjing");

    @Test
    void totalsSumEverySettlementEventPerCity() {
        Totals t = new Totals(PersonIdHash.withKey("key"), CITIES);
        t.add(settlement("nanjing", SettlementStatus.settled, 1_674_000, 0));
        t.add(settlement("nanjing", SettlementStatus.adjustment, -10_000, 5_000));
        t.add(settlement("nanjing", SettlementStatus.reversed, -100_000, 0));
        t.add(settlement("jiyuan", SettlementStatus.parked, 0, 0));
        t.add(alert());
        Totals.Snapshot s = t.snapshot();
        assertEquals(1_564_000, s.cities().get("nanjing").assistance);
        assertEquals(5_000, s.tilt());
        assertEquals(3, s.cities().get("nanjing").settlements());
        assertEquals(1L, s.byStatus().get(SettlementStatus.parked));
        assertEquals(1, s.cities().get("fangchenggang").alerts);
        assertEquals(5, s.cities().size());
        Map<String, Object> alertView = t.recentAlerts().get(0);
        assertEquals(PersonIdHash.withKey("key").of("P-1"), alertView.get("person"));
        assertEquals("14500.00", alertView.get("value"));
        assertEquals(16, ((String) alertView.get("person")).length());
        assertTrue(!t.recentSettlements().toString().contains("P-1"), "no personId on the dashboard");
    }

    @Test
    void thePersonHashIsTheServicesKeyedHash() {
        // HMAC-SHA256("P-0001") under key "k", first 8 bytes: what service-kit's PersonIdHash logs
        assertEquals(PersonIdHash.withKey("k").of("P-0001"), PersonIdHash.withKey("k").of("P-0001"));
        assertTrue(!PersonIdHash.withKey("k").of("P-0001").equals(PersonIdHash.withKey("other").of("P-0001")));
        assertEquals("-", PersonIdHash.withKey("k").of(null));
    }

    @Test
    void theConsoleBlockFitsEightyColumns() {
        Totals t = new Totals(PersonIdHash.withKey("key"), CITIES);
        t.add(settlement("jiujiang", SettlementStatus.settled, 1_234_567_89L, 1_000_000_00L));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleSummary c = new ConsoleSummary(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, t,
                () -> new ConsoleSummary.StreamStatus("sending", 1234, 4321, "2023-06-14",
                        Map.of("claim", 1_000L, "identity", 200L), 0, 50), List.of("dashboard http://127.0.0.1:8080/"));
        List<String> lines = c.render();
        for (String l : lines) assertTrue(l.length() <= 80, l.length() + ": " + l);
        String all = String.join("\n", lines);
        assertTrue(all.contains("1,234 / 4,321 (28%)"), all);
        assertTrue(all.contains("1,234,567.89"), all);
        assertTrue(all.contains("claim 1,000"), all);
        assertTrue(all.contains("rate    settled "), all);
        assertEquals("-1,234.50", ConsoleSummary.yuan(-123_450));
        assertEquals("0.05", ConsoleSummary.yuan(5));
    }

    /** What earlier runs settled counts in every total, and is known apart, so the rates leave it out. */
    @Test
    void settlementsOfEarlierRunsCountInTheTotalsAndApartForTheRates() {
        Totals t = new Totals(PersonIdHash.withKey("key"), CITIES);
        t.add(settlement("nanjing", SettlementStatus.settled, 100_000, 0), true);
        t.add(settlement("nanjing", SettlementStatus.reversed, -100_000, 0), true);
        t.add(settlement("nanjing", SettlementStatus.settled, 50_000, 0), false);
        Totals.Snapshot snap = t.snapshot();
        assertEquals(2, snap.byStatus().get(SettlementStatus.settled));
        assertEquals(1, snap.settledEarlier(), "only the settled claims of earlier runs");
        assertEquals(2, snap.settlementsEarlier());
        assertEquals(50_000, snap.assistance());
    }

    @Test
    void theSettledRateIsPerSecondOverTheLastIntervalAndOverThisRunsWork() {
        long s = 1_000_000_000L;
        ConsoleSummary.Rates r = new ConsoleSummary.Rates(0);
        // a resumed run: the totals of earlier runs are read back first; nothing is sent yet
        double[] resumed = r.sample(2 * s, 5_000, 4_000, 4_200);
        assertTrue(Double.isNaN(resumed[3]) && Double.isNaN(resumed[4]), "no rate of this run before it sends");
        assertEquals(0, resumed[0], 1e-9, "the resumed position is the first interval's baseline, not 5,000 sent in 2 s");
        r.sample(4 * s, 5_000, 4_000, 4_200);
        double[] first = r.sample(6 * s, 6_000, 4_600, 4_800);
        assertEquals(500, first[0], 1e-9, "sent over the last 2 s");
        assertEquals(300, first[1], 1e-9, "settled");
        assertEquals(300, first[2], 1e-9, "settlements of any status");
        assertEquals(500, first[3], 1e-9, "this run's sent: 1,000 more than at 4 s, over 2 s");
        assertEquals(300, first[4], 1e-9, "this run's settled, without the 4,000 of earlier runs");
        double[] redraw = r.sample(6 * s + 100_000_000L, 6_010, 4_610, 4_810);
        assertEquals(300, redraw[1], 1e-9, "a redraw within a second keeps the last interval's rate");
        r.sample(8 * s, 8_000, 7_000, 7_200);
        // the stream is done and the run idles: the run's rates stay what they were while it worked
        double[] idle = r.sample(60 * s, 8_000, 7_000, 7_200);
        assertEquals(0, idle[1], 1e-9);
        assertEquals(3_000 / 4.0, idle[3], 1e-9, "sent 3,000 from 4 s to 8 s");
        assertEquals(3_000 / 4.0, idle[4], 1e-9, "settled 3,000 from 4 s to 8 s");
    }
}
