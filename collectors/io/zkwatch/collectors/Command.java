package io.zkwatch.collectors;

import java.util.Optional;

/**
 * A ZooKeeper read command, with its four-letter word and its AdminServer equivalent.
 *
 * <p>The AdminServer name is the path segment under {@code /commands/}. The expensive flag marks the
 * dumps whose size grows with the server's watch or session count; the poller runs them on a slower,
 * guarded cadence because the default NIO server writes them while holding the watch manager's lock.
 */
public enum Command {
    MNTR("mntr", "monitor", false),
    SRVR("srvr", "server_stats", false),
    CONF("conf", "configuration", false),
    /** AdminServer {@code voting_view}: the membership that {@code conf} prints inline on the 4lw side. */
    VOTING_VIEW(null, "voting_view", false),
    ENVI("envi", "environment", false),
    /**
     * AdminServer {@code system_properties}: the only listing that shows JVM settings such as
     * {@code zookeeper.watchManagerName}; {@code envi} prints a fixed set of keys.
     */
    SYSTEM_PROPERTIES(null, "system_properties", false),
    WCHS("wchs", "watch_summary", false),
    WCHC("wchc", "watches", true),
    WCHP("wchp", "watches_by_path", true),
    CONS("cons", "connections", false),
    DUMP("dump", "dump", true),
    RUOK("ruok", "ruok", false),
    ISRO("isro", "is_read_only", false);

    private final String fourLetterWord;
    private final String adminName;
    private final boolean expensive;

    Command(String fourLetterWord, String adminName, boolean expensive) {
        this.fourLetterWord = fourLetterWord;
        this.adminName = adminName;
        this.expensive = expensive;
    }

    /** The four-letter word, or empty when the command exists only on the AdminServer. */
    public Optional<String> fourLetterWord() {
        return Optional.ofNullable(fourLetterWord);
    }

    public String adminName() {
        return adminName;
    }

    public boolean expensive() {
        return expensive;
    }

    /** The name used in metrics labels and logs: the 4lw where there is one. */
    public String label() {
        return fourLetterWord != null ? fourLetterWord : adminName;
    }
}
