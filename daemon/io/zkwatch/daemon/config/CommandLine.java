package io.zkwatch.daemon.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses zkwatch's arguments into an {@link Invocation}. Flags take their value as the next argument or
 * after {@code =} ({@code --config=/etc/zkwatch.yaml}). Every mistake is collected and thrown together.
 */
public final class CommandLine {
    private static final String ENSEMBLE = "--ensemble";
    private static final String CONFIG = "--config";
    private static final String CHECK = "--check-config";
    private static final String LISTEN = "--listen";
    static final String WEB_CONFIG = "--web.config.file";
    private static final String MAX_REQUESTS = "--web.max-requests";
    private static final Set<String> VALUE_FLAGS = Set.of(ENSEMBLE, CONFIG, CHECK, LISTEN, WEB_CONFIG, MAX_REQUESTS);
    private static final Set<String> HELP = Set.of("-h", "--help", "help");
    private static final Set<String> VERSION = Set.of("-V", "--version", "version");
    private static final Set<String> ALL_FLAGS = Set.of(ENSEMBLE, CONFIG, CHECK, LISTEN, WEB_CONFIG, MAX_REQUESTS,
            "--help", "--version");

    private final Problems problems = new Problems();
    private final List<InlineEnsemble> ensembles = new ArrayList<>();
    private Optional<Path> config = Optional.empty();
    private Optional<Path> check = Optional.empty();
    private Optional<HostPort> listen = Optional.empty();
    private boolean listenGiven;
    private Optional<Path> webConfig = Optional.empty();
    private Optional<Integer> maxRequests = Optional.empty();
    private boolean demo;
    private boolean help;
    private boolean version;

    private CommandLine() {
    }

    /**
     * What {@code args} ask for. Help and version win over anything else given with them. No arguments at
     * all run the demo, so that a newcomer's first {@code zkwatch} shows something.
     *
     * @throws ConfigException with every mistake, each keyed by its flag; print it with {@link #usage()}
     */
    public static Invocation parse(String... args) throws ConfigException {
        if (args.length == 0) {
            return new Invocation.Demo(Optional.empty());
        }
        return new CommandLine().parseAll(List.of(args));
    }

    /** The help text. */
    public static String usage() {
        return String.join("\n",
                "Usage:",
                "  zkwatch --ensemble NAME=HOST:PORT[,HOST:PORT...] [--ensemble ...] [--listen HOST:PORT] [WEB]",
                "  zkwatch --config FILE [WEB]",
                "  zkwatch --check-config FILE [--web.config.file FILE]",
                "  zkwatch [demo [--listen HOST:PORT]]",
                "  zkwatch --help | --version",
                "",
                "Watches Apache ZooKeeper ensembles from the server side and serves Prometheus metrics.",
                "",
                "  --ensemble NAME=HOST:PORT,...  an ensemble to watch, by its members' client ports; repeat the",
                "                                 flag for more ensembles. IPv6 hosts go in brackets: [::1]:2181.",
                "                                 Every setting keeps its default; use --config for more.",
                "  --config FILE                  read ensembles and settings from a YAML file, re-read on SIGHUP",
                "                                 and POST /-/reload (see docs/zkwatch.example.yaml)",
                "  --check-config FILE            validate FILE (and the --web.config.file given with it); print",
                "                                 \"OK: N ensembles\" and exit 0, or print every error and exit 1",
                "  --listen HOST:PORT             HTTP address of /metrics and the API (default "
                        + ZkwatchConfig.DEFAULT_LISTEN + ");",
                "                                 with --config, set listen: in the file instead",
                "  --web.config.file FILE         (WEB) TLS and basic auth of zkwatch's own endpoint, in the format",
                "                                 of Prometheus's web config (see docs/web-config.example.yml)",
                "  --web.max-requests N           (WEB) scrapes of /metrics served at once; more get 503",
                "                                 (default " + WebOptions.DEFAULT_MAX_REQUESTS + "; 0 for no limit)",
                "  demo                           start a small local ensemble with client load, and watch it;",
                "                                 zkwatch without any argument does the same",
                "  -h, --help                     print this help",
                "  -V, --version                  print the version",
                "");
    }

    private Invocation parseAll(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String flag = arg;
            Optional<String> value = Optional.empty();
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                value = Optional.of(arg.substring(eq + 1));
            }
            if (VALUE_FLAGS.contains(flag)) {
                if (value.isEmpty()) {
                    if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        value = Optional.of(args.get(++i));
                    } else {
                        problems.add(flag, "needs a value");
                        continue;
                    }
                }
                take(flag, value.get());
            } else if (HELP.contains(arg)) {
                help = true;
            } else if (VERSION.contains(arg)) {
                version = true;
            } else if (arg.equals("demo") && i == 0) {
                demo = true;
            } else if (arg.startsWith("-")) {
                Optional<String> meant = Suggestions.closest(flag, ALL_FLAGS);
                problems.add(flag, "unknown option" + meant.map(s -> "; did you mean " + s + "?").orElse(""));
                // A misspelt flag that takes a value: its value is not a stray argument of its own.
                if (meant.filter(VALUE_FLAGS::contains).isPresent() && value.isEmpty() && i + 1 < args.size()
                        && !args.get(i + 1).startsWith("-")) {
                    i++;
                }
            } else {
                problems.add(arg, "unexpected argument" + (arg.equals("demo") ? "; demo must come first" : ""));
            }
        }
        if (help) {
            return new Invocation.Help();
        }
        if (version) {
            return new Invocation.Version();
        }
        Invocation invocation = choose();
        problems.throwIfAny();
        return invocation;
    }

    private void take(String flag, String value) {
        switch (flag) {
            case ENSEMBLE -> {
                try {
                    ensembles.add(InlineEnsemble.parse(value));
                } catch (IllegalArgumentException e) {
                    problems.add(flag, Values.quote(value) + " " + e.getMessage());
                }
            }
            case LISTEN -> {
                if (listenGiven) {
                    problems.add(flag, "is given more than once");
                }
                listenGiven = true;
                try {
                    listen = Optional.of(HostPort.parse(value));
                } catch (IllegalArgumentException e) {
                    problems.add(flag, Values.quote(value) + " " + e.getMessage());
                }
            }
            case WEB_CONFIG -> webConfig = path(flag, value, webConfig);
            case MAX_REQUESTS -> {
                if (maxRequests.isPresent()) {
                    problems.add(flag, "is given more than once");
                }
                try {
                    int n = Integer.parseInt(value.strip());
                    problems.check(n >= 0 && n <= WebOptions.MAX_MAX_REQUESTS, flag, Values.quote(value)
                            + " is out of range (0 for no limit, else at most " + WebOptions.MAX_MAX_REQUESTS + ")");
                    maxRequests = Optional.of(Math.max(0, Math.min(n, WebOptions.MAX_MAX_REQUESTS)));
                } catch (NumberFormatException e) {
                    problems.add(flag, Values.quote(value) + " is not a whole number");
                }
            }
            case CONFIG -> config = path(flag, value, config);
            case CHECK -> check = path(flag, value, check);
            default -> throw new IllegalStateException(flag);
        }
    }

    private Optional<Path> path(String flag, String value, Optional<Path> earlier) {
        if (earlier.isPresent()) {
            problems.add(flag, "is given more than once");
        }
        if (value.isEmpty()) {
            problems.add(flag, "needs a file name");
            return earlier;
        }
        try {
            return Optional.of(Path.of(value));
        } catch (InvalidPathException e) {
            problems.add(flag, Values.quote(value) + " is not a valid path");
            return earlier;
        }
    }

    /** The one mode asked for, reporting conflicting ones; null when there are problems. */
    private Invocation choose() {
        int modes = (demo ? 1 : 0) + (config.isPresent() ? 1 : 0) + (check.isPresent() ? 1 : 0)
                + (ensembles.isEmpty() ? 0 : 1);
        if (modes > 1) {
            problems.add("arguments", "choose one of --ensemble, --config, --check-config and demo");
            return null;
        }
        WebOptions web = new WebOptions(webConfig, maxRequests.orElse(WebOptions.DEFAULT_MAX_REQUESTS));
        if (demo) {
            problems.check(webConfig.isEmpty(), WEB_CONFIG,
                    "applies only when zkwatch serves or checks, with --config, --ensemble or --check-config");
        }
        if (demo || check.isPresent()) {
            problems.check(maxRequests.isEmpty(), MAX_REQUESTS,
                    "applies only when zkwatch serves, with --config or --ensemble");
        }
        if (demo) {
            return new Invocation.Demo(listen);
        }
        if (config.isPresent() || check.isPresent()) {
            String flag = config.isPresent() ? CONFIG : CHECK;
            problems.check(!listenGiven, LISTEN, "cannot be combined with " + flag + "; set listen: in the file");
            return config.isPresent() ? new Invocation.RunFromFile(config.get(), web)
                    : new Invocation.CheckConfig(check.get(), webConfig);
        }
        if (!ensembles.isEmpty()) {
            checkEnsemblesApart();
            return new Invocation.RunInline(ensembles, listen, web);
        }
        if (problems.isEmpty()) {
            problems.add("arguments", "nothing to watch: give --config FILE or --ensemble "
                    + InlineEnsemble.FORM + ", or try: zkwatch demo");
        }
        return null;
    }

    /** Two --ensemble flags may share neither a name nor a member. */
    private void checkEnsemblesApart() {
        Map<String, Boolean> names = new HashMap<>();
        Map<HostPort, String> owners = new HashMap<>();
        for (InlineEnsemble e : ensembles) {
            if (names.putIfAbsent(e.name(), Boolean.TRUE) != null) {
                problems.add(ENSEMBLE, "the name " + Values.quote(e.name()) + " is given twice");
            }
            for (HostPort member : e.members()) {
                String owner = owners.putIfAbsent(member, e.name());
                if (owner != null && !owner.equals(e.name())) {
                    problems.add(ENSEMBLE, member + " is a member of both " + Values.quote(owner) + " and "
                            + Values.quote(e.name()));
                }
            }
        }
    }
}
