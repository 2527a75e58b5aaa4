package io.zkwatch.daemon.findings;

import io.zkwatch.daemon.findings.MemberFrame.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Helpers the detectors share for walking a history. */
final class Frames {

    private Frames() {
    }

    static Frame latest(List<Frame> frames) {
        return frames.get(frames.size() - 1);
    }

    /**
     * The member's frames since it last was down or absent, oldest first: a restart resets a server's watches and
     * counters, so no trend or run may span one.
     */
    static List<MemberFrame> sinceLastRestart(List<Frame> frames, String server) {
        List<MemberFrame> out = new ArrayList<>();
        for (Frame f : frames) {
            Optional<MemberFrame> m = f.member(server);
            if (m.isEmpty() || !m.get().up()) {
                out.clear();
            } else {
                out.add(m.get());
            }
        }
        return out;
    }

    /** One sample per distinct reading time, oldest first. */
    static List<Sample> distinct(List<MemberFrame> frames, Function<MemberFrame, Optional<Sample>> reading) {
        List<Sample> out = new ArrayList<>();
        Instant last = null;
        for (MemberFrame f : frames) {
            Optional<Sample> s = reading.apply(f);
            if (s.isPresent() && (last == null || s.get().at().isAfter(last))) {
                out.add(s.get());
                last = s.get().at();
            }
        }
        return out;
    }

    /** A number for a human: integral values without decimals, others with at most two. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
