package io.zkwatch.bench.jmh;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.command.CollectorCatalog;
import io.zkwatch.daemon.export.LabelPolicy;
import io.zkwatch.daemon.export.MetricsRegistry;
import io.zkwatch.daemon.export.SnapshotExporter;
import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import io.zkwatch.daemon.snapshot.MemberOrigin;
import io.zkwatch.daemon.snapshot.MemberSnapshot;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.daemon.snapshot.Timed;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * One {@code /metrics} scrape: the text exposition of a snapshot holding one member's {@code mntr}, {@code cons},
 * {@code wchc} and {@code wchp} of a generated server with this many watches, at the daemon's default
 * {@code top_n} of 50. {@code bytes} counts the exposition text produced.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RenderBenchmark {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    @Param({"100000", "1000000", "10000000"})
    public int watches;

    private MetricsRegistry registry;

    @Setup
    public void build() throws CollectorException {
        GeneratedDumps dumps = new GeneratedDumps(watches);
        CollectorCatalog c = CollectorCatalog.create(ParseOptions.defaults(), WatchDumpOptions.defaults());
        MemberSnapshot member = MemberSnapshot.unpolled("10.0.0.1:2181", MemberOrigin.CONFIGURED).with()
                .up(true, AT)
                .monitor(Optional.of(new Timed<>(c.mntr().parse(reply(Command.MNTR, GeneratedDumps.mntr(watches))), AT)))
                .connections(Optional.of(new Timed<>(c.cons().parse(reply(Command.CONS, dumps.cons())), AT)))
                .watchesBySession(Optional.of(new Timed<>(c.wchc().parse(reply(Command.WCHC, dumps.wchc())), AT)))
                .watchesByPath(Optional.of(new Timed<>(c.wchp().parse(reply(Command.WCHP, dumps.wchp())), AT)))
                .build();
        SnapshotStore store = new SnapshotStore();
        EnsembleSnapshot snapshot = new EnsembleSnapshot("bench", AT, List.of(member));
        store.register("bench", AT);
        store.update("bench", s -> snapshot);
        registry = MetricsRegistry.withoutJvmMetrics(io.micrometer.core.instrument.Clock.SYSTEM);
        registry.register(new SnapshotExporter(store, e -> 50, e -> LabelPolicy.raw(),
                Clock.fixed(AT.plusSeconds(1), ZoneOffset.UTC)));
    }

    private static Reply reply(Command command, byte[] bytes) {
        return new Reply(command, ReplyFormat.FOUR_LETTER, new ArraySpool(bytes), Duration.ZERO);
    }

    @TearDown
    public void close() {
        registry.close();
    }

    @Benchmark
    public String metrics_render(ByteCounter c) throws IOException {
        StringWriter out = new StringWriter(1 << 16);
        registry.write(out, Set.of());
        String text = out.toString();
        c.bytes += text.length();
        return text;
    }
}
