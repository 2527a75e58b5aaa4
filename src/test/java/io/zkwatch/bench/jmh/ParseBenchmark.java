package io.zkwatch.bench.jmh;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Connections;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.Spool;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.command.CollectorCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parse only, from bytes already in memory: zkwatch's streaming parsers (byte-level line scanner, bounded
 * aggregation) against the naive way ({@code new String}, {@code split("\n")}, per-line maps). Method names are
 * {@code <command>_<side>} so that {@code bench/jmh-table.py} can pair them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBenchmark {

    @Param({"100000", "1000000", "10000000"})
    public int watches;

    private byte[] wchc;
    private byte[] wchp;
    private byte[] cons;
    private Spool wchcSpool;
    private Spool wchpSpool;
    private Spool consSpool;
    private CollectorCatalog collectors;

    @Setup
    public void generate() {
        GeneratedDumps dumps = new GeneratedDumps(watches);
        wchc = dumps.wchc();
        wchp = dumps.wchp();
        cons = dumps.cons();
        wchcSpool = new ArraySpool(wchc);
        wchpSpool = new ArraySpool(wchp);
        consSpool = new ArraySpool(cons);
        collectors = CollectorCatalog.create(ParseOptions.defaults(), WatchDumpOptions.defaults());
    }

    @Benchmark
    public WatchDump wchc_zkwatch(ByteCounter c) throws CollectorException {
        c.bytes += wchc.length;
        return collectors.wchc().parse(new Reply(Command.WCHC, ReplyFormat.FOUR_LETTER, wchcSpool, Duration.ZERO));
    }

    @Benchmark
    public NaiveParsers.Counts wchc_naive(ByteCounter c) {
        c.bytes += wchc.length;
        return NaiveParsers.wchc(new String(wchc, StandardCharsets.UTF_8));
    }

    @Benchmark
    public WatchDump wchp_zkwatch(ByteCounter c) throws CollectorException {
        c.bytes += wchp.length;
        return collectors.wchp().parse(new Reply(Command.WCHP, ReplyFormat.FOUR_LETTER, wchpSpool, Duration.ZERO));
    }

    @Benchmark
    public NaiveParsers.Counts wchp_naive(ByteCounter c) {
        c.bytes += wchp.length;
        return NaiveParsers.wchp(new String(wchp, StandardCharsets.UTF_8));
    }

    @Benchmark
    public Connections cons_zkwatch(ByteCounter c) throws CollectorException {
        c.bytes += cons.length;
        return collectors.cons().parse(new Reply(Command.CONS, ReplyFormat.FOUR_LETTER, consSpool, Duration.ZERO));
    }

    @Benchmark
    public List<Map<String, String>> cons_naive(ByteCounter c) {
        c.bytes += cons.length;
        return NaiveParsers.cons(new String(cons, StandardCharsets.UTF_8));
    }
}
