package io.zkwatch.daemon.config;

/**
 * Where the poller gets each command's answer from.
 *
 * <p>{@link #AUTO} exists because ZooKeeper's default 4lw whitelist allows only {@code srvr}, while the
 * AdminServer serves every read command regardless of it: auto asks the 4lw first and asks the AdminServer
 * for the commands the whitelist refuses.
 */
public enum CommandSource implements ConfigName {
    /** Four-letter words first; the AdminServer for commands the whitelist refuses. */
    AUTO("auto"),
    /** Four-letter words only. */
    FOUR_LETTER_WORDS("4lw"),
    /** The AdminServer only. */
    ADMIN("admin");

    private final String configName;

    CommandSource(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
