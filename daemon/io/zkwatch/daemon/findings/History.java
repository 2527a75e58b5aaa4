package io.zkwatch.daemon.findings;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The recent frames of one ensemble, oldest first, bounded twice: by age ({@code history_window}) and by count, so
 * that a fast poll cadence cannot grow it without limit. Not thread-safe; the engine owns it.
 */
final class History {

    /** The most frames kept, whatever the window: an hour at one frame every second. */
    static final int MAX_FRAMES = 3600;

    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private final int maxFrames;

    History() {
        this(MAX_FRAMES);
    }

    History(int maxFrames) {
        this.maxFrames = maxFrames;
    }

    void add(Frame frame, Duration window) {
        frames.addLast(frame);
        while (!frames.isEmpty() && frames.peekFirst().at().isBefore(frame.at().minus(window))) {
            frames.removeFirst();
        }
        while (frames.size() > maxFrames) {
            frames.removeFirst();
        }
    }

    List<Frame> frames() {
        return List.copyOf(frames);
    }

    int size() {
        return frames.size();
    }
}
