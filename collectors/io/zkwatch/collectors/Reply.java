package io.zkwatch.collectors;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;

/** The raw, fully drained reply to one command. Closing it deletes its spool. */
public record Reply(Command command, ReplyFormat format, Spool body, Duration took) implements AutoCloseable {
    public Reply {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(took, "took");
    }

    public InputStream open() throws IOException {
        return body.open();
    }

    public long size() {
        return body.size();
    }

    @Override
    public void close() {
        body.close();
    }
}
