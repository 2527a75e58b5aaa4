package io.zkwatch.bench.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reply bytes handled, reported by JMH beside the operation rate: in throughput mode {@code bytes} comes out in
 * bytes per second, and bytes per operation is that divided by the operation rate (used to turn
 * {@code gc.alloc.rate.norm} into allocation per MB of reply).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCounter {

    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
    }
}
