package org.medassist.settlement.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.medassist.schemas.PersonIdHash;
import org.medassist.schemas.kafka.KafkaConnection;
import org.medassist.settlement.whatif.CsvReport;
import org.medassist.settlement.whatif.History;
import org.medassist.settlement.whatif.HtmlReport;
import org.medassist.settlement.whatif.JsonLinesHistory;
import org.medassist.settlement.whatif.KafkaHistory;
import org.medassist.settlement.whatif.PolicyOverrides;
import org.medassist.settlement.whatif.PolicyPair;
import org.medassist.settlement.whatif.Progress;
import org.medassist.settlement.whatif.TerminalProgress;
import org.medassist.settlement.whatif.TextReport;
import org.medassist.settlement.whatif.WhatIf;
import org.medassist.settlement.whatif.WhatIfReport;
import org.medassist.settlement.whatif.Scope;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/settle whatif}: a history settled under the baseline policy and under a changed one, through the same
 * engine, and what the change costs the fund and who gains (docs/whatif.md).
 */
@Command(name = "whatif", usageHelpAutoWidth = true, sortOptions = false,
        description = {"Settles a history twice, under the baseline policies and under a change, through the same engine, and "
                + "reports the policy difference rule by rule, the fund's cost by city, tier, claim class and month, the persons "
                + "who gain and lose, the out-of-pocket burden deciles and the monitoring alerts. A summary goes to stdout, a "
                + "progress bar to stderr; --out DIR writes a CSV per table and report.html.",
                "",
                "Overrides: --set REGION:PATH=VALUE, PATH as docs/policies.md names keys, list items by key or index:",
                "  --set nanjing:tiers[B].rates.inpatient.rate=0.95",
                "  --set jiujiang:tiers[0].caps.annual.amount=60000.00",
                "  --set 'nanjing:tiers[B].rates.outpatient.bands=[{upTo: \"3000.00\", rate: \"0.85\"}, {rate: \"0.80\"}]'"})
final class WhatIfCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--in", paramLabel = "FILE", description = "the history: an event file, JSON Lines (- for stdin)")
    String in;

    @Option(names = "--from-kafka", description = "the history: the settlement topology's input topics, read from the beginning "
            + "(read_committed, no consumer group, nothing committed)")
    boolean fromKafka;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = "with --from-kafka: the services' medassist.kafka.* keys "
            + "(bootstrap servers, security, registry) in a properties file (docs/operations.md)")
    Path kafkaConfig;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "with --from-kafka (default 127.0.0.1:9092, or the config file's)")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL", description = "with --from-kafka: the schema registry (default the config file's, or the local run's)")
    String registryUrl;

    @Option(names = "--baseline", paramLabel = "DIR", description = "an operator's policy directory (<region>/policy.yaml) over the "
            + "shipped policies, as the baseline (default: the shipped policies)")
    Path baseline;

    @Option(names = "--changed", paramLabel = "DIR", description = "a directory of <region>/policy.yaml replacing those regions of the baseline")
    Path changed;

    @Option(names = "--set", paramLabel = "REGION:PATH=VALUE", description = "change one value of a region's policy file (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--region", paramLabel = "KEY", split = ",", description = "only these regions (repeatable or comma-separated; default: all)")
    List<String> regions = new ArrayList<>();

    @Option(names = "--year", paramLabel = "YEAR", description = "report only this year (earlier years are settled too: look-backs read them)")
    Integer year;

    @Option(names = "--out", paramLabel = "DIR", description = "write a CSV per table, report.html and summary.txt into DIR")
    Path out;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "largest gains and losses listed (default 20)")
    int top;

    @Option(names = "--show-person-ids", description = "show personIds as they are; by default each is a keyed hash")
    boolean showPersonIds;

    @Option(names = "--person-id-key-file", paramLabel = "FILE", description = "the key of the personId hash (at least 32 characters; "
            + "default: MEDASSIST_LOG_PERSON_ID_KEY, else a key drawn for this run)")
    Path personIdKeyFile;

    @Option(names = "--cached-persons", paramLabel = "N", defaultValue = "20000", hidden = true,
            description = "decoded ledgers kept per side (default 20000)")
    int cachedPersons;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    boolean help;

    private final PrintStream err;
    private final PrintStream stdout;
    private final InputStream stdin;
    private final Map<String, String> env;

    WhatIfCommand(PrintStream err, PrintStream stdout, InputStream stdin, Map<String, String> env) {
        this.err = err;
        this.stdout = stdout;
        this.stdin = stdin;
        this.env = env;
    }

    @Override
    public Integer call() {
        if ((in == null) == !fromKafka) throw usage("give the history: --in FILE or --from-kafka");
        if (in != null && (kafkaConfig != null || bootstrapServers != null || registryUrl != null)) {
            throw usage("--kafka-config, --bootstrap-servers and --registry-url go with --from-kafka, not --in");
        }
        if (year != null && (year < 1900 || year > 2999)) throw usage("--year " + year + " is not a year from 1900 to 2999");
        if (top < 0) throw usage("--top must be 0 or more");
        if (cachedPersons < 1) throw usage("--cached-persons must be at least 1");
        if (showPersonIds && personIdKeyFile != null) throw usage("--show-person-ids shows personIds as they are: drop --person-id-key-file");

        PolicyPair policies;
        try {
            policies = PolicyPair.of(baseline, changed, sets);
        } catch (PolicyOverrides.OverrideException e) {
            throw usage(e.getMessage());
        } catch (PolicyPair.InvalidPolicy e) {
            err.println("settle whatif: " + e.getMessage());
            return 1;
        } catch (org.medassist.engine.policy.load.PolicyFileException e) {
            err.println("settle whatif: " + e.getMessage());
            return 1;
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String r : regions) {
            String region = r.strip();
            if (region.isEmpty()) continue;
            if (policies.baseline().get(region) == null && policies.changed().get(region) == null) {
                throw usage("--region " + region + " is not in the policy catalog; regions: " + policies.baseline().regions());
            }
            selected.add(region);
        }
        Function<String, String> name;
        String naming;
        try {
            if (showPersonIds) {
                name = Function.identity();
                naming = "raw personId (--show-person-ids)";
            } else {
                PersonIdHash hash = hash();
                name = hash::of;
                naming = hash.isRandomKey() ? "keyed hash (HMAC-SHA256) under a key drawn for this run: not comparable with other runs"
                        : "keyed hash (HMAC-SHA256, the services' personId hash)";
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("settle whatif: " + e.getMessage());
            return 1;
        }
        if (policies.changes().isEmpty()) err.println("settle whatif: the changed policies are the same as the baseline: every difference will be zero");

        History history;
        try {
            history = fromKafka ? KafkaHistory.of(connection()) : new JsonLinesHistory(in.equals("-") ? null : Path.of(in), stdin, err);
        } catch (IllegalArgumentException | IOException e) {
            err.println("settle whatif: " + e.getMessage());
            return 1;
        }
        if (in != null && !in.equals("-")) {
            Path p = Path.of(in);
            if (!Files.exists(p)) {
                err.println("settle whatif: no such file: " + in);
                return 1;
            }
            if (Files.isDirectory(p)) {
                err.println("settle whatif: " + in + " is a directory, not an events file");
                return 1;
            }
        }
        Progress progress = quiet ? Progress.NONE : new TerminalProgress(err, System.console() != null);
        WhatIf.Options options = new WhatIf.Options(Scope.of(selected, year == null ? 0 : year), cachedPersons, top, 10_000, name, naming);
        WhatIfReport report;
        try {
            report = WhatIf.run(history, policies, options, progress);
        } catch (java.nio.file.FileSystemException e) {
            err.println("settle whatif: " + org.medassist.schemas.cli.FileProblems.describe(e));
            return 1;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("settle whatif: " + e.getMessage());
            return 1;
        } catch (KafkaHistory.KafkaUnavailable e) {
            err.println("settle whatif: " + e.getMessage());
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("settle whatif: out of memory; give the JVM more heap (SETTLE_JAVA_OPTS=-Xmx8g, docs/whatif.md)");
            return 1;
        }
        String text = TextReport.render(report);
        stdout.print(text);
        stdout.flush();
        if (out != null) {
            try {
                List<Path> files = new ArrayList<>(CsvReport.write(report, out));
                Path html = out.resolve("report.html");
                Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
                files.add(html);
                Path summary = out.resolve("summary.txt");
                Files.writeString(summary, text, StandardCharsets.UTF_8);
                files.add(summary);
                err.println("settle whatif: wrote " + files.size() + " files to " + out + " (open " + html + ")");
            } catch (IOException e) {
                err.println("settle whatif: cannot write the report to " + out + ": " + org.medassist.schemas.cli.FileProblems.describe(e));
                return 1;
            }
        }
        long failed = report.meta().baseline().failed() + report.meta().changed().failed();
        if (failed > 0) {
            err.println("settle whatif: " + failed + " events FAILED inside the engine (see the summary); please report them with the input");
            return 1;
        }
        return 0;
    }

    private PersonIdHash hash() throws IOException {
        String key;
        String where;
        if (personIdKeyFile != null) {
            key = Files.readString(personIdKeyFile, StandardCharsets.UTF_8).strip();
            where = "--person-id-key-file " + personIdKeyFile;
        } else {
            key = env.get("MEDASSIST_LOG_PERSON_ID_KEY");
            where = "MEDASSIST_LOG_PERSON_ID_KEY";
            if (key == null || key.isBlank()) return PersonIdHash.randomKey();
            key = key.strip();
        }
        if (key.length() < 32) throw new IllegalArgumentException(where + " holds a key of " + key.length() + " characters; at least 32 are needed (docs/security.md)");
        return PersonIdHash.withKey(key);
    }

    private KafkaConnection connection() throws IOException {
        Map<String, String> keys = new java.util.HashMap<>();
        if (kafkaConfig != null) {
            Properties p = new Properties();
            try (InputStream s = Files.newInputStream(kafkaConfig)) {
                p.load(s);
            } catch (NoSuchFileException e) {
                throw new IOException("--kafka-config " + kafkaConfig + ": no such file");
            }
            for (String k : p.stringPropertyNames()) {
                if (!k.startsWith(KafkaConnection.PREFIX)) throw new IllegalArgumentException("--kafka-config " + kafkaConfig + ": " + k + " is not a medassist.kafka.* key");
                keys.put(k, p.getProperty(k).trim());
            }
        }
        if (bootstrapServers != null) keys.put(KafkaConnection.PREFIX + "bootstrap-servers", bootstrapServers);
        if (registryUrl != null) keys.put(KafkaConnection.PREFIX + "registry-url", registryUrl);
        return KafkaConnection.fromProperties(keys);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
