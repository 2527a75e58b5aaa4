package io.zkwatch.collectors.command;

import io.zkwatch.bench.jmh.GeneratedDumps;
import io.zkwatch.collectors.*;
import java.io.ByteArrayInputStream;
import java.time.Duration;

public class ScratchBench {
    interface Job { long run() throws Exception; }
    static void time(String name, byte[] data, Job j) throws Exception {
        long best = Long.MAX_VALUE; long sink = 0;
        for (int i = 0; i < 15; i++) {
            long t = System.nanoTime(); sink += j.run(); long d = System.nanoTime() - t;
            best = Math.min(best, d);
        }
        System.out.printf("%-20s %8.1f MB/s  (%d)%n", name, data.length / (best / 1e9) / 1e6, sink);
    }
    static Spool sp(byte[] b) { return new Spool() { public long size() { return b.length; } public java.io.InputStream open() { return new ByteArrayInputStream(b); } public void close() {} }; }
    public static void main(String[] a) throws Exception {
        if (a.length > 0 && a[0].equals("ids")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 1_000_000; i++) sb.append("\t0x").append(Long.toHexString(0x100007499e30000L + (i * 7919L) % 5000)).append('\n');
            byte[] d = sb.toString().getBytes();
            for (int r = 0; r < 3; r++) {
            time("ids fast", d, () -> { LineScanner l = new LineScanner(new ByteArrayInputStream(d), Command.WCHP, ParseOptions.defaults()); long x = 0; l.next(); while (true) { while (l.nextIdLine()) x ^= l.lineId(); if (!l.next()) break; x ^= l.hexId(1);} return x; });
            time("ids slow", d, () -> { LineScanner l = new LineScanner(new ByteArrayInputStream(d), Command.WCHP, ParseOptions.defaults()); long x = 0; while (l.next()) x ^= l.hexId(1); return x; });
            time("nl only", d, () -> { LineScanner l = new LineScanner(new ByteArrayInputStream(d), Command.WCHP, ParseOptions.defaults()); long x = 0; while (l.next()) x += l.length(); return x; });
            }
            return;
        }
        if (a.length > 0) {
            GeneratedDumps g0 = new GeneratedDumps(1_000_000);
            byte[] d = a[0].equals("wchp") ? g0.wchp() : g0.wchc();
            Command cmd = a[0].equals("wchp") ? Command.WCHP : Command.WCHC;
            WatchDumpOptions wo = a.length > 1 ? new WatchDumpOptions(20, 2, Integer.parseInt(a[1])) : WatchDumpOptions.defaults();
            Collector<WatchDump> col = a[0].equals("wchp") ? new WatchesByPathCollector(ParseOptions.defaults(), wo) : new WatchesBySessionCollector(ParseOptions.defaults(), wo);
            if (a.length > 2) {
                DumpSink nop = new DumpSink() { long x; public void beginSession(long s) { x += s; } public void watchedPath(byte[] b, int f, int to) { x += to; } public void beginPath(byte[] b, int f, int to) { x += to; } public void watcher(long s) { x ^= s; } public void endGroup() { x++; } public String toString() { return "" + x; } };
                WatchDumpCollector wc = (WatchDumpCollector) col;
                long end2 = System.nanoTime() + 8_000_000_000L; int n2 = 0;
                while (System.nanoTime() < end2) { try (java.io.InputStream in = new ByteArrayInputStream(d)) { wc.readFourLetter(in, nop); } n2++; }
                System.out.println(a[0] + " read-only " + (n2 * (double) d.length / 8 / 1e6) + " MB/s " + nop);
                return;
            }
            long end = System.nanoTime() + 8_000_000_000L; long best = Long.MAX_VALUE;
            while (System.nanoTime() < end) { long t0 = System.nanoTime(); try { col.parse(new Reply(cmd, ReplyFormat.FOUR_LETTER, sp(d), Duration.ZERO)); } catch (CollectorException | RuntimeException e) { } best = Math.min(best, System.nanoTime() - t0); }
            System.out.printf("%s best %.0f MB/s%n", a[0], d.length / (best / 1e9) / 1e6);
            return;
        }
        GeneratedDumps g = new GeneratedDumps(1_000_000);
        byte[] wchp = g.wchp(); byte[] wchc = g.wchc();
        ParseOptions po = ParseOptions.defaults();
        for (byte[] d : new byte[][]{wchp, wchc}) {
            time("scan", d, () -> { LineScanner l = new LineScanner(new ByteArrayInputStream(d), Command.WCHP, po); long n = 0; while (l.next()) n += l.length(); return n; });
            time("scan+hex", d, () -> { LineScanner l = new LineScanner(new ByteArrayInputStream(d), Command.WCHP, po); long n = 0; while (l.next()) { if (!l.isEmpty() && l.byteAt(0)=='\t' && l.byteAt(1)=='0') n += l.hexId(1); } return n; });
            time("scan+hash", d, () -> { LineScanner l = new LineScanner(new ByteArrayInputStream(d), Command.WCHP, po); long n = 0; while (l.next()) { if (!l.isEmpty() && l.byteAt(1)=='/') n += PathBytes.hash(l.bytes(), l.start() + 1, l.end()); } return n; });
        }
        WatchesByPathCollector p = new WatchesByPathCollector(po, WatchDumpOptions.defaults());
        time("wchp full", wchp, () -> p.parse(new Reply(Command.WCHP, ReplyFormat.FOUR_LETTER, sp(wchp), Duration.ZERO)).totalWatches());
        WatchesBySessionCollector c = new WatchesBySessionCollector(po, WatchDumpOptions.defaults());
        time("wchc full", wchc, () -> c.parse(new Reply(Command.WCHC, ReplyFormat.FOUR_LETTER, sp(wchc), Duration.ZERO)).totalWatches());
        WatchVisitor nop = (s, path) -> {};
        time("wchp visit-nop", wchp, () -> { p.stream(new Reply(Command.WCHP, ReplyFormat.FOUR_LETTER, sp(wchp), Duration.ZERO), nop); return 0; });
        time("wchc visit-nop", wchc, () -> { c.stream(new Reply(Command.WCHC, ReplyFormat.FOUR_LETTER, sp(wchc), Duration.ZERO), nop); return 0; });
    }
}
