package io.zkwatch.daemon.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the command line asks zkwatch to do; produced by {@link CommandLine#parse}. */
public sealed interface Invocation {

    /** Watch ensembles: the daemon proper. */
    sealed interface Run extends Invocation permits RunFromFile, RunInline {

        /**
         * The configuration to run with, loaded now.
         *
         * @throws ConfigException with every problem, when it comes from a file that is invalid
         */
        ConfigSource openSource() throws ConfigException;

        /** How the endpoint protects itself: {@code --web.config.file} and {@code --web.max-requests}. */
        WebOptions web();
    }

    /** {@code zkwatch --config FILE}: reloadable. */
    record RunFromFile(Path file, WebOptions web) implements Run {
        public RunFromFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(web, "web");
        }

        public RunFromFile(Path file) {
            this(file, WebOptions.defaults());
        }

        @Override
        public ConfigSource openSource() {
            return ConfigSource.fromFile(file);
        }
    }

    /** {@code zkwatch --ensemble NAME=HOST:PORT,... [--listen HOST:PORT]}: every setting at its default. */
    record RunInline(List<InlineEnsemble> ensembles, Optional<HostPort> listen, WebOptions web) implements Run {
        public RunInline {
            ensembles = List.copyOf(ensembles);
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(web, "web");
        }

        public RunInline(List<InlineEnsemble> ensembles, Optional<HostPort> listen) {
            this(ensembles, listen, WebOptions.defaults());
        }

        public ZkwatchConfig config() {
            return ConfigLoader.fromCommandLine(ensembles, listen);
        }

        @Override
        public ConfigSource openSource() {
            return ConfigSource.fixed(config());
        }
    }

    /** {@code zkwatch --check-config FILE [--web.config.file FILE]}: validate, print {@link CheckResult#report()}, exit with its code. */
    record CheckConfig(Path file, Optional<Path> webConfig) implements Invocation {
        public CheckConfig {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(webConfig, "webConfig");
        }

        public CheckConfig(Path file) {
            this(file, Optional.empty());
        }

        /**
         * Checks the configuration file and, when given, the web configuration file, so that a deployment can
         * validate both before it restarts zkwatch. Errors of the web file are keyed under its flag.
         */
        public CheckResult check() {
            CheckResult config = ConfigLoader.check(file);
            if (webConfig.isEmpty()) {
                return config;
            }
            try {
                WebConfigReader.load(webConfig.get());
                return config;
            } catch (ConfigException e) {
                List<ConfigError> all = new ArrayList<>(config.errors());
                e.errors().forEach(err -> all.add(err.under(CommandLine.WEB_CONFIG)));
                return new CheckResult(file, Optional.empty(), all);
            }
        }
    }

    /** {@code zkwatch demo [--listen HOST:PORT]}: a local ensemble with client load, watched. */
    record Demo(Optional<HostPort> listen) implements Invocation {
        public Demo {
            Objects.requireNonNull(listen, "listen");
        }
    }

    /** {@code zkwatch --help}: print {@link CommandLine#usage()}, exit 0. */
    record Help() implements Invocation {
    }

    /** {@code zkwatch --version}. */
    record Version() implements Invocation {
    }
}
