package org.medassist.settlement.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/settle's command line: commands, options, messages and exit codes. */
class SettleTest {

    @TempDir
    Path dir;

    record Result(int code, String err, String out) {}

    private static Result run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Settle.run(args, new PrintStream(err, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Result(code, err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutACommandItShowsTheUsageAndExitsTwo() {
        Result r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("settle: a command is needed: replay, whatif or policies\nUsage: bin/settle"), r.err());
        assertTrue(r.err().contains("replay") && r.err().contains("policies"), r.err());
    }

    @Test
    void helpGoesToStdoutAndExitsZero() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}, {"help", "replay"}, {"replay", "--help"}}) {
            Result r = run(args);
            assertEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.out().startsWith("Usage: bin/settle"), r.out());
        }
        String replayHelp = run("replay", "--help").out();
        for (String option : new String[] {"--in", "--out", "--policies", "--quiet"}) assertTrue(replayHelp.contains(option), option);
        assertTrue(run("policies", "--help").out().contains("--policies"));
    }

    @Test
    void wrongUsageIsNamedAndExitsTwo() {
        assertUsage("settle: unknown command \"frobnicate\"", "frobnicate");
        assertUsage("settle replay: unknown option \"--fast\"", "replay", "--fast");
        assertUsage("settle replay: --in needs a value: --in FILE", "replay", "--in");
        assertUsage("settle replay: unexpected argument \"events.jsonl\"", "replay", "events.jsonl");
        assertUsage("settle policies: --policies needs a value: --policies DIR", "policies", "--policies");
    }

    private static void assertUsage(String message, String... args) {
        Result r = run(args);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith(message + "\nUsage: bin/settle"), r.err());
    }

    @Test
    void replayReadsAFileAndWritesAFile() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, """
                {"type":"identity","eventId":"mz-1","personId":"P-1","region":"jiangyin","department":"civil_affairs","identity":"minimum_living","action":"grant","effectiveDate":"2023-01-01"}
                {"type":"claim","claimId":"C-1","personId":"P-1","region":"jiangyin","hospitalId":"H1","hospitalLevel":"tertiary","kind":"inpatient","admissionDate":"2023-05-01","dischargeDate":"2023-05-10","location":"in_city","referred":true,"hardship":false,"diseaseGroup":null,"specialDiseaseRegistered":false,"amounts":{"total":"10000.00","outOfScope":"0.00","policyScope":"10000.00","basicInsurance":"0.00","criticalIllness":"0.00","otherInsurance":"0.00"}}
                """);
        Result r = run("replay", "--in", in.toString(), "--out", dir.resolve("out.jsonl").toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        String out = Files.readString(dir.resolve("out.jsonl"));
        assertTrue(out.contains("\"status\":\"settled\"") && out.contains("\"assistance\":\"7000.00\""), out);
        Result missing = run("replay", "--in", dir.resolve("none.jsonl").toString());
        assertEquals(1, missing.code());
        assertEquals("settle replay: no such file: " + dir.resolve("none.jsonl") + "\n", missing.err());

        // a file a Windows tool wrote: a byte order mark before line 1, CRLF line ends; the same settlement
        Path windows = dir.resolve("windows.jsonl");
        Files.writeString(windows, "\uFEFF" + Files.readString(in).replace("\n", "\r\n"));
        Result bom = run("replay", "--in", windows.toString(), "--out", dir.resolve("windows-out.jsonl").toString(), "--quiet");
        assertEquals(0, bom.code(), bom.err());
        assertEquals(out, Files.readString(dir.resolve("windows-out.jsonl")));

        // a byte that is not UTF-8 inside line 2: that line is rejected with its number and reason, the rest settles
        byte[] bytes = Files.readAllBytes(in);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        int at = text.indexOf("\"C-1\"") + 3;
        bytes[at] = (byte) 0xff;
        Path bad = dir.resolve("bad-byte.jsonl");
        Files.write(bad, bytes);
        Result badByte = run("replay", "--in", bad.toString(), "--out", dir.resolve("bad-out.jsonl").toString(), "--quiet");
        assertEquals(0, badByte.code(), badByte.err());
        assertTrue(badByte.err().contains("line 2: claim C-\ufffd: claimId holds U+FFFD, the replacement character"), badByte.err());
        assertTrue(Files.readString(dir.resolve("bad-out.jsonl")).contains("\"status\":\"rejected\""));

        Result noDir = run("replay", "--in", in.toString(), "--out", dir.resolve("nowhere/out.jsonl").toString());
        assertEquals(1, noDir.code());
        assertEquals("settle replay: no such directory: " + dir.resolve("nowhere") + " (for " + dir.resolve("nowhere/out.jsonl") + ")\n",
                noDir.err());
    }

    @Test
    void bothCommandsTakeAnOperatorsPolicyDirectory() throws Exception {
        Files.createDirectories(dir.resolve("policies/broken"));
        Files.writeString(dir.resolve("policies/broken/policy.yaml"), "region: broken\n");
        Files.writeString(dir.resolve("empty.jsonl"), "");
        Result replay = run("replay", "--policies", dir.resolve("policies").toString(), "--in", dir.resolve("empty.jsonl").toString(),
                "--out", dir.resolve("out.jsonl").toString());
        assertEquals(1, replay.code());
        assertTrue(replay.err().startsWith("settle replay: a policy file is invalid: ") && replay.err().contains("broken/policy.yaml"), replay.err());
        Result policies = run("policies", "--policies", dir.resolve("policies").toString());
        assertEquals(1, policies.code());
        assertTrue(policies.err().startsWith("settle policies: a policy file is invalid: "), policies.err());
        Result notADirectory = run("policies", "--policies", dir.resolve("nowhere").toString());
        assertEquals(1, notADirectory.code());
        assertTrue(notADirectory.err().contains("not a directory of policies"), notADirectory.err());
    }

    // ------------------------------------------------------------------------------------------------------ whatif

    @Test
    void whatifHelpNamesItsOptions() {
        for (String[] args : new String[][] {{"whatif", "--help"}, {"help", "whatif"}}) {
            Result r = run(args);
            assertEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.out().startsWith("Usage: bin/settle whatif"), r.out());
            for (String option : new String[] {"--in", "--from-kafka", "--baseline", "--changed", "--set", "--region", "--year", "--out",
                    "--show-person-ids", "nanjing:tiers[B].rates.inpatient.rate=0.95"}) {
                assertTrue(r.out().contains(option), option);
            }
        }
        assertTrue(run("--help").out().contains("whatif"));
    }

    @Test
    void whatifUsageErrorsExitTwo() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "");
        assertWhatifUsage("settle whatif: give the history: --in FILE or --from-kafka", "whatif");
        assertWhatifUsage("settle whatif: give the history: --in FILE or --from-kafka", "whatif", "--in", in.toString(), "--from-kafka");
        assertWhatifUsage("settle whatif: --set nanjing: expected REGION:PATH=VALUE, e.g. nanjing:tiers[B].rates.inpatient.rate=0.95",
                "whatif", "--in", in.toString(), "--set", "nanjing");
        assertWhatifUsage("settle whatif: --set nanjing:tiers[B].rats.inpatient=1: tiers[B] has no key \"rats\"", "whatif", "--in", in.toString(), "--set", "nanjing:tiers[B].rats.inpatient=1");
        assertWhatifUsage("settle whatif: --region shanghai is not in the policy catalog", "whatif", "--in", in.toString(), "--region", "shanghai");
        assertWhatifUsage("settle whatif: --year 23 is not a year from 1900 to 2999", "whatif", "--in", in.toString(), "--year", "23");
        Result invalid = run("whatif", "--in", in.toString(), "--set", "nanjing:tiers[B].rates.inpatient.rate=ninety");
        assertEquals(1, invalid.code(), invalid.err());
        assertTrue(invalid.err().startsWith("settle whatif: the changed policy does not load: "), invalid.err());
        Result missing = run("whatif", "--in", dir.resolve("none.jsonl").toString(), "--quiet");
        assertEquals(1, missing.code());
        assertTrue(missing.err().endsWith("settle whatif: no such file: " + dir.resolve("none.jsonl") + "\n"), missing.err());
    }

    private static void assertWhatifUsage(String message, String... args) {
        Result r = run(args);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith(message) && r.err().contains("\nUsage: bin/settle whatif"), r.err());
    }

    /**
     * The check through the command line: a changed policy directory (Jiujiang's 二类 cap 5万 → 6万) over the
     * example file; the fund difference in fund.csv equals bin/settle replay run with each policy directory.
     */
    @Test
    void whatifEqualsReplayRunTwiceAndWritesItsReport() throws Exception {
        Path examples = Path.of("").toAbsolutePath();
        while (!Files.exists(examples.resolve("mvnw"))) examples = examples.getParent();
        Path events = examples.resolve("docs/examples/jiujiang.jsonl");
        Path shipped = examples.resolve("settlement-engine/src/main/resources/policies/jiujiang/policy.yaml");
        String policy = Files.readString(shipped);
        String changed = policy.replace("annual: {amount: \"50000.00\"", "annual: {amount: \"60000.00\"");
        assertTrue(!changed.equals(policy));
        Files.createDirectories(dir.resolve("changed/jiujiang"));
        Files.writeString(dir.resolve("changed/jiujiang/policy.yaml"), changed);

        Path out = dir.resolve("report");
        Result r = run("whatif", "--in", events.toString(), "--changed", dir.resolve("changed").toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("三（三）2（2）") && r.out().contains("tiers[class2].caps.annual.amount: 50000.00 → 60000.00"), r.out());
        assertTrue(!r.out().contains("JIUJIANG-"), "personIds are hashed unless asked: " + r.out());
        for (String f : new String[] {"fund.csv", "by_city.csv", "by_tier.csv", "by_class.csv", "by_month.csv", "persons.csv",
                "burden_percentiles.csv", "burden_tenths.csv", "alerts.csv", "policy_changes.csv", "report.html", "summary.txt"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg") && !html.contains("<script src") && !html.contains("<link"), "self-contained, with charts");

        Path base = dir.resolve("base.jsonl");
        Path chg = dir.resolve("chg.jsonl");
        Files.createDirectories(dir.resolve("none"));
        assertEquals(0, run("replay", "--in", events.toString(), "--out", base.toString(), "--quiet").code());
        assertEquals(0, run("replay", "--in", events.toString(), "--out", chg.toString(), "--policies", dir.resolve("changed").toString(), "--quiet").code());
        long difference = paid(chg) - paid(base);
        String total = Files.readAllLines(out.resolve("fund.csv")).stream().filter(l -> l.startsWith("total,")).findFirst().orElseThrow();
        assertEquals(org.medassist.engine.money.Money.format(difference), total.split(",")[3], total);
        assertTrue(difference > 0, "the example hits the cap");
    }

    /** Assistance plus tilt of every settlement line of a replay output, in fen. */
    private static long paid(Path settlements) throws Exception {
        long sum = 0;
        for (String line : Files.readAllLines(settlements)) {
            if (org.medassist.schemas.json.EventJson.read(line) instanceof org.medassist.events.Settlement s) sum += s.getAssistance() + s.getTilt();
        }
        return sum;
    }

    /**
     * A replay whose ledgers outgrow the heap stops with a message that says how to give it more, and exit code 1, not
     * a stack trace: run in a JVM of its own with a 40 MiB heap and 100,000 persons' claims (about 120 MB of ledgers).
     */
    @Test
    void aFullHeapStopsReplayWithAdviceNotAStackTrace(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("many.jsonl");
        try (var w = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 100_000; i++) {
                w.write("{\"type\":\"claim\",\"claimId\":\"C" + i + "\",\"personId\":\"P-" + i + "\",\"region\":\"fangchenggang\","
                        + "\"hospitalId\":\"H01\",\"hospitalLevel\":\"tertiary\",\"kind\":\"inpatient\",\"admissionDate\":\"2023-01-25\","
                        + "\"dischargeDate\":\"2023-02-01\",\"location\":\"in_city\",\"referred\":true,\"hardship\":false,"
                        + "\"diseaseGroup\":null,\"specialDiseaseRegistered\":false,\"amounts\":{\"total\":\"30000.00\",\"outOfScope\":\"0.00\","
                        + "\"policyScope\":\"30000.00\",\"basicInsurance\":\"0.00\",\"criticalIllness\":\"0.00\",\"otherInsurance\":\"0.00\"}}\n");
            }
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx40m",
                "-cp", System.getProperty("java.class.path"), Settle.class.getName(),
                "replay", "--in", in.toString(), "--out", dir.resolve("out.jsonl").toString(), "--quiet")
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), said);
        assertTrue(said.contains("the Java heap (") && said.contains("SETTLE_JAVA_OPTS=-Xmx"), said);
        assertTrue(!said.contains("\tat "), "no stack trace: " + said);
    }
}
