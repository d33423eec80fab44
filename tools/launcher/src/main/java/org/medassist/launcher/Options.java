package org.medassist.launcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.medassist.simulator.SimulationConfig;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import org.medassist.schemas.kafka.Topics;

/**
 * bin/run's settings, from flags ({@code --kafka-port 9092} or {@code --kafka-port=9092}) over environment
 * variables ({@code MEDASSIST_KAFKA_PORT}) over defaults. {@link Opt} is the one table of options: picocli reads the
 * command line from a spec built from it, and prints the help. {@link #parse} throws {@link UsageException} with a
 * message naming the flag and what is wrong.
 */
public final class Options {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    /** The registry port the services' own defaults point at ({@code medassist.kafka.registry-url}). */
    public static final int DEFAULT_REGISTRY_PORT = 18081;
    public static final int DEFAULT_ELIGIBILITY_PORT = 8081;
    public static final int DEFAULT_SETTLEMENT_PORT = 8082;
    public static final int DEFAULT_DASHBOARD_PORT = 8080;
    public static final double DEFAULT_RATE = 50;
    /** bin/run's limits on the stream (bin/simulate allows more). */
    public static final int MAX_PEOPLE = 1_000_000;
    public static final int MAX_YEARS = 3;

    /** Every option: its flag, environment variable, value placeholder (null for a switch), default and help. */
    public enum Opt {
        DATA_DIR("--data-dir", "DIR", "./data", "broker log, registry database, service state, stream cursor, logs"),
        KAFKA_PORT("--kafka-port", "N", Integer.toString(DEFAULT_KAFKA_PORT), "the embedded broker's port (0: any free port)"),
        REGISTRY_PORT("--registry-port", "N", Integer.toString(DEFAULT_REGISTRY_PORT), "the embedded schema registry's port (0: any free port)"),
        ELIGIBILITY_PORT("--eligibility-port", "N", Integer.toString(DEFAULT_ELIGIBILITY_PORT), "eligibility-service's HTTP port"),
        SETTLEMENT_PORT("--settlement-port", "N", Integer.toString(DEFAULT_SETTLEMENT_PORT), "settlement-service's HTTP port"),
        DASHBOARD_PORT("--dashboard-port", "N", Integer.toString(DEFAULT_DASHBOARD_PORT), "dashboard-service's port (the page)"),
        BOOTSTRAP_SERVERS("--bootstrap-servers", "HOST:PORT,...", null, "use this Kafka cluster; no embedded broker"),
        REGISTRY_URL("--registry-url", "URL", null, "use this registry (Apicurio API, e.g. http://host:8080/apis/registry/v2); no embedded registry"),
        KAFKA_CONFIG("--kafka-config", "FILE", null, "medassist.kafka.* settings for an external cluster and registry (security, credentials; docs/security.md), for the services and this run's own clients"),
        PARTITIONS("--partitions", "N", Integer.toString(Topics.DEFAULT_PARTITIONS), "partitions of every person-keyed topic"),
        REPLICATION_FACTOR("--replication-factor", "N", "1", "replication of the topics the services create (external cluster)"),
        RATE("--rate", "N", "50", "events per second of the synthetic stream (0: as fast as the services take them)"),
        PEOPLE("--people", "N", Integer.toString(SimulationConfig.DEFAULT_PEOPLE), "people in the synthetic stream, over the cities of the policy catalog"),
        YEARS("--years", "N", Integer.toString(SimulationConfig.DEFAULT_YEARS), "simulated years (1 to " + MAX_YEARS + ")"),
        SEED("--seed", "N", Long.toString(SimulationConfig.DEFAULT_SEED), "the synthetic stream's random seed"),
        POLICIES("--policies", "DIR", null, "an operator's policy directory (<region>/policy.yaml) for the services and the stream"),
        TOKENS("--tokens", "FILE", null, "bearer tokens overriding the built-in ones (see docs/local-run.md)"),
        NO_STREAM("--no-stream", null, null, "do not publish the synthetic stream"),
        NO_SERVICES("--no-services", null, null, "start only the broker, the registry and dashboard-service"),
        ELIGIBILITY_CLASS("--eligibility-class", "CLASS", null, "start eligibility-service through another class with static start(Map)"),
        SETTLEMENT_CLASS("--settlement-class", "CLASS", null, "start settlement-service through another class with static start(Map)"),
        VERBOSE("--verbose", null, null, "let the services log to the console as they are configured to"),
        HELP("--help", null, null, "print this help");

        final String flag;
        final String value;
        final String defaultValue;
        final String help;

        Opt(String flag, String value, String defaultValue, String help) {
            this.flag = flag;
            this.value = value;
            this.defaultValue = defaultValue;
            this.help = help;
        }

        /** {@code --kafka-port} → {@code MEDASSIST_KAFKA_PORT} */
        String env() {
            return "MEDASSIST_" + flag.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
        }

        boolean isSwitch() {
            return value == null;
        }
    }

    /** A wrong flag or value; the message says which and why. */
    public static final class UsageException extends LaunchException {
        public UsageException(String message) {
            super(message);
        }
    }

    private final Map<Opt, String> values;
    private final Set<Opt> fromEnv;

    private Options(Map<Opt, String> values, Set<Opt> fromEnv) {
        this.values = values;
        this.fromEnv = fromEnv;
    }

    /**
     * @param args the command line
     * @param env  the environment ({@code System.getenv()})
     */
    public static Options parse(List<String> args, Map<String, String> env) {
        Map<Opt, String> v = new LinkedHashMap<>();
        Set<Opt> fromEnv = EnumSet.noneOf(Opt.class);
        for (Opt o : Opt.values()) {
            if (o == Opt.HELP) continue;
            String e = env.get(o.env());
            if (e != null && !e.isBlank()) {
                if (o.isSwitch()) {
                    if (isTrue(e)) v.put(o, "true");
                } else {
                    v.put(o, e.trim());
                }
                fromEnv.add(o);
            }
        }
        ParseResult parsed = commandLine(args);
        for (Opt o : Opt.values()) {
            if (!parsed.hasMatchedOption(o.flag)) continue;
            fromEnv.remove(o);
            v.put(o, o.isSwitch() ? "true" : parsed.matchedOptionValue(o.flag, "").trim());
        }
        Options options = new Options(v, fromEnv);
        options.validate();
        return options;
    }

    private static Opt byFlag(String flag) {
        if (flag.equals("-h")) return Opt.HELP;
        for (Opt o : Opt.values()) if (o.flag.equals(flag)) return o;
        return null;
    }

    /**
     * The command line as picocli reads it, from a spec built from {@link Opt}: flags as {@code --flag value} or
     * {@code --flag=value}, a later flag winning over an earlier one. Its refusals in bin/run's words.
     */
    private static ParseResult commandLine(List<String> args) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            Opt o = arg.startsWith("--") && eq > 0 ? byFlag(arg.substring(0, eq)) : null;
            if (o != null && o.isSwitch()) throw new UsageException(o.flag + " takes no value");
        }
        CommandLine cl = new CommandLine(spec());
        cl.setOverwrittenOptionsAllowed(true);
        try {
            return cl.parseArgs(args.toArray(String[]::new));
        } catch (UnmatchedArgumentException e) {
            String arg = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
            if (!arg.startsWith("-")) throw new UsageException("unexpected argument \"" + arg + "\" (bin/run --help lists the options)");
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            throw new UsageException("unknown option " + name + " (bin/run --help lists them)");
        } catch (MissingParameterException e) {
            Opt o = e.getMissing().isEmpty() || !(e.getMissing().get(0) instanceof OptionSpec os) ? null : byFlag(os.longestName());
            throw new UsageException(o == null ? e.getMessage() : o.flag + " needs a value: " + o.flag + " " + o.value);
        } catch (ParameterException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** bin/run's options for picocli: one per {@link Opt}, values as text (checked by {@link #validate}). */
    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("bin/run");
        spec.usageMessage()
                .autoWidth(true)
                .sortOptions(false)
                .sortSynopsis(false)
                .description("Builds what is missing, then starts a Kafka broker, the schema registry, eligibility-service "
                        + "and settlement-service, publishes a synthetic stream for the cities of the policy catalog "
                        + "(tools/simulator), prints a live summary and starts dashboard-service, whose page shows the alerts "
                        + "as they happen and the money per city. Ctrl-C stops everything, in order. A restart with the same --data-dir resumes "
                        + "where the last run stopped.", "")
                .optionListHeading("Options (each also an environment variable; a flag wins):%n")
                .footer("", "docs/local-run.md explains the run.");
        for (Opt o : Opt.values()) {
            OptionSpec.Builder b = o == Opt.HELP ? OptionSpec.builder("-h", o.flag).usageHelp(true) : OptionSpec.builder(o.flag);
            if (o.isSwitch()) {
                b.arity("0").type(boolean.class);
            } else {
                b.arity("1").type(String.class).paramLabel(o.value);
            }
            StringBuilder d = new StringBuilder(o.help);
            if (o.defaultValue != null) d.append(" [default ").append(o.defaultValue).append(']');
            if (o != Opt.HELP) d.append(" (").append(o.env()).append(o.isSwitch() ? "=true" : "").append(')');
            spec.addOption(b.description(d.toString().replace("%", "%%")).build());
        }
        return spec;
    }

    private static boolean isTrue(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.equals("1") || t.equals("true") || t.equals("yes");
    }

    private void validate() {
        if (help()) return;
        kafkaPort();
        registryPort();
        eligibilityPort();
        settlementPort();
        dashboardPort();
        partitions();
        replicationFactor();
        rate();
        streamConfig();
        registryUrl();
        String bootstrap = bootstrapServers();
        if (bootstrap != null && !bootstrap.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*")) {
            throw new UsageException("--bootstrap-servers \"" + bootstrap + "\" is not a list of host:port" + source(Opt.BOOTSTRAP_SERVERS));
        }
        // the ports this run will bind must differ
        Map<Integer, Opt> used = new LinkedHashMap<>();
        for (Map.Entry<Opt, Integer> e : boundPorts().entrySet()) {
            if (e.getValue() == 0) continue;
            Opt clash = used.put(e.getValue(), e.getKey());
            if (clash != null) {
                throw new UsageException(clash.flag + " and " + e.getKey().flag + " are both " + e.getValue() + ": give one of them another port");
            }
        }
    }

    /** The ports this run binds on 127.0.0.1, by the option that sets each (0: any free port). */
    public Map<Opt, Integer> boundPorts() {
        Map<Opt, Integer> m = new LinkedHashMap<>();
        if (embeddedKafka()) m.put(Opt.KAFKA_PORT, kafkaPort());
        if (embeddedRegistry()) m.put(Opt.REGISTRY_PORT, registryPort());
        if (services()) {
            m.put(Opt.ELIGIBILITY_PORT, eligibilityPort());
            m.put(Opt.SETTLEMENT_PORT, settlementPort());
        }
        m.put(Opt.DASHBOARD_PORT, dashboardPort());
        return m;
    }

    private String raw(Opt o) {
        String v = values.get(o);
        return v != null ? v : o.defaultValue;
    }

    private boolean isSet(Opt o) {
        return values.containsKey(o);
    }

    private long number(Opt o, long min, long max) {
        String s = raw(o);
        long n;
        try {
            n = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new UsageException(o.flag + " \"" + s + "\" is not a whole number" + source(o));
        }
        if (n < min || n > max) throw new UsageException(o.flag + " " + n + " is not between " + min + " and " + max + source(o));
        return n;
    }

    /** Where a wrong value came from, when not from a flag. */
    private String source(Opt o) {
        return fromEnv.contains(o) ? " (from " + o.env() + ")" : "";
    }

    private int port(Opt o) {
        return (int) number(o, 0, 65_535);
    }

    public boolean help() {
        return isSet(Opt.HELP);
    }

    public Path dataDir() {
        return Path.of(raw(Opt.DATA_DIR)).toAbsolutePath().normalize();
    }

    public int kafkaPort() {
        return port(Opt.KAFKA_PORT);
    }

    public int registryPort() {
        return port(Opt.REGISTRY_PORT);
    }

    public int eligibilityPort() {
        return port(Opt.ELIGIBILITY_PORT);
    }

    public int settlementPort() {
        return port(Opt.SETTLEMENT_PORT);
    }

    public int dashboardPort() {
        return port(Opt.DASHBOARD_PORT);
    }

    /** The external cluster, or null to start the embedded broker. */
    public String bootstrapServers() {
        String s = values.get(Opt.BOOTSTRAP_SERVERS);
        return s == null || s.isBlank() ? null : s;
    }

    /** The external registry's Apicurio API URL, or null to start the embedded registry. */
    public String registryUrl() {
        String s = values.get(Opt.REGISTRY_URL);
        if (s == null || s.isBlank()) return null;
        try {
            URI uri = new URI(s);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(s, "not an http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new UsageException("--registry-url \"" + s + "\" is not an http(s) URL such as http://127.0.0.1:18081/apis/registry/v2");
        }
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public boolean embeddedKafka() {
        return bootstrapServers() == null;
    }

    public boolean embeddedRegistry() {
        return registryUrl() == null;
    }

    public int partitions() {
        return (int) number(Opt.PARTITIONS, 1, 1_000);
    }

    public int replicationFactor() {
        return (int) number(Opt.REPLICATION_FACTOR, 1, 32);
    }

    /** Events per second; 0 means as fast as the services take them. */
    public double rate() {
        String s = raw(Opt.RATE);
        double r;
        try {
            r = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new UsageException("--rate \"" + s + "\" is not a number of events per second" + source(Opt.RATE));
        }
        if (!(r >= 0) || r > 1_000_000) throw new UsageException("--rate " + s + " is not between 0 and 1000000 (0: as fast as the services take them)");
        return r;
    }

    /**
     * The synthetic stream: every city of the catalog from the default start year, with late identity records but
     * no contract breaches (a service refuses a whole batch with a breach in it).
     */
    public SimulationConfig streamConfig() {
        long seed = number(Opt.SEED, 0, Long.MAX_VALUE);
        int people = (int) number(Opt.PEOPLE, 1, MAX_PEOPLE);
        int years = (int) number(Opt.YEARS, 1, MAX_YEARS);
        return SimulationConfig.of(seed, people, years).withInvalidShare(0);
    }

    /** The operator's policy directory, or null for the shipped policies only. */
    public Path policiesDir() {
        String s = values.get(Opt.POLICIES);
        return s == null || s.isBlank() ? null : Path.of(s).toAbsolutePath().normalize();
    }

    /** A properties file of medassist.kafka.* keys, or null. */
    public Path kafkaConfig() {
        String s = values.get(Opt.KAFKA_CONFIG);
        return s == null || s.isBlank() ? null : Path.of(s);
    }

    public Path tokensFile() {
        String s = values.get(Opt.TOKENS);
        return s == null || s.isBlank() ? null : Path.of(s);
    }

    public boolean stream() {
        return !isSet(Opt.NO_STREAM) && services();
    }

    public boolean services() {
        return !isSet(Opt.NO_SERVICES);
    }

    public String eligibilityClass() {
        return values.get(Opt.ELIGIBILITY_CLASS);
    }

    public String settlementClass() {
        return values.get(Opt.SETTLEMENT_CLASS);
    }

    public boolean verbose() {
        return isSet(Opt.VERBOSE);
    }

    /** How to change the port an option sets, for "port in use" messages. */
    public static String howToChange(Opt o) {
        return o.flag + " N (or " + o.env() + "=N)";
    }

    /** What the port an option sets is for. */
    public static String purpose(Opt o) {
        switch (o) {
            case KAFKA_PORT: return "the Kafka broker";
            case REGISTRY_PORT: return "the schema registry";
            case ELIGIBILITY_PORT: return "eligibility-service";
            case SETTLEMENT_PORT: return "settlement-service";
            case DASHBOARD_PORT: return "the dashboard";
            default: return o.flag;
        }
    }

    /** bin/run --help. */
    public static String usage() {
        return new CommandLine(spec()).getUsageMessage();
    }
}
