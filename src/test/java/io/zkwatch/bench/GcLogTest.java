package io.zkwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GcLogTest {

    @Test
    void takesTheLargestHeapBeforeAndAfterAnyCollection() {
        String log = String.join("\n",
                "[0.012s][info][gc] Using G1",
                "[1.204s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 23M->4M(256M) 3.117ms",
                "[5.880s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 180M->97M(256M) 9.2ms",
                "[5.881s][info][gc] GC(2) Concurrent Mark Cycle",
                "[9.002s][info][gc] GC(3) Pause Full (G1 Compaction Pause) 250M->120M(256M) 80.5ms",
                "[9.500s][info][gc] GC(4) Pause Remark 130M->130M(256M) 1.0ms",
                "");

        GcLog gc = GcLog.parse(log);

        assertEquals(4, gc.collections());
        assertEquals(1, gc.fullCollections());
        assertEquals(250, gc.peakUsedBeforeGcMiB());
        assertEquals(130, gc.peakAfterGcMiB());
        assertEquals(256, gc.maxCommittedMiB());
    }

    @Test
    void aLogWithoutCollectionsReportsNone() {
        GcLog gc = GcLog.parse("[0.012s][info][gc] Using G1\n");

        assertEquals(0, gc.collections());
        assertEquals(0, gc.peakUsedBeforeGcMiB());
    }
}
