package org.medassist.faults;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/faults}: the fault-injection harness (docs/reliability.md). Exit codes: 0 the verdict passed, 1 it failed
 * (or the harness could not run), 2 wrong usage.
 */
@Command(name = "bin/faults", sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Runs the broker, the registry, eligibility-service and settlement-service as separate processes, publishes an "
                + "event file straight to Kafka (or posts it to the services' HTTP API, --via http), kills and restarts them at seeded moments meanwhile, waits until the stream "
                + "has drained, and compares settlements, alerts and dead letters with bin/settle replay of the same file: "
                + "per claim, per person-year, duplicates, dead letters.",
            "Lines that break the contract are published as they are (the services must reject or dead-letter them, or over "
                + "HTTP refuse them); "
                + "lines Avro cannot hold are not published and left out of the comparison.",
            "Prints one report line (PASS or FAIL, with the seed) and the details of any mismatch on stdout; progress "
                + "goes to stderr. The same seed, counts and file give the same fault plan.", ""},
        footer = {"", "Exit codes: 0 pass, 1 fail (or the harness could not run), 2 wrong usage.",
            "Needs ./mvnw -q -DskipTests install once. How it works: docs/reliability.md.", "", "Examples:",
            "  bin/faults --events-file docs/examples/nanjing.jsonl --kills 2 \\",
            "      --broker-restarts 1",
            "  bin/faults --events 20000 --seed 1 --kills 6 --broker-restarts 1 \\",
            "      --registry-outages 1 --ports 19000-19999",
            "  bin/faults --events 20000 --via http --kills 4 --eligibility-restarts 2",
            "  bin/faults --events 20000 --via http --http-clients 8 \\",
            "      --service-property medassist.settlement.producers=2",
            "  bin/faults --events 200000 --seed 42     # the full run: the defaults"})
public final class Faults implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    static final class Input {
        @Option(names = "--events-file", paramLabel = "FILE", required = true, description = "JSON Lines of contract events (docs/contract.md)")
        Path file;

        @Option(names = "--events", paramLabel = "N", required = true, description = "generate about N events with bin/simulate (seeded by --seed)")
        Long generate;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--seed", paramLabel = "S", description = "seeds the faults (and the simulator) (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--years", paramLabel = "Y", description = "with --events: simulated years (default: ${DEFAULT-VALUE})")
    int years = 1;

    @Option(names = "--kills", paramLabel = "N", description = "kill -9 of settlement-service, each followed by a restart (default: ${DEFAULT-VALUE})")
    int kills = 10;

    @Option(names = "--broker-restarts", paramLabel = "N", description = "broker restarts, by kill -9 or SIGTERM (default: ${DEFAULT-VALUE})")
    int brokerRestarts = 2;

    @Option(names = "--eligibility-restarts", paramLabel = "N", description = "eligibility-service restarts, by kill -9 or SIGTERM (default: ${DEFAULT-VALUE})")
    int eligibilityRestarts = 2;

    @Option(names = "--registry-outages", paramLabel = "N", description = "times the registry stops answering, each around a kill of settlement-service "
            + "(see --registry-outage-kind) (default: ${DEFAULT-VALUE})")
    int registryOutages = 1;

    @Option(names = "--outage-seconds", paramLabel = "MIN-MAX", description = "length of a registry outage (default: ${DEFAULT-VALUE})")
    String outageSeconds = "10-30";

    @Option(names = "--registry-outage-kind", paramLabel = "KIND",
            description = "hang (kill -STOP/-CONT: requests wait), down (kill -9 and restart: connections refused) or mixed, "
                    + "alternating from a hang (default: mixed)")
    FaultPlan.OutageKind outageKind = FaultPlan.OutageKind.MIXED;

    @Option(names = "--via", paramLabel = "PATH",
            description = "kafka: publish straight to the input topics, as a producer with Kafka credentials could; http: post "
                    + "to the services' API with each sender's token, posting again whatever a killed service did not answer "
                    + "(default: kafka)")
    Settings.Via via = Settings.Via.KAFKA;

    @Option(names = "--http-clients", paramLabel = "N",
            description = "with --via http: requests in flight at once; each person's events go through one client, in order, "
                    + "and requests of different persons may share a transaction (default: ${DEFAULT-VALUE})")
    int httpClients = 1;

    @Option(names = "--service-property", paramLabel = "KEY=VALUE",
            description = "a property of both services over their application.yml, such as medassist.settlement.producers=2 "
                    + "(repeatable)")
    java.util.Map<String, String> serviceProperties = new java.util.LinkedHashMap<>();

    @Option(names = "--partitions", paramLabel = "N", description = "partitions of every person-keyed topic (default: ${DEFAULT-VALUE})")
    int partitions = 6;

    @Option(names = "--rate", paramLabel = "N", description = "events a second at most; 0 spreads them over 30 s, plus 45 s per kill and 15 s per other fault (default: ${DEFAULT-VALUE})")
    double rate = 0;

    @Option(names = "--max-backlog", paramLabel = "N", description = "pause publishing while more input records than this wait; 0: never (default: ${DEFAULT-VALUE})")
    long maxBacklog = 20_000;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", description = "how long the stream may take to drain after the last event (default: ${DEFAULT-VALUE})")
    long drainTimeout = 900;

    @Option(names = "--quiet-seconds", paramLabel = "SECONDS", description = "outputs unchanged this long, with no lag, count as drained (default: ${DEFAULT-VALUE})")
    long quietSeconds = 5;

    @Option(names = "--service-timeout", paramLabel = "SECONDS", description = "how long a service may take from start to healthy (default: ${DEFAULT-VALUE})")
    long serviceTimeout = 300;

    @Option(names = "--service-jvm-options", paramLabel = "OPTS", description = "JVM options of both services (default: \"${DEFAULT-VALUE}\")")
    String serviceJvmOptions = String.join(" ", Settings.DEFAULT_SERVICE_JVM_OPTIONS);

    @Option(names = "--ports", paramLabel = "FROM-TO",
            description = "bind the broker, the registry and the services to free ports of this range on 127.0.0.1, such as "
                    + "19000-19999; any: ports the system picks (default: ${DEFAULT-VALUE})")
    String ports = "any";

    @Option(names = "--work-dir", paramLabel = "DIR", description = "data and logs of the processes (default: a new temporary directory, deleted after a pass)")
    Path workDir;

    @Option(names = "--keep-work", description = "keep the work directory after a pass too")
    boolean keepWork;

    @Option(names = "--details", paramLabel = "N", description = "mismatches to list (default: ${DEFAULT-VALUE})")
    int details = 50;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;

    Faults(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Faults(out, err)).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("bin/faults: " + ex.getMessage());
            err.println("Try 'bin/faults --help' for the options.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println("bin/faults: ERROR " + ex.getMessage());
            if (!(ex instanceof HarnessException)) ex.printStackTrace(err);
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = settings();
        Harness.Result r = new Harness(settings, err).run();
        out.println(r.line());
        for (String d : r.details()) out.println(d);
        return r.pass() ? 0 : 1;
    }

    Settings settings() {
        check(input.file == null || Files.isRegularFile(input.file), "--events-file " + input.file + " is not a file");
        check(input.generate == null || input.generate >= 1, "--events must be at least 1");
        check(years >= 1, "--years must be at least 1");
        check(kills >= 0 && brokerRestarts >= 0 && eligibilityRestarts >= 0 && registryOutages >= 0, "fault counts cannot be negative");
        check(partitions >= 1, "--partitions must be at least 1");
        check(httpClients >= 1, "--http-clients must be at least 1");
        check(httpClients == 1 || via == Settings.Via.HTTP, "--http-clients needs --via http");
        check(rate >= 0 && maxBacklog >= 0 && drainTimeout >= 1 && quietSeconds >= 1 && serviceTimeout >= 1 && details >= 0,
                "--rate, --max-backlog, --drain-timeout, --quiet-seconds, --service-timeout and --details must be positive");
        String[] range = outageSeconds.split("-", 2);
        long min;
        long max;
        try {
            min = Long.parseLong(range[0].trim());
            max = range.length > 1 ? Long.parseLong(range[1].trim()) : min;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--outage-seconds must be MIN-MAX in seconds, such as 10-30");
        }
        check(min >= 1 && max >= min, "--outage-seconds must be MIN-MAX with 1 <= MIN <= MAX");
        Ports chosenPorts;
        try {
            chosenPorts = Ports.parse(ports);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--ports: " + e.getMessage());
        }
        List<String> jvm = Arrays.stream(serviceJvmOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        return new Settings(input.file, input.generate == null ? 0 : input.generate, years, seed,
                new FaultPlan.Counts(kills, brokerRestarts, eligibilityRestarts, registryOutages, min * 1000, max * 1000, outageKind), partitions,
                rate, maxBacklog, Duration.ofSeconds(drainTimeout), Duration.ofSeconds(quietSeconds), Duration.ofSeconds(serviceTimeout),
                workDir, keepWork, jvm, details, chosenPorts, via, httpClients, java.util.Map.copyOf(serviceProperties));
    }

    private void check(boolean ok, String message) {
        if (!ok) throw new ParameterException(spec.commandLine(), message);
    }
}
