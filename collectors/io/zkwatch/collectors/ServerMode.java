package io.zkwatch.collectors;

import java.util.Locale;

/** What a member says it is: the {@code Mode:} of {@code srvr} and the {@code server_state} of {@code mntr}. */
public enum ServerMode {
    LEADER("leader"),
    FOLLOWER("follower"),
    OBSERVER("observer"),
    STANDALONE("standalone"),
    READ_ONLY("read-only"),
    /** A state this version of zkwatch does not know; kept apart so it is never mistaken for a known one. */
    UNKNOWN("unknown");

    private final String text;

    ServerMode(String text) {
        this.text = text;
    }

    /** The word ZooKeeper prints. */
    public String text() {
        return text;
    }

    public static ServerMode fromText(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (ServerMode m : values()) {
            if (m != UNKNOWN && m.text.equals(t)) {
                return m;
            }
        }
        return UNKNOWN;
    }
}
