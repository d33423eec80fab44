package org.medassist.settlement.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.medassist.engine.policy.load.PolicyFileException;
import org.medassist.engine.policy.doc.PolicyTable;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.engine.policy.load.PolicySource;
import org.medassist.settlement.replay.ByteOrderMark;
import org.medassist.settlement.replay.Replay;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code bin/settle} command line (picocli): {@code replay}, {@code whatif} (docs/whatif.md) and {@code policies}. Messages, never stack traces,
 * for anything a user can get wrong. Exit codes: 0 done, 1 failed (a file, a policy, lines failing in the engine),
 * 2 wrong usage.
 */
@Command(name = "bin/settle", usageHelpAutoWidth = true, synopsisSubcommandLabel = "(replay | whatif | policies)",
        description = "Settles event files through the engine, without Kafka, compares a history under a changed policy, and prints the policies' rules with their clauses.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'bin/settle COMMAND --help' for a command's options."})
public final class Settle implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    boolean help;

    private final PrintStream err;

    private Settle(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        return run(args, err, System.out);
    }

    /**
     * Runs the command line in this JVM (for tools and tests); returns the exit code. Help goes to {@code out},
     * everything else to {@code err}.
     */
    public static int run(String[] args, PrintStream err, PrintStream out) {
        CommandLine cl = new CommandLine(new Settle(err));
        cl.addSubcommand("replay", new ReplayCommand(err));
        cl.addSubcommand("whatif", new WhatIfCommand(err, out, System.in, System.getenv()));
        cl.addSubcommand("policies", new PoliciesCommand(err));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine at = ex.getCommandLine();
            err.println(commandName(at) + ": " + message(ex));
            at.usage(cl.getErr());
            return CommandLine.ExitCode.USAGE;
        });
        return cl.execute(args);
    }

    /** picocli's message, in this command's own words where it always had them. */
    private static String message(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            if (first.startsWith("-")) return "unknown option \"" + first + "\"";
            return ex.getCommandLine().getParent() == null ? "unknown command \"" + first + "\"" : "unexpected argument \"" + first + "\"";
        }
        if (ex instanceof MissingParameterException m && !m.getMissing().isEmpty() && m.getMissing().get(0) instanceof OptionSpec o) {
            return o.longestName() + " needs a value: " + o.longestName() + " " + o.paramLabel();
        }
        return ex.getMessage();
    }

    /** {@code settle} or {@code settle replay}, as messages have always named them. */
    private static String commandName(CommandLine at) {
        return at.getParent() == null ? "settle" : "settle " + at.getCommandName();
    }

    /** No command: the usage, as a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is needed: replay, whatif or policies");
    }

    @Command(name = "replay", usageHelpAutoWidth = true, sortOptions = false,
            description = {"Applies the events in file order through the settlement engine and writes the settlement and "
                    + "alert lines (the event contract's form). Reads stdin and writes stdout when --in / --out are "
                    + "omitted or -. A summary goes to stderr, and a progress line every two seconds on long inputs."})
    static final class ReplayCommand implements Callable<Integer> {
        @Option(names = "--in", paramLabel = "FILE", description = "the events, JSON Lines (default: stdin)")
        String in;

        @Option(names = "--out", paramLabel = "FILE", description = "the settlements and alerts, JSON Lines (default: stdout)")
        String out;

        @Option(names = "--policies", paramLabel = "DIR",
                description = "an operator's policy directory (<region>/policy.yaml), adding cities to the shipped ones or replacing them")
        Path policies;

        @Option(names = "--quiet", description = "no progress lines on long inputs")
        boolean quiet;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
        boolean help;

        private final PrintStream err;

        ReplayCommand(PrintStream err) {
            this.err = err;
        }

        @Override
        public Integer call() {
            return replay(in, out, quiet, policies, err);
        }
    }

    @Command(name = "policies", usageHelpAutoWidth = true,
            description = "Prints docs/policies.md for the catalog: rule → clause → quote → policy-file key.")
    static final class PoliciesCommand implements Callable<Integer> {
        @Option(names = "--policies", paramLabel = "DIR",
                description = "an operator's policy directory (<region>/policy.yaml), adding cities to the shipped ones or replacing them")
        Path policies;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
        boolean help;

        private final PrintStream err;

        PoliciesCommand(PrintStream err) {
            this.err = err;
        }

        @Override
        public Integer call() {
            try {
                List<PolicySource> sources = PolicyLoader.sources(policies);
                PolicyLoader.load(sources); // every file valid first: the table reads them as they are
                System.out.print(PolicyTable.markdown(sources));
                return 0;
            } catch (PolicyFileException e) {
                err.println("settle policies: a policy file is invalid: " + e.getMessage());
                return 1;
            }
        }
    }

    private static int replay(String in, String out, boolean quiet, Path policies, PrintStream err) {
        try (BufferedReader reader = open(in);
             OutputStream writer = create(out)) {
            long failed = new Replay(PolicyLoader.catalog(policies), err, !quiet).run(reader, writer);
            return failed == 0 ? 0 : 1;
        } catch (java.nio.file.FileSystemException e) {
            err.println("settle replay: " + org.medassist.schemas.cli.FileProblems.describe(e));
        } catch (PolicyFileException e) {
            err.println("settle replay: a policy file is invalid: " + e.getMessage());
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("settle replay: " + e.getMessage());
        } catch (RuntimeException e) {
            err.println("settle replay: stopped by an internal error: " + e + " (please report it with the input)");
        } catch (OutOfMemoryError e) {
            // the ledgers were the replay's alone: unwound, they are garbage, and there is room to say what to do
            err.println("settle replay: stopped, the Java heap (" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MiB) is full. Replay keeps every person's ledger in memory, about 560 bytes per claim, and reads"
                    + " each line whole (a line of tens of megabytes needs that much again); run it with a larger heap,"
                    + " e.g. SETTLE_JAVA_OPTS=-Xmx8g bin/settle replay … (docs/settlement-service.md, \"Replay and its"
                    + " memory\"). The output written so far is incomplete.");
        }
        return 1;
    }

    private static BufferedReader open(String in) throws IOException {
        if (in == null || in.equals("-")) {
            return ByteOrderMark.skip(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16));
        }
        Path p = Path.of(in);
        if (Files.isDirectory(p)) throw new IOException(in + " is a directory, not an events file");
        // bytes that are not UTF-8 read as U+FFFD, as on stdin, so that line is rejected with its number and the reason
        // (Files.newBufferedReader's decoder would stop the whole replay at the first bad byte, with no line number)
        return ByteOrderMark.skip(new BufferedReader(new InputStreamReader(Files.newInputStream(p), StandardCharsets.UTF_8), 1 << 16));
    }

    /** Where the output lines go; the replay buffers and encodes them itself (UTF-8). */
    private static OutputStream create(String out) throws IOException {
        if (out == null || out.equals("-")) return System.out;
        return Files.newOutputStream(Path.of(out));
    }
}
