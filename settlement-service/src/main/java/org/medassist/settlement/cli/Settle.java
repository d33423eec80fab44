package org.medassist.settlement.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.medassist.engine.policy.load.PolicyFileException;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.settlement.replay.Replay;

/** The {@code bin/settle} command line. Messages, never stack traces, for anything a user can get wrong. */
public final class Settle {
    static final String USAGE = """
            usage: bin/settle replay [--in events.jsonl] [--out settlements.jsonl] [--quiet]
                   bin/settle policies            print docs/policies.md (rule → clause → quote → key)

              replay   apply the events in file order through the settlement engine and write the
                       settlement and alert lines (docs/contract.md). Reads stdin and writes stdout when
                       --in / --out are omitted. A summary goes to stderr.
              --quiet  no progress lines on long inputs
            """;

    private Settle() {}

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            err.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("policies")) {
            try {
                System.out.print(org.medassist.engine.policy.doc.PolicyTable.markdown());
                return 0;
            } catch (PolicyFileException e) {
                err.println("settle policies: a policy file is invalid: " + e.getMessage());
                return 1;
            }
        }
        if (!args[0].equals("replay")) {
            err.println("settle: unknown command \"" + args[0] + "\"");
            err.print(USAGE);
            return 2;
        }
        String in = null;
        String out = null;
        boolean quiet = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--in", "--out" -> {
                    if (i + 1 >= args.length) {
                        err.println("settle replay: " + args[i] + " needs a file name");
                        return 2;
                    }
                    if (args[i].equals("--in")) in = args[++i]; else out = args[++i];
                }
                case "--quiet" -> quiet = true;
                default -> {
                    err.println("settle replay: unknown option \"" + args[i] + "\"");
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        try (BufferedReader reader = open(in);
             Writer writer = create(out)) {
            long failed = new Replay(PolicyLoader.bundled(), err, !quiet).run(reader, writer);
            return failed == 0 ? 0 : 1;
        } catch (NoSuchFileException e) {
            err.println("settle replay: no such file: " + e.getFile());
        } catch (java.nio.file.AccessDeniedException e) {
            err.println("settle replay: permission denied: " + e.getFile());
        } catch (PolicyFileException e) {
            err.println("settle replay: a policy file is invalid: " + e.getMessage());
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("settle replay: " + e.getMessage());
        } catch (RuntimeException e) {
            err.println("settle replay: stopped by an internal error: " + e + " (please report it with the input)");
        }
        return 1;
    }

    private static BufferedReader open(String in) throws IOException {
        if (in == null || in.equals("-")) return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        Path p = Path.of(in);
        if (Files.isDirectory(p)) throw new IOException(in + " is a directory, not an events file");
        return Files.newBufferedReader(p, StandardCharsets.UTF_8);
    }

    private static Writer create(String out) throws IOException {
        if (out == null || out.equals("-")) return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        return Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8);
    }
}
