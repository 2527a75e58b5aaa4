package io.zkwatch.bench.jmh;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.command.MntrCollector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * {@code mntr} parse only, of real followers' replies: its size does not grow with watches, so the parameter is the
 * version instead (3.9.6: 548 values in 17 KB; 3.5.10: 17 values in 417 bytes, where the per-reply costs show).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MntrBenchmark {

    @Param({"3.9.6", "3.5.10"})
    public String version;

    private byte[] mntr;
    private ArraySpool spool;
    private MntrCollector collector;

    @Setup
    public void generate() {
        mntr = GeneratedDumps.mntr(version, 1_000_000);
        spool = new ArraySpool(mntr);
        collector = new MntrCollector(ParseOptions.defaults());
    }

    @Benchmark
    public MonitorStats mntr_zkwatch(ByteCounter c) throws CollectorException {
        c.bytes += mntr.length;
        return collector.parse(new Reply(Command.MNTR, ReplyFormat.FOUR_LETTER, spool, Duration.ZERO));
    }

    @Benchmark
    public Map<String, String> mntr_naive(ByteCounter c) {
        c.bytes += mntr.length;
        return NaiveParsers.mntr(new String(mntr, StandardCharsets.UTF_8));
    }
}
