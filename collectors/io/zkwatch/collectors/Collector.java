package io.zkwatch.collectors;

/**
 * Turns one command's reply into a typed record. One implementation per command, listed in
 * {@link io.zkwatch.collectors.command.CollectorCatalog}. The parse step is pure; the only I/O is the transport's fetch.
 */
public interface Collector<T> {

    Command command();

    /** Fetches and parses. The default fetches {@link #command()} once; a collector needing more may override. */
    default T collect(CommandTransport transport) throws CollectorException {
        try (Reply reply = transport.fetch(command())) {
            return parse(reply);
        }
    }

    /** Parses a drained reply in either format. Must not retain the reply. */
    T parse(Reply reply) throws CollectorException;
}
