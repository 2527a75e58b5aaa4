package io.zkwatch.daemon.snapshot;

/** How zkwatch came to poll a member. A member found only by discovery is itself worth reporting. */
public enum MemberOrigin {
    /** Listed in zkwatch's configuration and in the ensemble's membership (or the membership is unknown). */
    CONFIGURED,
    /** In the ensemble's membership (from {@code conf}) but not in zkwatch's configuration. */
    DISCOVERED,
    /** Listed in zkwatch's configuration but absent from the membership the ensemble reports. */
    NOT_IN_MEMBERSHIP;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
