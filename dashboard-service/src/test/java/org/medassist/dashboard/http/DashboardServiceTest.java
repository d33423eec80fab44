package org.medassist.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medassist.dashboard.Fixtures.alert;
import static org.medassist.dashboard.Fixtures.get;
import static org.medassist.dashboard.Fixtures.getJson;
import static org.medassist.dashboard.Fixtures.send;
import static org.medassist.dashboard.Fixtures.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medassist.dashboard.DashboardApplication;
import org.medassist.dashboard.Fixtures;
import org.medassist.events.SettlementStatus;
import org.medassist.kafkatest.KafkaTestEnvironment;
import org.medassist.kit.audit.AuditLog;
import org.medassist.schemas.PersonIdHash;

/**
 * The dashboard service on a real broker and registry, fed with alerts and settlements as settlement-service writes
 * them: scopes (401, 403 by kind and by region, 400), the monthly lists as JSON and CSV (English and Chinese
 * headings), the fund report summing deltas by month, tier and class, the watch list, the audit records (persons
 * hashed), and the SSE feed resuming exactly with Last-Event-ID (docs/dashboard-service.md).
 */
@ExtendWith(KafkaTestEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardServiceTest {
    static final String FCG = "fangchenggang";
    static final String POVERTY = "fangchenggang/monitoring/poverty-5000";
    static final String RESIDENTS = "fangchenggang/monitoring/residents-10000";

    KafkaTestEnvironment.Environment env;
    java.nio.file.Path tokensFile;
    ApplicationContext ctx;
    String base;
    KafkaProducer<String, SpecificRecord> producer;
    final List<String> audit = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start(KafkaTestEnvironment.Environment env) throws Exception {
        this.env = env;
        env.deleteAllTopics();
        env.createTopics(3, "alerts", "settlements");
        env.createTopics(1, "policy-parameters");
        Map<String, Object> p = Fixtures.properties(env, null);
        Fixtures.principal(p, "reader", "reader", "monitoring", "*");
        Fixtures.principal(p, "reader-nanjing", "reader", "nanjing-office", "nanjing");
        Fixtures.principal(p, "agency-fcg", "agency", "fcg-agency", FCG);
        Fixtures.principal(p, "department", "department", "civil_affairs", "*");
        Fixtures.principal(p, "hospital", "hospital", "H01", "*");
        // a token in the tokens file, which a test revokes while its feed is open
        tokensFile = java.nio.file.Files.createTempFile("dashboard-tokens", ".yml");
        java.nio.file.Files.writeString(tokensFile, revocableTokens(true));
        p.put(org.medassist.kit.auth.TokenAuthenticator.TOKENS_FILE_PROPERTY, tokensFile.toString());
        p.put("medassist.auth.tokens-file-check", "100ms");
        p.put("medassist.dashboard.keep-alive", "500ms");
        ctx = DashboardApplication.start(p);
        ctx.getBean(AuditLog.class).addListener(audit::add);
        base = Fixtures.base(ctx);
        Fixtures.awaitHealthy(base);
        producer = Fixtures.producer(env);

        // Fangchenggang 2023: an August alert to both departments, a late claim's March alert to rural revitalization
        send(producer, "alerts", "P-1", alert("P-1", FCG, 2023, "2023-08", POVERTY, "burden", 612_300, 500_000,
                List.of("rural_revitalization", "civil_affairs")));
        send(producer, "alerts", "P-2", alert("P-2", FCG, 2023, "2023-03", RESIDENTS, "burden", 1_050_000, 1_000_000,
                List.of("rural_revitalization", "civil_affairs")));
        send(producer, "alerts", "P-9", alert("P-9", "nanjing", 2023, "2023-08", "nanjing/monitoring/expenditure-self-pay", "S",
                2_000_000, 1_500_000, List.of("civil_affairs")));
        // settlements: a claim settled then adjusted down, a claim settled then reversed, tilt on an application,
        // a parked and a rejected claim, and a resident close to the residents' threshold
        send(producer, "settlements", "P-1", settlement("c1/1", "c1", "P-1", FCG, 2023, SettlementStatus.settled, "class2",
                "monitored_unstable", 100_000, 0, 20_000, "inpatient", "2023-02-10"));
        send(producer, "settlements", "P-1", settlement("c1/2", "c1", "P-1", FCG, 2023, SettlementStatus.adjustment, "class2",
                "monitored_unstable", -20_000, 0, 40_000, "inpatient", "2023-02-10"));
        send(producer, "settlements", "P-1", settlement("c2/1", "c2", "P-1", FCG, 2023, SettlementStatus.settled, "class2",
                "monitored_unstable", 30_000, 0, 5_000, "chronic", "2023-03-05"));
        send(producer, "settlements", "P-1", settlement("c2/2", "c2", "P-1", FCG, 2023, SettlementStatus.reversed, "class2",
                "monitored_unstable", -30_000, 0, 0, "chronic", "2023-03-05"));
        send(producer, "settlements", "P-1", settlement("A-1/1", null, "P-1", FCG, 2023, SettlementStatus.settled, null,
                null, 0, 5_000, 0, null, null));
        send(producer, "settlements", "P-3", settlement("c3/1", "c3", "P-3", FCG, 2023, SettlementStatus.parked, null,
                null, 0, 0, 0, "inpatient", "2023-04-01"));
        send(producer, "settlements", "P-4", settlement("rejected:c4", "c4", "P-4", FCG, 2023, SettlementStatus.rejected, null,
                null, 0, 0, 0, null, null));
        send(producer, "settlements", "P-5", settlement("c5/1", "c5", "P-5", FCG, 2023, SettlementStatus.settled, null,
                null, 0, 0, 900_000, "inpatient", "2023-05-20"));
        Fixtures.await("the alerts and settlements read", Duration.ofSeconds(30),
                () -> getJson(base + "/v1/reports/fund?region=" + FCG + "&year=2023", "token-reader")
                        .path("statuses").path("rejected").asLong() == 1
                        && getJson(base + "/v1/alerts", "token-reader").path("count").asInt() == 3);
    }

    @AfterAll
    void stop() {
        if (producer != null) producer.close();
        if (ctx != null) ctx.close();
    }

    @Test
    void readsNeedATokenOfAKindThatReadsPersonsAndOfTheRegion() throws Exception {
        assertEquals(401, get(base + "/v1/alerts", null).statusCode());
        assertEquals(401, get(base + "/v1/alerts", "no-such-token").statusCode());
        assertEquals(403, get(base + "/v1/alerts", "token-department").statusCode());
        assertEquals(403, get(base + "/v1/reports/fund?region=nanjing&year=2023", "token-hospital").statusCode());
        assertEquals(403, get(base + "/v1/persons/P-1/years/2023", "token-department").statusCode());
        assertEquals(403, get(base + "/v1/alerts?region=" + FCG, "token-reader-nanjing").statusCode());
        assertEquals(403, get(base + "/v1/reports/fund?region=" + FCG + "&year=2023", "token-reader-nanjing").statusCode());
        assertEquals(403, get(base + "/v1/alerts/stream?region=" + FCG, "token-reader-nanjing").statusCode());
        assertEquals(400, get(base + "/v1/alerts?region=atlantis", "token-reader").statusCode());
        assertEquals(400, get(base + "/v1/alerts?month=2023-13", "token-reader").statusCode());
        assertEquals(400, get(base + "/v1/alerts/stream", "token-reader", "Last-Event-ID", "garbage").statusCode());
        // without a region, a token sees its own regions only
        JsonNode nanjing = getJson(base + "/v1/alerts", "token-reader-nanjing");
        assertEquals(1, nanjing.path("count").asInt());
        assertEquals("nanjing", nanjing.path("alerts").path(0).path("region").asText());
        JsonNode overview = getJson(base + "/v1/reports/overview?year=2023", "token-reader-nanjing");
        assertEquals(1, overview.path("regions").size());
        // an agency of the region reads it
        assertEquals(2, getJson(base + "/v1/alerts?region=" + FCG, "token-agency-fcg").path("count").asInt());
        // the page itself is open: it holds no data
        HttpResponse<String> page = get(base + "/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("echarts-6.1.0.min.js"), "the page loads the pinned ECharts");
        assertEquals(200, get(base + "/vendor/echarts-6.1.0.min.js", null).statusCode());
    }

    @Test
    void monthlyListsByRegionMonthAndRecipientAsJsonAndCsv() throws Exception {
        JsonNode august = getJson(base + "/v1/alerts?region=" + FCG + "&month=2023-08&recipient=civil_affairs", "token-reader");
        assertEquals(1, august.path("count").asInt());
        JsonNode a = august.path("alerts").path(0);
        assertEquals("P-1", a.path("personId").asText(), "a reader of the region sees the personId: it has to act on it");
        assertEquals("6123.00", a.path("value").asText());
        assertEquals("5000.00", a.path("threshold").asText());
        // the month is the claim's: a late claim's alert is on March's list
        JsonNode march = getJson(base + "/v1/alerts?region=" + FCG + "&month=2023-03&recipient=rural_revitalization", "token-reader");
        assertEquals(List.of("P-2"), ids(march));
        assertEquals(0, getJson(base + "/v1/alerts?region=" + FCG + "&month=2023-08&recipient=medical_security", "token-reader")
                .path("count").asInt());

        HttpResponse<String> csv = get(base + "/v1/alerts?region=" + FCG + "&month=2023-08", "token-reader", "Accept", "text/csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals("alertId,personId,region,year,month,rule,measure,value,threshold,recipients,hospitalId,claimId", lines[0]);
        assertEquals("P-1/2023/" + POVERTY + ",P-1,fangchenggang,2023,2023-08," + POVERTY
                + ",burden,6123.00,5000.00,rural_revitalization;civil_affairs,H01,C-P-1", lines[1]);
        assertEquals(2, lines.length);

        HttpResponse<String> zh = get(base + "/v1/alerts?region=" + FCG + "&month=2023-08&format=csv&lang=zh", "token-reader");
        assertTrue(zh.body().startsWith("\uFEFF预警编号,人员编号,地区,年度,月份,预警规则,监测指标,指标值（元）,预警线（元）,接收部门,医疗机构,费用单号\r\n"),
                zh.body());
        assertTrue(zh.body().contains(",P-1,防城港,2023,2023-08,") && zh.body().contains(",乡村振兴、民政,"), zh.body());
    }

    @Test
    void fundReportSumsTheDeltasByMonthTierAndClass() throws Exception {
        JsonNode r = getJson(base + "/v1/reports/fund?region=" + FCG + "&year=2023", "token-reader");
        assertEquals("800.00", r.path("total").path("assistance").asText(), "1000 − 200 + 300 − 300");
        assertEquals("50.00", r.path("total").path("tilt").asText());
        assertEquals("850.00", r.path("total").path("paid").asText());
        assertEquals(4, r.path("total").path("settled").asLong());
        assertEquals(1, r.path("total").path("adjustments").asLong());
        assertEquals(1, r.path("total").path("reversed").asLong());
        assertEquals(4, r.path("statuses").path("settled").asLong());
        assertEquals(1, r.path("statuses").path("parked").asLong());
        assertEquals(1, r.path("statuses").path("rejected").asLong());
        JsonNode months = r.path("byMonth");
        assertEquals("2023-02", months.path(0).path("month").asText());
        assertEquals("800.00", months.path(0).path("assistance").asText());
        assertEquals("2023-03", months.path(1).path("month").asText());
        assertEquals("0.00", months.path(1).path("assistance").asText(), "settled and reversed in the same month");
        assertEquals(1, months.path(1).path("reversed").asLong());
        JsonNode none = months.path(months.size() - 1);
        assertTrue(none.path("month").isNull(), "tilt paid on an application has no claim month");
        assertEquals("50.00", none.path("tilt").asText());
        JsonNode classes = r.path("byClass");
        assertEquals("chronic", classes.path(0).path("claimClass").asText());
        assertEquals("0.00", classes.path(0).path("assistance").asText());
        assertEquals("inpatient", classes.path(1).path("claimClass").asText());
        assertEquals("800.00", classes.path(1).path("assistance").asText());
        assertEquals("class2", r.path("byTier").path(0).path("tier").asText());
        assertEquals("800.00", r.path("byTier").path(0).path("assistance").asText());
        assertTrue(r.path("rows").size() >= 4);
        assertEquals(400, get(base + "/v1/reports/fund?region=" + FCG, "token-reader").statusCode());
    }

    @Test
    void watchListHasTheAlertedPersonsOverAndTheCloseOnesNear() throws Exception {
        JsonNode w = getJson(base + "/v1/reports/watch?region=" + FCG + "&year=2023", "token-reader");
        List<String> states = new ArrayList<>();
        for (JsonNode p : w.path("persons")) states.add(p.path("state").asText() + " " + p.path("personId").asText() + " " + p.path("rule").asText());
        assertTrue(states.contains("over P-1 " + POVERTY), states.toString());
        assertTrue(states.contains("over P-2 " + RESIDENTS), states.toString());
        // P-5: a resident (no identity) whose residual 9,000 is 90 % of the 10,000 burden threshold
        assertTrue(states.contains("near P-5 " + RESIDENTS), states.toString());
        assertEquals(2, w.path("over").asLong());
        for (JsonNode p : w.path("persons")) {
            if (p.path("personId").asText().equals("P-5")) {
                assertEquals("9000.00", p.path("value").asText());
                assertEquals("lower bound", p.path("estimate").asText());
            }
        }
        JsonNode ov = getJson(base + "/v1/reports/overview?year=2023", "token-reader");
        JsonNode fcg = null;
        for (JsonNode c : ov.path("regions")) if (c.path("region").asText().equals(FCG)) fcg = c;
        assertNotNull(fcg);
        assertEquals("防城港", fcg.path("name").asText());
        assertEquals("800.00", fcg.path("assistance").asText());
        assertEquals(2, fcg.path("alerts").asInt());
        assertEquals(2, fcg.path("over").asInt());
        assertEquals(1, fcg.path("near").asInt());
    }

    @Test
    void auditRecordsNamePersonsHashedOnly() throws Exception {
        audit.clear();
        String requestId = "audit-test-1";
        get(base + "/v1/alerts?region=" + FCG + "&month=2023-08", "token-reader", "X-Request-Id", requestId);
        String record = audit.stream().filter(r -> r.contains(requestId)).findFirst().orElseThrow();
        assertFalse(record.contains("P-1"), record);
        assertTrue(record.contains(PersonIdHash.withKey(Fixtures.KEY).of("P-1")), record);
        assertTrue(record.contains("\"kind\":\"reader\""), record);
    }

    @Test
    void theFeedSendsNewAlertsAndResumesExactlyFromLastEventId() throws Exception {
        // a first connection: "ready" carries the position; then the new alert, whose id is the position after it
        SseClient first = SseClient.open(base + "/v1/alerts/stream?region=" + FCG, "token-reader", null);
        SseClient.Event ready = first.next(Duration.ofSeconds(10));
        assertEquals("ready", ready.name());
        send(producer, "alerts", "P-6", alert("P-6", FCG, 2023, "2023-09", POVERTY, "burden", 700_000, 500_000,
                List.of("rural_revitalization", "civil_affairs")));
        SseClient.Event six = first.next(Duration.ofSeconds(10));
        assertEquals("alert", six.name());
        assertEquals("P-6", Fixtures.JSON.readTree(six.data()).path("personId").asText());
        assertTrue(six.id().matches("\\d+:-?\\d+(,\\d+:-?\\d+){2}"), six.id());
        first.close();

        // while away: one alert of another region (filtered out) and one of this region
        send(producer, "alerts", "P-7", alert("P-7", "nanjing", 2023, "2023-09", "nanjing/monitoring/expenditure-self-pay", "S",
                1_600_000, 1_500_000, List.of("civil_affairs")));
        send(producer, "alerts", "P-8", alert("P-8", FCG, 2023, "2023-09", POVERTY, "burden", 510_000, 500_000,
                List.of("rural_revitalization", "civil_affairs")));
        Fixtures.await("both read", Duration.ofSeconds(20), () -> getJson(base + "/v1/alerts?month=2023-09", "token-reader").path("count").asInt() == 3);

        SseClient again = SseClient.open(base + "/v1/alerts/stream?region=" + FCG, "token-reader", six.id());
        assertEquals("ready", again.next(Duration.ofSeconds(10)).name());
        SseClient.Event eight = again.next(Duration.ofSeconds(10));
        assertEquals("P-8", Fixtures.JSON.readTree(eight.data()).path("personId").asText(), "P-6 is not sent twice, P-7 is filtered");
        assertNull(again.next(Duration.ofMillis(700)), "nothing else");
        again.close();

        // the resumed position is exact on its own: from P-8's id nothing is left
        SseClient last = SseClient.open(base + "/v1/alerts/stream?region=" + FCG, "token-reader", eight.id());
        assertEquals("ready", last.next(Duration.ofSeconds(10)).name());
        assertNull(last.next(Duration.ofMillis(700)));
        last.close();

        // the feed's persons reach the audit record when it closes, hashed
        Fixtures.await("the feed's audit record", Duration.ofSeconds(10), () -> audit.stream().anyMatch(r ->
                r.contains("\"outcome\":\"delivered\"") && r.contains(PersonIdHash.withKey(Fixtures.KEY).of("P-8"))));
        assertTrue(audit.stream().noneMatch(r -> r.contains("\"P-8\"")));
    }

    static String revocableTokens(boolean present) {
        if (!present) return "principals: {}\n";
        return "principals:\n  revocable:\n    kind: agency\n    name: jiyuan-revocable\n    regions: jiyuan\n"
                + "    token-sha256: " + org.medassist.kit.auth.TokenAuthenticator.sha256("token-revocable") + "\n";
    }

    /**
     * An open feed keeps no more rights than its token has now: revoked while the feed is open, the token gets no
     * further alert and the feed ends (docs/security.md, revocation). It kept streaming before (found by an audit).
     */
    @Test
    void aFeedEndsWhenItsTokenIsRevoked() throws Exception {
        // a region no other test of this class reads, so its alert changes none of their counts
        SseClient feed = SseClient.open(base + "/v1/alerts/stream?region=jiyuan", "token-revocable", null);
        assertEquals("ready", feed.next(Duration.ofSeconds(10)).name());
        java.nio.file.Files.writeString(tokensFile, revocableTokens(false));
        Fixtures.await("the revocation read", Duration.ofSeconds(10),
                () -> Fixtures.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/alerts")).header("Authorization",
                        "Bearer token-revocable").build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 401);
        send(producer, "alerts", "P-R", alert("P-R", "jiyuan", 2023, "2023-10", "jiyuan/monitoring/g3-self-pay", "S", 2_000_000,
                1_975_000, List.of("civil_affairs")));
        Fixtures.await("the alert read", Duration.ofSeconds(20),
                () -> getJson(base + "/v1/alerts?month=2023-10", "token-reader").path("count").asInt() == 1);
        assertNull(feed.next(Duration.ofMillis(1_500)), "no alert after the revocation");
        Fixtures.await("the feed ended", Duration.ofSeconds(10), feed::ended);
        feed.close();
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : list.path("alerts")) out.add(a.path("personId").asText());
        return out;
    }

    /** A minimal SSE reader over java.net.http (what the page does with fetch). */
    static final class SseClient implements AutoCloseable {
        record Event(String name, String id, String data) {}

        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private volatile Stream<String> lines;
        private final java.util.concurrent.CompletableFuture<?> future;

        private SseClient(String url, String token, String lastEventId) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) b.header("Last-Event-ID", lastEventId);
            future = Fixtures.HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
                if (r.statusCode() != 200) throw new IllegalStateException("feed answered " + r.statusCode());
                lines = r.body();
                String[] ev = {"message", null, ""};
                lines.forEach(line -> {
                    if (line.isEmpty()) {
                        if (!ev[0].equals("keepalive")) events.add(new Event(ev[0], ev[1], ev[2]));
                        ev[0] = "message";
                        ev[1] = null;
                        ev[2] = "";
                    } else if (line.startsWith("event:")) {
                        ev[0] = line.substring(6).trim();
                    } else if (line.startsWith("id:")) {
                        ev[1] = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        ev[2] += line.substring(5).trim();
                    }
                });
            });
        }

        static SseClient open(String url, String token, String lastEventId) { return new SseClient(url, token, lastEventId); }

        /** Whether the server ended the stream. */
        boolean ended() { return future.isDone(); }

        Event next(Duration within) throws InterruptedException {
            return events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            Stream<String> l = lines;
            if (l != null) l.close();
            future.cancel(true);
        }
    }
}
