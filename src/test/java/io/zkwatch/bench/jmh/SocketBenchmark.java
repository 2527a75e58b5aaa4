package io.zkwatch.bench.jmh;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.command.CollectorCatalog;
import io.zkwatch.collectors.transport.Transports;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.apache.zookeeper.common.X509Exception.SSLContextException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * End to end over a loopback socket: zkwatch's 4lw transport (drain into a spool that spills to a file past
 * 8 MiB, as the daemon's default does), then its parser, against ZooKeeper's own
 * {@code FourLetterWordMain.send4LetterWord} into a String, then {@code split("\n")} and per-line maps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SocketBenchmark {

    @Param({"100000", "1000000", "10000000"})
    public int watches;

    private long wchcSize;
    private long wchpSize;
    private DumpServer server;
    private CommandTransport transport;
    private CollectorCatalog collectors;

    @Setup
    public void start() throws IOException {
        GeneratedDumps dumps = new GeneratedDumps(watches);
        byte[] wchc = dumps.wchc();
        byte[] wchp = dumps.wchp();
        wchcSize = wchc.length;
        wchpSize = wchp.length;
        server = new DumpServer(Map.of("wchc", wchc, "wchp", wchp));
        Limits limits = new Limits(Duration.ofSeconds(2), Duration.ofSeconds(120), 4L << 30, 1 << 20, 8 << 20,
                Path.of(System.getProperty("java.io.tmpdir")));
        transport = Transports.fourLetter("127.0.0.1", server.port(), limits);
        collectors = CollectorCatalog.create(ParseOptions.defaults(), WatchDumpOptions.defaults());
    }

    @TearDown
    public void stop() throws IOException {
        server.close();
    }

    @Benchmark
    public WatchDump wchcSocket_zkwatch(ByteCounter c) throws CollectorException {
        c.bytes += wchcSize;
        return collectors.wchc().collect(transport);
    }

    @Benchmark
    public NaiveParsers.Counts wchcSocket_naive(ByteCounter c) throws IOException, SSLContextException {
        c.bytes += wchcSize;
        return NaiveParsers.wchc(FourLetterWordMain.send4LetterWord("127.0.0.1", server.port(), "wchc"));
    }

    @Benchmark
    public WatchDump wchpSocket_zkwatch(ByteCounter c) throws CollectorException {
        c.bytes += wchpSize;
        return collectors.wchp().collect(transport);
    }

    @Benchmark
    public NaiveParsers.Counts wchpSocket_naive(ByteCounter c) throws IOException, SSLContextException {
        c.bytes += wchpSize;
        return NaiveParsers.wchp(FourLetterWordMain.send4LetterWord("127.0.0.1", server.port(), "wchp"));
    }
}
