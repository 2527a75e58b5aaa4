package io.zkwatch.collectors.command;

import io.zkwatch.bench.jmh.ByteCounter;
import io.zkwatch.bench.jmh.GeneratedDumps;
import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.WatchDumpOptions;
import java.io.ByteArrayInputStream;
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
 * The watch-dump parsers without the aggregation: the reply's bytes read into session ids and checked path bytes
 * (strict UTF-8, absolute, no control character, complete, within the line cap), handed to a sink that only
 * folds them into a checksum. {@code ParseBenchmark}'s {@code zkwatch} side is this plus the bounded counting;
 * the difference between the two is what the counting costs. Here, in the parsers' package, because the sink
 * interface is the parsers' own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DumpReadBenchmark {

    @Param({"100000", "1000000", "10000000"})
    public int watches;

    private byte[] wchc;
    private byte[] wchp;
    private WatchesBySessionCollector bySession;
    private WatchesByPathCollector byPath;

    /** Folds everything it is handed into one number, so that nothing read can be optimised away. */
    private static final class Checksum implements DumpSink {
        long sum;

        @Override
        public void beginSession(long sessionId) {
            sum += sessionId;
        }

        @Override
        public void watchedPath(byte[] buf, int from, int to) {
            sum += to - from + buf[to - 1];
        }

        @Override
        public void beginPath(byte[] buf, int from, int to) {
            sum += to - from + buf[to - 1];
        }

        @Override
        public void watcher(long sessionId) {
            sum ^= sessionId;
        }

        @Override
        public void endGroup() {
            sum++;
        }
    }

    @Setup
    public void generate() {
        GeneratedDumps dumps = new GeneratedDumps(watches);
        wchc = dumps.wchc();
        wchp = dumps.wchp();
        bySession = new WatchesBySessionCollector(ParseOptions.defaults(), WatchDumpOptions.defaults());
        byPath = new WatchesByPathCollector(ParseOptions.defaults(), WatchDumpOptions.defaults());
    }

    @Benchmark
    public long wchc_read(ByteCounter c) throws CollectorException {
        return read(c, bySession, wchc);
    }

    @Benchmark
    public long wchp_read(ByteCounter c) throws CollectorException {
        return read(c, byPath, wchp);
    }

    private static long read(ByteCounter c, WatchDumpCollector collector, byte[] reply) throws CollectorException {
        c.bytes += reply.length;
        Checksum sink = new Checksum();
        collector.readFourLetter(new ByteArrayInputStream(reply), sink);
        return sink.sum;
    }
}
