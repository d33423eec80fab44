package org.medassist.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/simulate's command line: options, messages, exit codes, bytes. */
class SimulateTest {

    @TempDir
    Path dir;

    /** The exit code, stderr and stdout of one run. */
    record Result(int code, String err, byte[] out) {
        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private static Result run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Simulate.run(args, new PrintStream(err, true, StandardCharsets.UTF_8), out);
        return new Result(code, err.toString(StandardCharsets.UTF_8), out.toByteArray());
    }

    @Test
    void theSameOptionsGiveTheSameBytesOnStdoutOrInAFile() throws Exception {
        Result a = run("--people", "60", "--seed", "9", "--quiet");
        assertEquals(0, a.code(), a.err());
        assertEquals("", a.err(), "--quiet");
        Result b = run("--people=60", "--seed=9", "--threads", "1", "--out", dir.resolve("e.jsonl").toString());
        assertEquals(0, b.code(), b.err());
        assertArrayEquals(a.out(), Files.readAllBytes(dir.resolve("e.jsonl")));
        assertTrue(b.err().contains(" events in ") && b.err().contains("5 cities"), b.err());
        List<String> lines = a.outText().lines().toList();
        assertTrue(lines.size() > 300);
        assertTrue(lines.get(0).startsWith("{\"type\":\"parameter\""), lines.get(0));
        assertFalse(a.outText().equals(run("--people", "60", "--seed", "10", "--quiet").outText()), "another seed, another stream");
    }

    @Test
    void regionsStartYearAndShares() {
        Result r = run("--people", "40", "--regions", "jiyuan,nanjing", "--start-year", "2022", "--years", "2",
                "--invalid-share", "0", "--late-share", "0.5", "--quiet");
        assertEquals(0, r.code(), r.err());
        String out = r.outText();
        assertTrue(out.contains("\"region\":\"jiyuan\"") && out.contains("\"region\":\"nanjing\""));
        assertFalse(out.contains("\"region\":\"jiujiang\""));
        assertTrue(out.contains("\"year\":2022") && out.contains("\"year\":2023"));
        assertFalse(out.contains("-X1"), "no breaches");
    }

    @Test
    void wrongUsageIsOneMessageAndExitCodeTwo() {
        assertUsage("bin/simulate: unknown option --peple (did you mean --people?)", "--peple", "3");
        assertUsage("bin/simulate: unknown option --peple (did you mean --people?)", "--peple=3");
        assertUsage("bin/simulate: --people 0 is not between 1 and 100000000", "--people", "0");
        assertUsage("bin/simulate: Invalid value for option '--people': 'many' is not an int", "--people", "many");
        assertUsage("bin/simulate: Missing required parameter for option '--seed' (S)", "--seed");
        assertUsage("bin/simulate: --seed -1 is negative", "--seed", "-1");
        assertUsage("bin/simulate: --years 31 is not between 1 and 30", "--years", "31");
        assertUsage("bin/simulate: --invalid-share 0.9 is not between 0 and 0.5", "--invalid-share", "0.9");
        assertUsage("bin/simulate: --regions: no policy for region \"atlantis\"; the catalog has: fangchenggang, jiangyin, jiujiang, jiyuan, nanjing",
                "--regions", "atlantis");
        assertUsage("bin/simulate: --policies " + dir.resolve("none") + " is not a directory", "--policies", dir.resolve("none").toString());
        assertUsage("bin/simulate: unexpected argument \"events.jsonl\" (the output file is --out FILE)", "events.jsonl");
    }

    private static void assertUsage(String message, String... args) {
        Result r = run(args);
        assertEquals(2, r.code(), r.err());
        assertEquals(message + "\nTry 'bin/simulate --help' for the options.\n", r.err());
        assertEquals(0, r.out().length);
    }

    @Test
    void helpListsEveryOption() {
        Result r = run("--help");
        assertEquals(0, r.code());
        String help = r.outText();
        for (String option : List.of("--people", "--years", "--seed", "--start-year", "--regions", "--policies", "--out",
                "--invalid-share", "--late-share", "--threads", "--quiet", "--help")) {
            assertTrue(help.contains(option), option);
        }
        assertTrue(help.contains("(default: 500)"), help);
    }

    @Test
    void anInvalidPolicyDirectoryFailsWithItsReason() throws Exception {
        Files.createDirectories(dir.resolve("broken"));
        Files.writeString(dir.resolve("broken/policy.yaml"), "region: broken\n");
        Result r = run("--policies", dir.toString(), "--quiet");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("bin/simulate: a policy file is invalid: "), r.err());
        assertTrue(r.err().contains("broken/policy.yaml"), r.err());
    }

    @Test
    void anUnwritableOutputFailsWithItsReason() {
        Result r = run("--people", "5", "--out", dir.resolve("no/such/dir/e.jsonl").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("bin/simulate: cannot write " + dir.resolve("no/such/dir/e.jsonl")), r.err());
    }
}
