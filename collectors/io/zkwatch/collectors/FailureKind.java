package io.zkwatch.collectors;

/**
 * Why a command produced no value. Every failure is one of these, so that nothing is ever read as zero.
 * The lower-case name is used as a metric label value and in the API.
 */
public enum FailureKind {
    /** The 4lw whitelist refused the command: "{@code <cmd> is not executed because it is not in the whitelist.}" */
    NOT_WHITELISTED,
    /** "This ZooKeeper instance is not currently serving requests". */
    NOT_SERVING,
    CONNECTION_REFUSED,
    /** The connect timeout or the overall deadline passed. */
    TIMEOUT,
    TLS_HANDSHAKE,
    /** The AdminServer refused the request for lack of, or bad, credentials (HTTP 401/403). */
    HTTP_UNAUTHORIZED,
    /** The AdminServer or the command does not exist there (HTTP 404, or "Unknown command"). */
    HTTP_NOT_FOUND,
    /** Any other unexpected HTTP status. */
    HTTP_STATUS,
    /** The server closed the connection with nothing written. */
    EMPTY_REPLY,
    /** The reply stopped mid-record, or its totals disagree with the server's own summary. */
    TRUNCATED,
    /** The reply could not be parsed; the message carries the line number. */
    UNPARSEABLE,
    /** The reply exceeded the configured byte or line cap and was abandoned unparsed. */
    TOO_LARGE,
    /** The command is not meaningful on this member (for example {@code dump} on a follower). */
    UNAVAILABLE,
    /** Skipped on purpose by a guard (dumps off, watch count above the opt-in limit, another dump in flight). */
    SKIPPED,
    /** Any other I/O error. */
    IO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
