package io.zkwatch.daemon.poll;

import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.Connections;
import io.zkwatch.collectors.Environment;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.collectors.ServerStats;
import io.zkwatch.collectors.SessionDump;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchSummary;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.command.CollectorCatalog;
import java.util.Objects;

/** The collectors the poller runs, typed, so that each reading lands in the right place of the snapshot. */
public record CollectorSet(Collector<MonitorStats> mntr, Collector<ServerStats> srvr, Collector<ServerConfig> conf,
                           Collector<Environment> envi, Collector<Environment> systemProperties,
                           Collector<WatchSummary> wchs,
                           Collector<Connections> cons, Collector<WatchDump> wchc, Collector<WatchDump> wchp,
                           Collector<SessionDump> dump) {
    public CollectorSet {
        Objects.requireNonNull(mntr, "mntr");
        Objects.requireNonNull(srvr, "srvr");
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(envi, "envi");
        Objects.requireNonNull(systemProperties, "systemProperties");
        Objects.requireNonNull(wchs, "wchs");
        Objects.requireNonNull(cons, "cons");
        Objects.requireNonNull(wchc, "wchc");
        Objects.requireNonNull(wchp, "wchp");
        Objects.requireNonNull(dump, "dump");
    }

    /**
     * The standard collectors, keeping {@code topPaths} most-watched paths and prefixes at {@code prefixDepth}.
     * {@code redactPaths} is on whenever an ensemble hides paths or client hosts: no error message then quotes a
     * raw reply line, which could hold either.
     */
    public static CollectorSet standard(int topPaths, int prefixDepth, boolean redactPaths) {
        CollectorCatalog c = CollectorCatalog.create(ParseOptions.defaults().withRedactPaths(redactPaths),
                new WatchDumpOptions(topPaths, prefixDepth, WatchDumpOptions.defaults().samplePathsPerSession()));
        return new CollectorSet(c.mntr(), c.srvr(), c.conf(), c.envi(), c.systemProperties(), c.wchs(), c.cons(), c.wchc(), c.wchp(),
                c.dump());
    }
}
