package io.zkwatch.collectors;

/**
 * How strictly and how privately a reply is parsed.
 *
 * <p>Znode paths can carry customer data (user names, tenant ids), and error messages travel to logs and the
 * HTTP API. With {@code redactPaths} on, no parser puts any raw line, path or JSON text into a
 * {@link CollectorException} message: messages then name only the command, the line number and what was
 * expected there.
 *
 * @param redactPaths keep raw reply content out of every error message
 * @param maxLineLength a 4lw line, or a JSON string, longer than this many bytes fails as {@link FailureKind#TOO_LARGE};
 *     it bounds the parser's buffer, which is reused from line to line
 */
public record ParseOptions(boolean redactPaths, int maxLineLength) {

    /** Smallest accepted line cap: every fixed line ZooKeeper prints is shorter. */
    public static final int MIN_LINE_LENGTH = 64;

    public ParseOptions {
        if (maxLineLength < MIN_LINE_LENGTH) {
            throw new IllegalArgumentException("maxLineLength must be at least " + MIN_LINE_LENGTH);
        }
    }

    /** No redaction; the line cap of {@link Limits#defaults()}. */
    public static ParseOptions defaults() {
        return new ParseOptions(false, Limits.defaults().maxLineLength());
    }

    public ParseOptions withRedactPaths(boolean redact) {
        return new ParseOptions(redact, maxLineLength);
    }

    public ParseOptions withMaxLineLength(int length) {
        return new ParseOptions(redactPaths, length);
    }
}
