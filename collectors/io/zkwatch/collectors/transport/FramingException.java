package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.FailureKind;
import java.io.IOException;

/**
 * A reply whose framing is broken (an HTTP body cut short, a bad chunk header), raised inside a stream where
 * only IOException may pass, and turned into a {@link io.zkwatch.collectors.CollectorException} of its kind.
 */
final class FramingException extends IOException {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    FramingException(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    FailureKind kind() {
        return kind;
    }
}
