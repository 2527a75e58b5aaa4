package io.zkwatch.daemon.findings;

import java.util.Locale;

/** What a finding is about: the value of the {@code finding} label of {@code zkwatch_finding}. */
public enum FindingKind {
    /** One member holds far more than its fair share of connections or watches. */
    SKEW,
    /** Sessions that are closed but whose watches a member still holds (ZOOKEEPER-1382). */
    ORPHANED_WATCHES,
    /** A member's watch count grows steadily. */
    WATCH_GROWTH,
    /** A member's approximate data size, znode count or used heap grows steadily ({@code subject} says which). */
    MEMORY_GROWTH,
    /** One session's own watch count keeps climbing: a leaking client. */
    SESSION_WATCH_GROWTH,
    /** One client host watches the same path from a growing number of sessions. */
    PATH_WATCH_PATTERN,
    /** One client host watches {@code /zookeeper/config} from many sessions (Curator EnsembleTracker, CURATOR-710). */
    CONFIG_WATCH_LEAK,
    /** Sessions from one client host keep rising, or exceed a limit. */
    CONNECTION_LEAK,
    /** A member does not answer, or is not serving. */
    MEMBER_UNREACHABLE,
    /** A member found in the ensemble's membership that zkwatch's configuration does not list. */
    MEMBER_NOT_CONFIGURED,
    /** A command needed by a finding is refused (4lw whitelist, AdminServer authorization). */
    COMMAND_REFUSED;

    /** The label value: the lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
