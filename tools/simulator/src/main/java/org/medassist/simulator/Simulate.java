package org.medassist.simulator;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.load.PolicyFileException;
import org.medassist.engine.policy.load.PolicyLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code bin/simulate}: writes the synthetic stream as JSON Lines in the contract's form, for {@code bin/settle
 * replay} or a benchmark. Progress and a summary go to stderr. Exit codes: 0 done, 1 failed (a policy file, the
 * output), 2 wrong usage.
 */
@Command(name = "bin/simulate", sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Writes a synthetic event stream (JSON Lines, the event contract's form) for the cities of the policy "
                + "catalog: identities first, then each year's claims, reversals, applications, parameters and year "
                + "closes, with late identity records and a share of contract breaches that replay rejects.",
            "The same options give the same bytes. Memory does not grow with --people.",
            ""},
        footer = {"", "Example:", "  bin/simulate --people 2000 --years 2 --seed 7 --out events.jsonl",
            "  bin/settle replay --in events.jsonl --out settlements.jsonl",
            "", "Person ids: <REGION>-<seed>-<number>, e.g. NANJING-42-000123 (docs/simulator.md)."})
public final class Simulate implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--people", paramLabel = "N", description = "people in the stream, split evenly over the cities (default: ${DEFAULT-VALUE})")
    int people = SimulationConfig.DEFAULT_PEOPLE;

    @Option(names = "--years", paramLabel = "Y", description = "simulated years, 1 to " + SimulationConfig.MAX_YEARS + " (default: ${DEFAULT-VALUE})")
    int years = SimulationConfig.DEFAULT_YEARS;

    @Option(names = "--seed", paramLabel = "S", description = "the random seed, 0 or more; part of every id (default: ${DEFAULT-VALUE})")
    long seed = SimulationConfig.DEFAULT_SEED;

    @Option(names = "--start-year", paramLabel = "YEAR",
            description = "the first simulated year (default: the latest year in which a chosen city's policy takes effect)")
    Integer startYear;

    @Option(names = "--regions", paramLabel = "KEY", split = ",",
            description = "the cities to simulate, by region key (default: every city of the catalog)")
    List<String> regions = new ArrayList<>();

    @Option(names = "--policies", paramLabel = "DIR",
            description = "an operator's policy directory (<region>/policy.yaml), adding cities to the shipped ones or replacing them")
    Path policies;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the events (default: stdout; - is stdout)")
    String out;

    @Option(names = "--invalid-share", paramLabel = "FRACTION",
            description = "share of events followed by a contract breach, 0 to " + SimulationConfig.MAX_INVALID_SHARE + " (default: ${DEFAULT-VALUE})")
    double invalidShare = SimulationConfig.DEFAULT_INVALID_SHARE;

    @Option(names = "--late-share", paramLabel = "FRACTION",
            description = "share of identity records made during the simulated years that arrive weeks or months late, 0 to 1 (default: ${DEFAULT-VALUE})")
    double lateShare = SimulationConfig.DEFAULT_LATE_SHARE;

    @Option(names = "--threads", paramLabel = "N", description = "generator threads (default: the number of processors, ${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--quiet", description = "no progress lines and no summary on stderr")
    boolean quiet;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    boolean help;

    private final PrintStream err;
    private final OutputStream stdout;

    Simulate(PrintStream err, OutputStream stdout) {
        this.err = err;
        this.stdout = stdout;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err, new FileOutputStream(FileDescriptor.out)));
    }

    /** Runs the command line; returns the exit code. */
    static int run(String[] args, PrintStream err, OutputStream stdout) {
        return command(new Simulate(err, stdout), err, stdout).execute(args);
    }

    /**
     * A picocli command line whose help goes to {@code out} and whose usage errors are one message (and a hint) on
     * {@code err}, exit code 2.
     */
    static CommandLine command(Object command, PrintStream err, OutputStream out) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler((ex, args) -> {
            String name = ex.getCommandLine().getCommandName();
            err.println(name + ": " + message(ex));
            err.println("Try '" + name + " --help' for the options.");
            return CommandLine.ExitCode.USAGE;
        });
        return cl;
    }

    /** picocli's message, except for arguments it does not know: the first one, and what it may have meant. */
    private static String message(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) return ex.getMessage();
        String first = u.getUnmatched().get(0);
        if (!first.startsWith("-")) return "unexpected argument \"" + first + "\" (the output file is --out FILE)";
        String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        List<String> suggestions = u.getSuggestions();
        return "unknown option " + option + (suggestions.isEmpty() ? "" : " (did you mean " + suggestions.get(0) + "?)");
    }

    @Override
    public Integer call() {
        SimulationConfig config = config();
        PolicyCatalog catalog;
        try {
            catalog = PolicyLoader.catalog(policies);
        } catch (PolicyFileException e) {
            err.println("bin/simulate: a policy file is invalid: " + e.getMessage());
            return 1;
        }
        SyntheticStream stream;
        try {
            stream = new SyntheticStream(catalog, config);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--regions: " + e.getMessage());
        }
        try (OutputStream w = open()) {
            write(stream, w);
            return 0;
        } catch (IOException e) {
            err.println("bin/simulate: cannot write " + (out == null || out.equals("-") ? "to stdout" : out) + ": "
                    + org.medassist.schemas.cli.FileProblems.describe(e));
            return 1;
        }
    }

    private SimulationConfig config() {
        check(people >= 1 && people <= SimulationConfig.MAX_PEOPLE, "--people " + people + " is not between 1 and " + SimulationConfig.MAX_PEOPLE);
        check(years >= 1 && years <= SimulationConfig.MAX_YEARS, "--years " + years + " is not between 1 and " + SimulationConfig.MAX_YEARS);
        check(seed >= 0, "--seed " + seed + " is negative");
        check(startYear == null || startYear >= 1950 && startYear <= 2900, "--start-year " + startYear + " is not between 1950 and 2900");
        check(invalidShare >= 0 && invalidShare <= SimulationConfig.MAX_INVALID_SHARE,
                "--invalid-share " + invalidShare + " is not between 0 and " + SimulationConfig.MAX_INVALID_SHARE);
        check(lateShare >= 0 && lateShare <= 1, "--late-share " + lateShare + " is not between 0 and 1");
        check(threads >= 1 && threads <= 64, "--threads " + threads + " is not between 1 and 64");
        if (policies != null) check(Files.isDirectory(policies), "--policies " + policies + " is not a directory");
        for (String r : regions) check(!r.isBlank(), "--regions has an empty region key");
        return new SimulationConfig(seed, people, years, startYear, regions, invalidShare, lateShare);
    }

    private void check(boolean ok, String message) {
        if (!ok) throw new ParameterException(spec.commandLine(), message);
    }

    private OutputStream open() throws IOException {
        OutputStream os = out == null || out.equals("-") ? stdout : Files.newOutputStream(Path.of(out));
        return new BufferedOutputStream(os, 1 << 20);
    }

    private void write(SyntheticStream stream, OutputStream w) throws IOException {
        try (SyntheticStream.Events it = stream.iterator(threads)) {
            write(stream, it, w);
        }
    }

    private void write(SyntheticStream stream, SyntheticStream.Events it, OutputStream w) throws IOException {
        long start = System.nanoTime();
        long lastProgress = start;
        long events = 0;
        long breaches = 0;
        Map<String, Long> byType = new TreeMap<>();
        while (it.hasNext()) {
            StreamEvent e = it.next();
            w.write(e.utf8());
            w.write('\n');
            events++;
            byType.merge(e.type(), 1L, Long::sum);
            if (!e.valid()) breaches++;
            if (!quiet && (events & 0x3FFF) == 0) {
                long now = System.nanoTime();
                if (now - lastProgress > 2_000_000_000L) {
                    lastProgress = now;
                    err.printf("bin/simulate: %,d events · %.0f%% · %,.0f events/s%n", events, 100 * it.done(),
                            events / ((now - start) / 1e9));
                }
            }
        }
        w.flush();
        if (quiet) return;
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf("bin/simulate: %,d events in %.1f s (%,.0f events/s): %d cities (%s), %,d people, %d–%d, seed %d%n",
                events, seconds, events / Math.max(seconds, 1e-9), stream.cities().size(),
                String.join(", ", stream.cities().stream().map(City::region).toList()), stream.config().people(),
                stream.startYear(), stream.startYear() + stream.config().years() - 1, stream.config().seed());
        StringBuilder sb = new StringBuilder("  by type:");
        byType.forEach((type, n) -> sb.append(String.format(" %s %,d", type, n)));
        sb.append(String.format("; %,d contract breaches among them", breaches));
        err.println(sb);
    }
}
