package io.zkwatch.daemon.localzk;

/**
 * A local ZooKeeper server could not be assembled, started or reached. The message names the server or
 * version and carries the tail of the relevant log, so a failing test explains itself.
 */
public final class LocalZkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LocalZkException(String message) {
        super(message);
    }

    public LocalZkException(String message, Throwable cause) {
        super(message, cause);
    }
}
