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
        assertTrue(r.err().startsWith("settle: a command is needed: replay or policies\nUsage: bin/settle"), r.err());
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
}
