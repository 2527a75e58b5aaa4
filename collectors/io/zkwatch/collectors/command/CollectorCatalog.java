package io.zkwatch.collectors.command;

import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.WatchDumpOptions;
import java.util.List;
import java.util.Objects;

/**
 * Every collector, listed by hand: adding a command means adding its file, one line here and a fixture folder.
 * No classpath scanning and no static registration, so what zkwatch polls is visible in one place.
 */
public final class CollectorCatalog {

    private final MntrCollector mntr;
    private final SrvrCollector srvr;
    private final ConfCollector conf;
    private final EnviCollector envi;
    private final SystemPropertiesCollector systemProperties;
    private final WatchSummaryCollector wchs;
    private final WatchesBySessionCollector wchc;
    private final WatchesByPathCollector wchp;
    private final ConsCollector cons;
    private final DumpCollector dump;
    private final RuokCollector ruok;
    private final IsroCollector isro;

    private CollectorCatalog(ParseOptions options, WatchDumpOptions dumpOptions) {
        mntr = new MntrCollector(options);
        srvr = new SrvrCollector(options);
        conf = new ConfCollector(options);
        envi = new EnviCollector(options);
        systemProperties = new SystemPropertiesCollector(options);
        wchs = new WatchSummaryCollector(options);
        wchc = new WatchesBySessionCollector(options, dumpOptions);
        wchp = new WatchesByPathCollector(options, dumpOptions);
        cons = new ConsCollector(options);
        dump = new DumpCollector(options, dumpOptions.samplePathsPerSession());
        ruok = new RuokCollector(options);
        isro = new IsroCollector(options);
    }

    public static CollectorCatalog create(ParseOptions options, WatchDumpOptions dumpOptions) {
        return new CollectorCatalog(Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(dumpOptions, "dumpOptions"));
    }

    public static CollectorCatalog defaults() {
        return create(ParseOptions.defaults(), WatchDumpOptions.defaults());
    }

    /** All collectors, one per command (the AdminServer-only {@code voting_view} is fetched by {@link #conf()}). */
    public List<Collector<?>> all() {
        return List.of(mntr, srvr, conf, envi, systemProperties, wchs, wchc, wchp, cons, dump, ruok, isro);
    }

    public MntrCollector mntr() {
        return mntr;
    }

    public SrvrCollector srvr() {
        return srvr;
    }

    public ConfCollector conf() {
        return conf;
    }

    public EnviCollector envi() {
        return envi;
    }

    public SystemPropertiesCollector systemProperties() {
        return systemProperties;
    }

    public WatchSummaryCollector wchs() {
        return wchs;
    }

    public WatchesBySessionCollector wchc() {
        return wchc;
    }

    public WatchesByPathCollector wchp() {
        return wchp;
    }

    public ConsCollector cons() {
        return cons;
    }

    public DumpCollector dump() {
        return dump;
    }

    public RuokCollector ruok() {
        return ruok;
    }

    public IsroCollector isro() {
        return isro;
    }
}
