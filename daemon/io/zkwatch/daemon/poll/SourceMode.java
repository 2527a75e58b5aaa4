package io.zkwatch.daemon.poll;

/** Which way zkwatch reads a member. */
public enum SourceMode {
    /** Four-letter words; a command the whitelist refuses is read from the AdminServer instead, when one is known. */
    AUTO,
    /** Four-letter words only. */
    FOUR_LETTER,
    /** AdminServer JSON only. */
    ADMIN
}
