package io.zkwatch.collectors;

/**
 * Fetches the raw reply of one command from one ensemble member.
 *
 * <p>Implementations: plain four-letter words over TCP, four-letter words over TLS, and AdminServer HTTP(S).
 * Every call has a connect timeout and an overall deadline, drains the whole reply into a {@link Spool} at
 * the network's pace (never the parser's), and closes its socket on every path. A failure is always a
 * {@link CollectorException} with a {@link FailureKind}; refusals that the server writes as text (the 4lw
 * whitelist, "not currently serving requests") are recognised here so no parser ever sees them as data.
 */
public interface CommandTransport {

    ReplyFormat format();

    /** The member this transport talks to, as {@code host:port} or the AdminServer base URL. */
    String target();

    Reply fetch(Command command) throws CollectorException;
}
